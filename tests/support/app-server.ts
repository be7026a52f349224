// Starts Tend's production build in demo mode on a fresh SQLite file and a free loopback port,
// for browser tests and the admin benchmark. The demo bypass then authenticates loopback requests
// as the demo shop; tests seed what they need through `db` (the same file the server uses).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import type { Db } from "../../app/db/client.server";
import { DEMO_SHOP } from "../../app/demo/local-admin.server";
import { createTestDatabase, openTestDb } from "./database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BUILD_ENTRY = path.join(ROOT, "build/server/index.js");

export interface AppServer {
  url: string;
  shop: string;
  databaseUrl: string;
  db: Db;
  logs: () => string;
  stop: () => Promise<void>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

let built = false;
/** Builds once per test process, and only when app/ changed since the last build. */
export function ensureProductionBuild(): void {
  if (built || process.env.TEND_E2E_SKIP_BUILD === "1") return;
  const stale =
    !existsSync(BUILD_ENTRY) || newestMtime(path.join(ROOT, "app")) > statSync(BUILD_ENTRY).mtimeMs;
  if (stale) {
    // vitest's own variables would make vite.config.ts leave the Remix plugin out.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST")));
    const r = spawnSync("npm", ["run", "build", "--silent"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...env, NODE_ENV: "production" },
    });
    if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
  }
  built = true;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Tend exited with ${child.exitCode}:\n${logs()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`Tend did not become healthy in 60 s:\n${logs()}`);
}

export interface StartOptions {
  /** Extra environment, e.g. TEND_WORKER=inline to let the scheduler run. */
  env?: Record<string, string>;
  /** A database the test prepared (migrated) before the server starts; a fresh one otherwise. */
  databaseUrl?: string;
}

export async function startAppServer(options: StartOptions = {}): Promise<AppServer> {
  ensureProductionBuild();
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase("e2e"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(process.execPath, [path.join(ROOT, "app/cli/run.mjs"), "start"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      TEND_MODE: "demo",
      DATABASE_URL: databaseUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      TEND_WORKER: "off",
      LOG_LEVEL: "warn",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const logs = () => output.slice(-20_000);
  await waitForHealth(url, child, logs);
  const db = await openTestDb(databaseUrl);
  return {
    url,
    shop: DEMO_SHOP,
    databaseUrl,
    db,
    logs,
    async stop() {
      // The server's output is kept for a failing run's post-mortem (tests/.artifacts is gitignored).
      mkdirSync(path.join(ROOT, "tests/.artifacts"), { recursive: true });
      writeFileSync(path.join(ROOT, `tests/.artifacts/server-${port}.log`), output);
      await db.$disconnect();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
    },
  };
}
