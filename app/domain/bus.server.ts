// In-process publish/subscribe for domain events. Publishing awaits every subscriber in order, so
// when ingest marks a delivery processed, flows, drafting and insights have all seen it.
// A batch of deliveries is published at once (publishBatch): per-event subscribers still get one
// call per event, in order; batch subscribers (subscribeBatch) get the batch's events of their types
// in one call. Within a published batch, batchMemo lets a subscriber read a shop's settings once.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "../db/client.server";
import { logger } from "../logger.server";
import type { DomainEvent, DomainEventType, EventOf } from "./events";

export type Subscriber<T extends DomainEventType> = (db: Db, event: EventOf<T>) => Promise<void>;
export type BatchSubscriber<T extends DomainEventType> = (db: Db, events: EventOf<T>[]) => Promise<void>;

interface Entry {
  name: string;
  type: DomainEventType;
  fn: (db: Db, event: DomainEvent) => Promise<void>;
}

interface BatchEntry {
  name: string;
  types: DomainEventType[];
  fn: (db: Db, events: DomainEvent[]) => Promise<void>;
}

const subscribers: Entry[] = [];
const batchSubscribers: BatchEntry[] = [];

/** `name` makes registration idempotent (modules may be imported twice in dev). */
export function subscribe<T extends DomainEventType>(name: string, type: T, fn: Subscriber<T>): void {
  if (subscribers.some((s) => s.name === name && s.type === type)) return;
  subscribers.push({ name, type, fn: fn as Entry["fn"] });
}

/** One call per published batch with its events of `types` (skipped when there are none). */
export function subscribeBatch<T extends DomainEventType>(
  name: string,
  types: T[],
  fn: BatchSubscriber<T>,
): void {
  if (batchSubscribers.some((s) => s.name === name)) return;
  batchSubscribers.push({ name, types, fn: fn as BatchEntry["fn"] });
}

/** Lets pending I/O (webhook intake, admin requests) run: the SQLite driver never yields by itself. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function failed(event: { shop: string; type: string }, subscriber: string, error: unknown): never {
  logger.error({ shop: event.shop, event: event.type, subscriber, err: error }, "subscriber failed");
  throw error;
}

/** Runs every per-event subscriber for the event; a failing subscriber fails the publish (retried). */
async function publishEach(db: Db, event: DomainEvent): Promise<void> {
  let first = true;
  for (const s of subscribers) {
    if (s.type !== event.type) continue;
    if (!first) await turn(); // one subscriber's queries at a time hold the event loop, not all of them
    first = false;
    try {
      await s.fn(db, event);
    } catch (error) {
      failed(event, s.name, error);
    }
  }
}

/** One event on its own: every subscriber, batch subscribers with a batch of one. */
export function publish(db: Db, event: DomainEvent): Promise<void> {
  return publishBatch(db, [event]);
}

/**
 * A batch of events (in delivery order): per-event subscribers event by event, then each batch
 * subscriber once. A failing subscriber fails the whole publish; the caller retries (subscribers
 * are idempotent: at least once per event).
 */
export async function publishBatch(db: Db, events: DomainEvent[]): Promise<void> {
  const [error] = await publishDeliveries(db, [events]);
  if (error) throw error.cause;
}

/**
 * The events of several deliveries, each delivery's in order: per-event subscribers delivery by
 * delivery (a failure fails that delivery only, and stops its remaining events), then each batch
 * subscriber once with the events of the deliveries that succeeded (its failure fails them all).
 * Returns, per delivery, null or the error that failed it.
 */
export async function publishDeliveries(
  db: Db,
  deliveries: DomainEvent[][],
): Promise<({ cause: unknown } | null)[]> {
  const outcome: ({ cause: unknown } | null)[] = deliveries.map(() => null);
  await memoScope.run(new Map(), async () => {
    let first = true;
    for (const [n, events] of deliveries.entries()) {
      try {
        for (const event of events) {
          if (!first) await turn(); // let pending I/O run
          first = false;
          await publishEach(db, event);
        }
      } catch (error) {
        outcome[n] = { cause: error };
      }
    }
    const ok = deliveries.filter((_, n) => !outcome[n]);
    for (const s of batchSubscribers) {
      const mine = ok.flat().filter((e) => s.types.includes(e.type));
      if (mine.length === 0) continue;
      await turn();
      try {
        await s.fn(db, mine);
      } catch (error) {
        logger.error({ shop: mine[0].shop, subscriber: s.name, err: error }, "subscriber failed");
        for (const [n, events] of deliveries.entries())
          if (!outcome[n] && events.some((e) => s.types.includes(e.type))) outcome[n] = { cause: error };
      }
    }
  });
  return outcome;
}

const memoScope = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/**
 * Within one published batch, `load` runs once per key (e.g. a shop's flow settings): events of a
 * batch come from deliveries, which never change settings. Outside a batch it simply runs.
 */
export function batchMemo<T>(key: string, load: () => Promise<T>): Promise<T> {
  const memo = memoScope.getStore();
  if (!memo) return load();
  let hit = memo.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = load();
    memo.set(key, hit);
    hit.catch(() => memo.delete(key));
  }
  return hit;
}

export function subscriberNames(type: DomainEventType): string[] {
  return [
    ...subscribers.filter((s) => s.type === type).map((s) => s.name),
    ...batchSubscribers.filter((s) => s.types.includes(type)).map((s) => s.name),
  ];
}
