// The outbox of one webhook delivery. A handler's store writes and the domain events they announce
// are committed together (the events on the delivery's WebhookEvent row); only then are the events
// published. If a subscriber fails or the process dies before the delivery is marked processed,
// the retry finds the events still on the row and publishes them instead of re-applying a payload
// whose changes are already stored (which would announce nothing). Subscribers are therefore
// called at least once per event, and are idempotent (enrolment keys, recomputed aggregates).
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.server";
import type { DomainEvent } from "../domain/events";
import type { Tx } from "../store/customers.server";
import { publishAll } from "./announce.server";
import { markProcessed } from "./delivery-status.server";
import type { HandlerContext } from "./handler-kit.server";
import { rest } from "./intake-pace";

export function encodeEvents(events: DomainEvent[]): string {
  return JSON.stringify(events);
}

/** Every event time is `at`: it comes back as a Date. */
export function decodeEvents(json: string): DomainEvent[] {
  return JSON.parse(json, (key, value) =>
    key === "at" && typeof value === "string" ? new Date(value) : value,
  );
}

/** Applies the store writes and records what they announce in one transaction, then publishes. */
export async function applyThenAnnounce<T>(
  ctx: HandlerContext,
  apply: (tx: Tx) => Promise<T>,
  announce: (applied: T) => DomainEvent[],
): Promise<void> {
  const events = await ctx.db.$transaction(async (tx) => {
    const list = announce(await apply(tx));
    if (list.length > 0) {
      await tx.webhookEvent.updateMany({
        where: { shop: ctx.shop, webhookId: ctx.webhookId },
        data: { announcements: encodeEvents(list) },
      });
    }
    return list;
  });
  await rest(0); // the store writes held the event loop; let intake run before the subscribers do
  await publishAll(ctx.db, events);
}

/**
 * The same for changes that came without a webhook (reconciliation): the outbox row is created in
 * the transaction, as a delivery already being processed. If the process dies before publishing
 * ends, the stale claim is released and the processor publishes the recorded events.
 */
export async function applyThenAnnounceUnsolicited<T>(
  db: Db,
  source: { shop: string; topic: string },
  apply: (tx: Tx) => Promise<T>,
  announce: (applied: T) => DomainEvent[],
): Promise<T> {
  const { result, events, rowId } = await db.$transaction(async (tx) => {
    const applied = await apply(tx);
    const list = announce(applied);
    let id: string | null = null;
    if (list.length > 0) {
      id = randomUUID();
      await tx.webhookEvent.create({
        data: {
          id,
          shop: source.shop,
          webhookId: `tend:${id}`,
          topic: source.topic,
          payload: "{}",
          status: "processing",
          processedAt: new Date(),
          announcements: encodeEvents(list),
        },
      });
    }
    return { result: applied, events: list, rowId: id };
  });
  if (rowId) {
    await rest(0);
    await publishAll(db, events);
    await markProcessed(db, rowId, null, new Date());
  }
  return result;
}
