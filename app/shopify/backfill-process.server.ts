// Backfill files are ingested in a child process of the worker: a long, allocation-heavy batch job
// gets its own V8 heap with a ceiling (TEND_BACKFILL_HEAP_MB), so its memory stays bounded whatever
// the file size (V8 otherwise lets garbage grow towards the parent's much larger limit), and the
// serving process keeps its steady size. Progress is committed per batch, so a child that dies
// (or is stopped with the worker) is resumed from its last committed line by the next attempt.
import { type ChildProcess, fork } from "node:child_process";

const children = new Set<ChildProcess>();

/** Runs `run.mjs backfill <jobId>` and resolves when it exits cleanly. */
export function ingestInChildProcess(entry: string, jobId: string, heapMb: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(entry, ["backfill", jobId], {
      execArgv: [`--max-old-space-size=${heapMb}`],
      stdio: "inherit",
    });
    children.add(child);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      children.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`backfill process for job ${jobId} exited with ${signal ?? `code ${code}`}`));
    });
  });
}

/** Stops running children (their work so far is committed; the next start resumes it). */
export function stopBackfillProcesses(): void {
  for (const child of children) child.kill("SIGTERM");
}
