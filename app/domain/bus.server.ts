// In-process publish/subscribe for domain events. Publishing awaits every subscriber in order, so
// when ingest marks a delivery processed, flows, drafting and insights have all seen it.
import type { Db } from "../db/client.server";
import { logger } from "../logger.server";
import type { DomainEvent, DomainEventType, EventOf } from "./events";

export type Subscriber<T extends DomainEventType> = (db: Db, event: EventOf<T>) => Promise<void>;

interface Entry {
  name: string;
  type: DomainEventType;
  fn: (db: Db, event: DomainEvent) => Promise<void>;
}

const subscribers: Entry[] = [];

/** `name` makes registration idempotent (modules may be imported twice in dev). */
export function subscribe<T extends DomainEventType>(name: string, type: T, fn: Subscriber<T>): void {
  if (subscribers.some((s) => s.name === name && s.type === type)) return;
  subscribers.push({ name, type, fn: fn as Entry["fn"] });
}

/** Lets pending I/O (webhook intake, admin requests) run: the SQLite driver never yields by itself. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs every subscriber for the event; a failing subscriber fails the publish (so it is retried). */
export async function publish(db: Db, event: DomainEvent): Promise<void> {
  let first = true;
  for (const s of subscribers) {
    if (s.type !== event.type) continue;
    if (!first) await turn(); // one subscriber's queries at a time hold the event loop, not all of them
    first = false;
    try {
      await s.fn(db, event);
    } catch (error) {
      logger.error(
        { shop: event.shop, event: event.type, subscriber: s.name, err: error },
        "subscriber failed",
      );
      throw error;
    }
  }
}

export function subscriberNames(type: DomainEventType): string[] {
  return subscribers.filter((s) => s.type === type).map((s) => s.name);
}
