// Group commit for webhook deliveries: requests that arrive while a write is in flight are queued
// and written together by one multi-row INSERT … ON CONFLICT DO NOTHING (one commit, one fsync),
// so the receive path stays a single cheap statement per batch under load.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.server";
import { type DirectSql, dateArg, directSql, placeholder } from "../db/direct.server";
import { sqlFragments } from "../db/sql.server";

export interface DeliveryRow {
  shop: string;
  webhookId: string;
  eventId: string | null;
  topic: string;
  apiVersion: string | null;
  triggeredAt: Date | null;
  payload: string;
}

interface Waiting {
  row: DeliveryRow;
  resolve(): void;
  reject(error: unknown): void;
}

/** Inserts deliveries; a (shop, webhookId) already recorded is silently skipped (a redelivery). */
export async function insertDeliveries(
  db: Db,
  rows: DeliveryRow[],
  receivedAt = new Date(),
): Promise<number> {
  if (rows.length === 0) return 0;
  const direct = directSql(db);
  if (direct) return insertDirect(direct, rows, receivedAt);
  const Prisma = sqlFragments();
  const values = rows.map(
    (r) =>
      Prisma.sql`(${randomUUID()}, ${r.shop}, ${r.webhookId}, ${r.eventId}, ${r.topic}, ${r.apiVersion}, ${r.triggeredAt}, ${r.payload}, 'received', 0, ${receivedAt})`,
  );
  return db.$executeRaw(
    Prisma.sql`INSERT INTO "WebhookEvent" (${Prisma.raw(COLUMNS)}) VALUES ${Prisma.join(values)} ON CONFLICT ("shop", "webhookId") DO NOTHING`,
  );
}

const COLUMNS = `"id", "shop", "webhookId", "eventId", "topic", "apiVersion", "triggeredAt", "payload", "status", "attempts", "receivedAt"`;

/** The same INSERT straight to the driver: a batch of large payloads skips Prisma's per-value encoding. */
function insertDirect(direct: DirectSql, rows: DeliveryRow[], receivedAt: Date): Promise<number> {
  const args: unknown[] = [];
  const received = dateArg(direct.dialect, receivedAt);
  const tuples = rows.map((r) => {
    const values = [randomUUID(), r.shop, r.webhookId, r.eventId, r.topic, r.apiVersion];
    values.push(dateArg(direct.dialect, r.triggeredAt), r.payload, received);
    const first = args.length;
    args.push(...values);
    const p = (i: number) => placeholder(direct.dialect, first + i + 1);
    return `(${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, 'received', 0, ${p(8)})`;
  });
  return direct.execute(
    `INSERT INTO "WebhookEvent" (${COLUMNS}) VALUES ${tuples.join(", ")} ON CONFLICT ("shop", "webhookId") DO NOTHING`,
    args,
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
