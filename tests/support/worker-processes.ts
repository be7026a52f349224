// Worker child processes for crash tests: started as `node --import tsx <script>` so the process we
// signal is the one doing the work (the tsx CLI would start a second node that SIGKILL orphans).
// Output is kept per process so a failing test can show what a worker said.
import { type ChildProcess, spawn } from "node:child_process";

export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startWorker(script: string, name: string, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
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
