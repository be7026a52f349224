// Group commit for webhook deliveries: requests that arrive while a write is in flight are queued
// and written together by one multi-row INSERT … ON CONFLICT DO NOTHING (one commit, one fsync),
// so the receive path stays a single cheap statement per batch under load.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.server";
import { executeWrite, valuesList } from "../db/direct.server";

export interface DeliveryRow {
  shop: string;
  webhookId: string;
  eventId: string | null;
  topic: string;
  apiVersion: string | null;
  triggeredAt: Date | null;
  payload: string;
  /** sha256 of topic family + body (verify.server.ts); unique: a replayed body is not stored. */
  contentKey?: string | null;
}

interface Waiting {
  row: DeliveryRow;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Inserts deliveries; one that collides with a recorded row is silently skipped: the same
 * (shop, webhookId) is a redelivery, the same (shop, topic, eventId) or contentKey a replay.
 */
export function insertDeliveries(db: Db, rows: DeliveryRow[], receivedAt = new Date()): Promise<number> {
  if (rows.length === 0) return Promise.resolve(0);
  // Straight to the driver: a batch of large payloads skips Prisma's per-value encoding.
  return executeWrite(
    db,
    `INSERT INTO "WebhookEvent" ("id", "shop", "webhookId", "eventId", "topic", "apiVersion", "triggeredAt", "payload", "status", "attempts", "receivedAt", "contentKey") VALUES ${valuesList(rows.length, 12)} ON CONFLICT DO NOTHING`,
    rows.flatMap((r) => [
      randomUUID(),
      r.shop,
      r.webhookId,
      r.eventId,
      r.topic,
      r.apiVersion,
      r.triggeredAt,
      r.payload,
      "received",
      0,
      receivedAt,
      r.contentKey ?? null,
    ]),
  );
}

export function createDeliveryWriter(db: () => Db, options: { maxBatch?: number } = {}) {
  const maxBatch = options.maxBatch ?? 200;
  let queue: Waiting[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
        queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
        try {
          await insertDeliveries(
            db(),
            batch.map((w) => w.row),
          );
          for (const w of batch) w.resolve();
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      flushing = false;
    }
  }

  return {
    /** Resolves once the delivery is durably recorded (or was already). */
    write(row: DeliveryRow): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queue.push({ row, resolve, reject });
        // Deliveries arriving in the same turn of the event loop join this batch.
        if (!flushing) {
          flushing = true;
          setImmediate(() => void flush());
        }
      });
    },
  };
}

export type DeliveryWriter = ReturnType<typeof createDeliveryWriter>;
