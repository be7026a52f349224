// Where the running demo listens, written at start for `npm run demo:advance` (app/cli) to find
// it: a demo started with PORT=4000 is then advanced without repeating the port. Kept under
// .cache/ (git-ignored) in the directory `npm run demo` runs from.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export const RUNNING_DEMO_FILE = path.join(".cache", "tend-demo.json");

export interface RunningDemo {
  url: string;
  pid: number;
  startedAt: string;
}

/** The loopback address the demo's own controls answer on (HOST 0.0.0.0 listens there too). */
export function loopbackUrl(host: string, port: number): string {
  return `http://${host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host}:${port}`;
}

export async function recordRunningDemo(demo: RunningDemo, cwd = process.cwd()): Promise<string> {
  const file = path.join(cwd, RUNNING_DEMO_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(demo, null, 2)}\n`);
  return file;
}
