// `npm run demo:advance` finds the running demo: the URL `npm run demo` recorded in
// .cache/tend-demo.json (app/demo/running.server.ts), unless PORT says otherwise.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loopbackUrl, recordRunningDemo } from "../../../app/demo/running.server";

const CLI = path.resolve(import.meta.dirname, "../../../app/cli/demo-advance.mjs");

interface FakeDemo {
  server: Server;
  port: number;
  bodies: unknown[];
}

/** Answers POST /demo/clock like the demo's JSON endpoint. */
async function fakeDemo(): Promise<FakeDemo> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      bodies.push({ path: req.url, body: JSON.parse(raw) });
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ now: "2026-12-04T16:00:00.000Z", sent: 7, quiet: null }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as AddressInfo).port, bodies };
}

function run(cwd: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const base = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => k !== "PORT" && k !== "HOST"),
    );
    const child = spawn(process.execPath, [CLI, "2h"], {
      cwd,
      env: { ...base, ...env } as NodeJS.ProcessEnv,
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out }));
  });
}

let dir = "";
let recorded: FakeDemo;
let other: FakeDemo;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "tend-demo-cli-"));
  recorded = await fakeDemo();
  other = await fakeDemo();
  await recordRunningDemo(
    { url: loopbackUrl("0.0.0.0", recorded.port), pid: process.pid, startedAt: new Date(0).toISOString() },
    dir,
  );
});
afterAll(async () => {
  for (const d of [recorded, other]) await new Promise((r) => d.server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run demo:advance", () => {
  it("advances the demo recorded at start when PORT is not set", async () => {
    const { code, out } = await run(dir, {});
    expect(code, out).toBe(0);
    expect(out).toContain("demo clock is now 2026-12-04T16:00:00.000Z; 7 emails went out on the way");
    expect(recorded.bodies).toEqual([{ path: "/demo/clock", body: { advance: "2h" } }]);
  });

  it("PORT wins over the recorded demo", async () => {
    const { code, out } = await run(dir, { PORT: String(other.port) });
    expect(code, out).toBe(0);
    expect(other.bodies).toHaveLength(1);
    expect(recorded.bodies).toHaveLength(1);
  });

  it("a recorded demo whose process is gone is not used; the error names the address tried", async () => {
    const gone = mkdtempSync(path.join(tmpdir(), "tend-demo-cli-gone-"));
    await recordRunningDemo(
      { url: loopbackUrl("127.0.0.1", recorded.port), pid: 2 ** 22 + 1, startedAt: "" },
      gone,
    );
    // HOST moves the fallback (port 3000) to an address nothing listens on.
    const { code, out } = await run(gone, { HOST: "127.0.0.2" });
    expect(code).toBe(1);
    expect(out).toContain("cannot reach the demo at http://127.0.0.2:3000");
    expect(recorded.bodies).toHaveLength(1);
    rmSync(gone, { recursive: true, force: true });
  });
});
