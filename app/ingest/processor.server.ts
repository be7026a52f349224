// Applies recorded webhook deliveries after the HTTP response: claims a batch of "received" rows,
// applies them (commerce topics together, set-based, in one transaction per step:
// batch-process.server.ts; the rest one by one) and records the outcome. Malformed payloads go to
// the dead-letter table; transient failures are retried later with exponential backoff (retry.ts),
// then marked failed and kept for inspection.
import { type Clock, now as processClock } from "../clock.server";
import type { Db } from "../db/client.server";
import { getDb } from "../db.server";
import { logger } from "../logger.server";
import { registerTask } from "../background-tasks";
import "../domain/subscribers.server";
import { type Handler, handlers as defaultHandlers } from "./handlers.server";
import { processClaimedBatch } from "./batch-process.server";
import type { ProcessResult } from "./one-by-one.server";

const BATCH = 200;

export type { ProcessResult };

export async function processBatch(
  db: Db,
  limit = BATCH,
  handlers: Record<string, Handler> = defaultHandlers,
  clock: Clock = processClock,
): Promise<ProcessResult> {
  return processClaimedBatch(db, limit, handlers, clock);
}

/** Rows claimed by a process that died mid-delivery go back to the queue. */
export async function releaseStaleClaims(db: Db, olderThanMs = 5 * 60_000): Promise<number> {
  const r = await db.webhookEvent.updateMany({
    where: { status: "processing", processedAt: { lt: new Date(Date.now() - olderThanMs) } },
    data: { status: "received" },
  });
  return r.count;
}

/**
 * Drains the queue; kick() wakes it immediately (only in a process that started it: a web process
 * with TEND_WORKER=off leaves processing to the workers), a timer catches anything missed.
 * drain() resolves when the queue is empty.
 */
export function createProcessor(
  db: () => Db,
  intervalMs = 1_000,
  handlers: Record<string, Handler> = defaultHandlers,
) {
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let running: Promise<void> | null = null;
  let again = false;
  function drain(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = loop().finally(() => {
      running = null;
    });
    return running;
  }
  async function loop(): Promise<void> {
    try {
      do {
        again = false;
        const r = await processBatch(db(), BATCH, handlers);
        // A full batch of only retries would spin: wait for the timer instead.
        if (r.processed + r.dead === BATCH) again = true;
      } while (again);
    } catch (error) {
      logger.error({ err: error }, "webhook processor error");
    }
  }
  return {
    kick: () => {
      if (started) void drain();
    },
    async start() {
      started = true;
      await releaseStaleClaims(db()).catch((error) =>
        logger.warn({ err: error }, "could not release stale claims"),
      );
      timer = setInterval(() => void drain(), intervalMs);
      timer.unref();
      void drain();
    },
    async stop() {
      started = false;
      if (timer) clearInterval(timer);
      if (running) await running;
    },
    drain,
  };
}

export const webhookProcessor = createProcessor(getDb);

registerTask({
  name: "webhook-processor",
  roles: ["worker"],
  start: webhookProcessor.start,
  stop: webhookProcessor.stop,
});
