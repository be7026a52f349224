// The module-graph rules CI enforces: production modules never import the demo (checked on
// temporary trees that pass and fail, and on the real app/), and services.server.ts sits on no
// runtime import cycle.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { demoImportViolations } from "../../../app/cli/check-demo-imports.mjs";
import { cyclesThrough, importGraph } from "../../../app/cli/import-graph.mjs";

const APP = path.resolve(import.meta.dirname, "../../../app");
const trees: string[] = [];

/** Writes files (path -> source) under a fresh app/ folder and returns it. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "tend-imports-"));
  trees.push(root);
  const app = path.join(root, "app");
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
    writeFileSync(path.join(app, file), source);
  }
  return app;
}

afterEach(() => {
  for (const root of trees.splice(0)) rmSync(root, { recursive: true, force: true });
});

const demoModules = {
  "demo/store.server.ts": 'import { env } from "../env.server";\nexport const shop = env;\n',
  "demo/index.ts": "export const x = 1;\n",
  "env.server.ts": "export const env = 1;\n",
};

describe("check-demo-imports", () => {
  it("passes when only app/demo/ and the demo's routes import the demo", () => {
    const app = tree({
      ...demoModules,
      "routes/app.demo.tsx": 'import { shop } from "../demo/store.server";\nexport default () => shop;\n',
      "routes/demo.clock.tsx": 'export async function loader() { return import("~/demo/store.server"); }\n',
      "routes/app._index.tsx":
        'import { env } from "~/env.server";\nimport "./demolition";\nexport default env;\n',
      "routes/demolition.ts": 'import { z } from "demo/package";\nexport const y = z;\n',
    });
    expect(demoImportViolations(app)).toEqual([]);
  });

  it("fails on every import form reaching app/demo/ from production code", () => {
    const app = tree({
      ...demoModules,
      "admin.server.ts": 'import { shop } from "./demo/store.server";\nexport const a = shop;\n',
      "services.server.ts": 'export async function go() {\n  return import("./demo/store.server");\n}\n',
      "aliased.ts": 'export * from "~/demo/store.server";\n',
      "typed.ts": 'import type { x } from "./routes/../demo/index";\nexport type T = typeof x;\n',
      "folder.ts": 'import "./demo";\n',
      "routes/app.settings.tsx": 'import { x } from "../demo/index.js";\nexport default x;\n',
      "routes/app.demo-extra.tsx": 'import { x } from "../demo";\nexport default x;\n',
    });
    const found = demoImportViolations(app).map((v) => `${v.file}:${v.line} ${v.specifier}`);
    expect(found.sort()).toEqual(
      [
        "admin.server.ts:1 ./demo/store.server",
        "aliased.ts:1 ~/demo/store.server",
        "folder.ts:1 ./demo",
        "routes/app.demo-extra.tsx:1 ../demo",
        "routes/app.settings.tsx:1 ../demo/index.js",
        "services.server.ts:2 ./demo/store.server",
        "typed.ts:1 ./routes/../demo/index",
      ].sort(),
    );
  });

  it("finds nothing in the real app/", () => {
    expect(demoImportViolations(APP)).toEqual([]);
  });
});

describe("import cycles through services.server.ts", () => {
  it("detects a cycle closed by a dynamic import, and ignores type-only edges", () => {
    const app = tree({
      "services.server.ts": 'export async function boot() { await import("./tasks.server"); }\n',
      "tasks.server.ts": 'import "./worker.server";\n',
      "worker.server.ts": 'import { boot } from "./services.server";\nexport const w = boot;\n',
      "types.ts": 'import type { boot } from "./services.server";\nexport type B = typeof boot;\n',
      "leaf.ts": 'import "./types";\n',
    });
    const services = path.join(app, "services.server.ts");
    const cycles = cyclesThrough(importGraph(app), services).map((c) =>
      c.map((f: string) => path.relative(app, f)).join(" -> "),
    );
    expect(cycles).toEqual([
      "services.server.ts -> tasks.server.ts -> worker.server.ts -> services.server.ts",
    ]);
  });

  it("the real services.server.ts is on no runtime cycle", () => {
    const graph = importGraph(APP);
    const services = path.join(APP, "services.server.ts");
    expect(graph.get(services)?.length).toBeGreaterThan(3);
    expect(cyclesThrough(graph, services)).toEqual([]);
  });
});
