// The PostgreSQL-only tests (`*.pg.test.ts`, several processes sharing one database) are not
// forgotten: the SQLite run leaves them out, and CI's PostgreSQL stage runs the project that has them.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("CI stages", () => {
  it("runs the PostgreSQL-only tests in npm run test:pg, which .ci/run calls", () => {
    expect(readFileSync(".ci/run", "utf8")).toMatch(/^npm run test:pg$/m);
    const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
    expect(scripts["test:pg"]).toMatch(/TEST_DB=postgresql vitest run --project integration\b/);
    const config = readFileSync("vite.config.ts", "utf8");
    expect(config).toContain(
      'exclude: process.env.TEST_DB === "postgresql" ? [] : ["tests/**/*.pg.test.ts"]',
    );
    const pgOnly = readdirSync("tests/integration", { recursive: true }).filter((f) =>
      String(f).endsWith(".pg.test.ts"),
    );
    expect(pgOnly.map(String)).toContain("scheduler/multi-worker-crash.pg.test.ts");
  });
});
