// One recorded delivery at a time: its own claim, its topic handler (its own transaction), its
// subscribers, its status write. The batched processor (processor.server.ts) sends here what it
// cannot batch (shop and compliance topics, a test's own handlers, retries after a failed batch);
// processOneByOne keeps the whole pre-batching path runnable so bench:process can compare.
import type { WebhookEvent } from "@prisma/client";
import { type Clock, now as processClock } from "../clock.server";
import type { Db } from "../db/client.server";
import { logger } from "../logger.server";
import { publishAll } from "./announce.server";
import { claimDelivery, markProcessed } from "./delivery-status.server";
import { type Handler, handlers as defaultHandlers, PayloadError } from "./handlers.server";
import { intakePace, rest } from "./intake-pace";
import { parseExactJson } from "./json";
import { decodeEvents } from "./outbox.server";
import { afterFailure } from "./retry";

export interface ProcessResult {
  processed: number;
  dead: number;
  failed: number;
}

export const emptyResult = (): ProcessResult => ({ processed: 0, dead: 0, failed: 0 });

/** The received rows whose next attempt is due, in arrival order (a row in backoff waits). */
export function dueDeliveries(db: Db, limit: number, clock: Clock): Promise<WebhookEvent[]> {
  return db.webhookEvent.findMany({
    where: { status: "received", OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: clock() } }] },
    orderBy: { receivedAt: "asc" },
    take: limit,
  });
}

/** The pre-batching processor: claim, apply and announce each due delivery on its own. */
export async function processOneByOne(
  db: Db,
  limit = 50,
  handlers: Record<string, Handler> = defaultHandlers,
  clock: Clock = processClock,
): Promise<ProcessResult> {
  const rows = await dueDeliveries(db, limit, clock);
  const result = emptyResult();
  let began = 0;
  for (const row of rows) {
    // Receiving first: rest after each delivery while webhooks are arriving (intake-pace.ts).
    await rest(intakePace.restAfter(began ? performance.now() - began : 0));
    began = performance.now();
    // Claim it: another worker process may have picked the same row.
    if (!(await claimDelivery(db, row.id, new Date()))) continue;
    await applyClaimed(db, row, handlers[row.topic], clock, result);
  }
  return result;
}

/** Applies one claimed delivery and records its outcome (processed, dead-lettered, or retried later). */
export async function applyClaimed(
  db: Db,
  row: WebhookEvent,
  handler: Handler | undefined,
  clock: Clock,
  result: ProcessResult,
): Promise<void> {
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
    await recordFailure(db, row, error, clock, result);
  }
}

/** A payload that cannot be understood is dead-lettered; anything else is retried with backoff. */
export async function recordFailure(
  db: Db,
  row: WebhookEvent,
  error: unknown,
  clock: Clock,
  result: ProcessResult,
): Promise<void> {
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
    return;
  }
  const attempts = row.attempts + 1;
  const next = afterFailure(attempts, clock());
  await db.webhookEvent.updateMany({ where: { id: row.id }, data: { attempts, error: message, ...next } });
  logger.warn(
    { shop: row.shop, topic: row.topic, err: error, attempts, retryAt: next.nextAttemptAt },
    next.status === "failed" ? "webhook handler failed; giving up" : "webhook handler failed; will retry",
  );
  result.failed++;
}
