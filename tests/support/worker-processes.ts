// Worker child processes for crash tests: started as `node --import tsx <script>` so the process we
// signal is the one doing the work (the tsx CLI would start a second node that SIGKILL orphans).
// Output is kept per process so a failing test can show what a worker said.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startWorker(script: string, name: string, env: Record<string, string>): WorkerProcess {
  // A TypeScript script through tsx; a bundle (.mjs, see bundleScript) by plain node, which starts
  // in a fraction of the time on a loaded machine.
  const args = script.endsWith(".ts") ? ["--import", "tsx", script] : [script];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, WORKER_NAME: name },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { name, child, output: () => out, exited };
}

/**
 * Bundles a TypeScript entry and the app code it imports into one ESM file (packages stay
 * external, resolved from node_modules), as the production build does; returns its path.
 */
export async function bundleScript(entry: string): Promise<string> {
  const { build } = await import("esbuild");
  const outfile = path.resolve("node_modules/.cache/tend-tests", `${path.basename(entry, ".ts")}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    packages: "external",
    outfile,
    logLevel: "warning",
  });
  return outfile;
}

/** Polls `check` every `everyMs` until it holds; throws naming `what` after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs: number,
  everyMs = 5,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
