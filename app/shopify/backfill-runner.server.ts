// Background ingestion of ready backfill files. Runs in the worker role; on start it resumes any
// job a crash interrupted (status downloading/ingesting), and kick() wakes it when a file is ready.
import type { Db } from "../db/client.server";
import { getDb } from "../db.server";
import { logger } from "../logger.server";
import { registerTask } from "../background-tasks";
import { env } from "../env.server";
import { ingestBackfillJob, type IngestOptions } from "./backfill-ingest.server";
import { ingestInChildProcess, stopBackfillProcesses } from "./backfill-process.server";

/** In a production process (run.mjs), in a heap-capped child; elsewhere (tests, dev) in-process. */
async function ingestJob(db: Db, jobId: string, options: IngestOptions): Promise<void> {
  const { TEND_BACKFILL_ENTRY: entry, TEND_BACKFILL_HEAP_MB: heapMb } = env();
  if (entry) await ingestInChildProcess(entry, jobId, heapMb);
  else await ingestBackfillJob(db, jobId, options);
}

export function createBackfillRunner(db: () => Db, options: IngestOptions & { intervalMs?: number } = {}) {
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const failures = new Map<string, number>();

  async function drain(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const jobs = await db().backfillJob.findMany({
          where: { status: { in: ["downloading", "ingesting"] } },
          orderBy: { startedAt: "asc" },
          select: { id: true, shop: true, resource: true, linesDone: true },
        });
        for (const job of jobs) {
          try {
            await ingestJob(db(), job.id, options);
            failures.delete(job.id);
          } catch (error) {
            // Only failures that made no progress count: a long download whose connection drops now
            // and then resumes from its last committed line every time and must not be given up.
            const after = await db().backfillJob.findUnique({
              where: { id: job.id },
              select: { linesDone: true },
            });
            const progressed = (after?.linesDone ?? 0) > job.linesDone;
            const n = progressed ? 1 : (failures.get(job.id) ?? 0) + 1;
            failures.set(job.id, n);
            logger.warn(
              { shop: job.shop, resource: job.resource, err: error, attempt: n },
              "backfill ingestion failed",
            );
            if (n >= 5) {
              await db().backfillJob.update({
                where: { id: job.id },
                data: { status: "failed", error: error instanceof Error ? error.message : String(error) },
              });
            }
          }
        }
      } while (again);
    } finally {
      running = false;
    }
  }

  return {
    kick: () => void drain().catch((error) => logger.error({ err: error }, "backfill runner error")),
    drain,
    start() {
      timer = setInterval(() => void drain().catch(() => undefined), options.intervalMs ?? 60_000);
      timer.unref();
      void drain().catch((error) => logger.error({ err: error }, "backfill runner error"));
    },
    async stop() {
      if (timer) clearInterval(timer);
      stopBackfillProcesses();
    },
  };
}

export const backfillRunner = createBackfillRunner(getDb);

registerTask({
  name: "backfill-runner",
  roles: ["worker"],
  start: backfillRunner.start,
  stop: backfillRunner.stop,
});
