// Applies recorded webhook deliveries after the HTTP response: claims a batch of "received" rows,
// runs each through its topic handler, and records the outcome. Malformed payloads go to the
// dead-letter table; transient failures are retried a few times, then marked failed.
import type { Db } from "../db/client.server";
import { getDb } from "../db.server";
import { logger } from "../logger.server";
import { registerTask } from "../services.server";
import "../domain/subscribers.server";
import { type Handler, handlers, PayloadError } from "./handlers.server";

const BATCH = 50;
const MAX_ATTEMPTS = 5;

export interface ProcessResult {
  processed: number;
  dead: number;
  failed: number;
}

export async function processBatch(db: Db, limit = BATCH): Promise<ProcessResult> {
  const rows = await db.webhookEvent.findMany({
    where: { status: "received" },
    orderBy: { receivedAt: "asc" },
    take: limit,
  });
  const result: ProcessResult = { processed: 0, dead: 0, failed: 0 };
  for (const row of rows) {
    const handler = handlers[row.topic] as Handler | undefined;
    try {
      if (handler) {
        await handler({
          db,
          shop: row.shop,
          topic: row.topic,
          webhookId: row.webhookId,
          triggeredAt: row.triggeredAt,
          payload: JSON.parse(row.payload),
        });
      }
      await db.webhookEvent.update({
        where: { id: row.id },
        data: { status: "processed", processedAt: new Date(), attempts: { increment: 1 }, error: handler ? null : "no handler for topic" },
      });
      result.processed++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof PayloadError || error instanceof SyntaxError) {
        await db.$transaction([
          db.deadLetter.create({
            data: { shop: row.shop, source: "webhook", topic: row.topic, webhookId: row.webhookId, payload: row.payload, error: message },
          }),
          db.webhookEvent.update({ where: { id: row.id }, data: { status: "dead", error: message, attempts: { increment: 1 } } }),
        ]);
        result.dead++;
      } else {
        const attempts = row.attempts + 1;
        await db.webhookEvent.update({
          where: { id: row.id },
          data: { attempts, error: message, status: attempts >= MAX_ATTEMPTS ? "failed" : "received" },
        });
        logger.warn({ shop: row.shop, topic: row.topic, err: error, attempts }, "webhook handler failed");
        result.failed++;
      }
    }
  }
  return result;
}

/** Drains the queue; kick() wakes it immediately, a timer catches anything missed. */
export function createProcessor(db: () => Db, intervalMs = 1_000) {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  async function drain(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const r = await processBatch(db());
        if (r.processed + r.dead + r.failed === BATCH) again = true;
      } while (again);
    } catch (error) {
      logger.error({ err: error }, "webhook processor error");
    } finally {
      running = false;
    }
  }
  return {
    kick: () => void drain(),
    start() {
      timer = setInterval(() => void drain(), intervalMs);
      timer.unref();
      void drain();
    },
    async stop() {
      if (timer) clearInterval(timer);
      while (running) await new Promise((r) => setTimeout(r, 20));
    },
    drain,
  };
}

export const webhookProcessor = createProcessor(getDb);

registerTask({ name: "webhook-processor", roles: ["worker"], start: webhookProcessor.start, stop: webhookProcessor.stop });
