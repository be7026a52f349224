// Applies recorded webhook deliveries after the HTTP response: claims a batch of "received" rows,
// runs each through its topic handler, and records the outcome. Malformed payloads go to the
// dead-letter table; transient failures are retried later with exponential backoff (retry.ts),
// then marked failed and kept for inspection.
import { type Clock, now as processClock } from "../clock.server";
import type { Db } from "../db/client.server";
import { getDb } from "../db.server";
import { logger } from "../logger.server";
import { registerTask } from "../background-tasks";
import "../domain/subscribers.server";
import { type Handler, handlers as defaultHandlers, PayloadError } from "./handlers.server";
import { publishAll } from "./announce.server";
import { claimDelivery, markProcessed } from "./delivery-status.server";
import { intakePace, rest } from "./intake-pace";
import { parseExactJson } from "./json";
import { decodeEvents } from "./outbox.server";
import { afterFailure } from "./retry";

const BATCH = 50;

export interface ProcessResult {
  processed: number;
  dead: number;
  failed: number;
}

export async function processBatch(
  db: Db,
  limit = BATCH,
  handlers: Record<string, Handler> = defaultHandlers,
  clock: Clock = processClock,
): Promise<ProcessResult> {
  // A row waiting out its backoff is skipped until its next attempt is due.
  const rows = await db.webhookEvent.findMany({
    where: { status: "received", OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: clock() } }] },
    orderBy: { receivedAt: "asc" },
    take: limit,
  });
  const result: ProcessResult = { processed: 0, dead: 0, failed: 0 };
  let began = 0;
  for (const row of rows) {
    // Receiving first: rest after each delivery while webhooks are arriving (intake-pace.ts).
    await rest(intakePace.restAfter(began ? performance.now() - began : 0));
    began = performance.now();
    // Claim it: another worker process may have picked the same row.
    if (!(await claimDelivery(db, row.id, new Date()))) continue;
    const handler = handlers[row.topic] as Handler | undefined;
    try {
      if (row.announcements) {
        // An earlier attempt applied this delivery but did not finish announcing it: the store
        // already holds its changes, so publish what it recorded rather than re-applying (outbox).
        await publishAll(db, decodeEvents(row.announcements));
      } else if (handler) {
        await handler({
          db,
          shop: row.shop,
          topic: row.topic,
          webhookId: row.webhookId,
          triggeredAt: row.triggeredAt,
          payload: parseExactJson(row.payload),
        });
      }
      await markProcessed(db, row.id, handler ? null : "no handler for topic", new Date());
      result.processed++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof PayloadError || error instanceof SyntaxError) {
        // Dead letter first: if the process dies in between, the row is retried and dead-lettered again.
        await db.deadLetter.create({
          data: {
            shop: row.shop,
            source: "webhook",
            topic: row.topic,
            webhookId: row.webhookId,
            payload: row.payload,
            error: message,
          },
        });
        await db.webhookEvent.updateMany({
          where: { id: row.id },
          data: { status: "dead", error: message, attempts: { increment: 1 }, nextAttemptAt: null },
        });
        result.dead++;
      } else {
        const attempts = row.attempts + 1;
        const next = afterFailure(attempts, clock());
        await db.webhookEvent.updateMany({
          where: { id: row.id },
          data: { attempts, error: message, ...next },
        });
        logger.warn(
          { shop: row.shop, topic: row.topic, err: error, attempts, retryAt: next.nextAttemptAt },
          next.status === "failed"
            ? "webhook handler failed; giving up"
            : "webhook handler failed; will retry",
        );
        result.failed++;
      }
    }
  }
  return result;
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
