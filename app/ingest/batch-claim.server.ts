// The processor's three set-based status writes: claim a batch of due deliveries, record a batch's
// announcements (inside its apply transaction: the outbox), and mark a batch processed. Each is one
// statement whatever the batch size; rows travel as one JSON text value (json_each on SQLite,
// json_to_recordset / json_array_elements_text on PostgreSQL).
import type { WebhookEvent } from "@prisma/client";
import type { Clock } from "../clock.server";
import type { Db } from "../db/client.server";
import { executeWrite, queryRows, writeDialect } from "../db/direct.server";
import type { DomainEvent } from "../domain/events";
import type { Tx } from "../store/customers.server";
import { encodeEvents } from "./outbox.server";

/**
 * Claims up to `limit` due deliveries, oldest first. On PostgreSQL, SKIP LOCKED lets several
 * workers claim at once, each getting different rows; SQLite has one writer, so the UPDATE alone
 * is atomic. Returned in arrival order.
 */
export async function claimDue(db: Db, limit: number, clock: Clock): Promise<WebhookEvent[]> {
  const pg = writeDialect(db) === "postgresql";
  const claimed = await queryRows(
    db,
    `UPDATE "WebhookEvent" SET "status" = 'processing', "processedAt" = ?
     WHERE "id" IN (SELECT "id" FROM "WebhookEvent"
       WHERE "status" = 'received' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ?)
       ORDER BY "receivedAt" LIMIT ?${pg ? " FOR UPDATE SKIP LOCKED" : ""})
     RETURNING "id"`,
    [new Date(), clock(), limit],
  );
  if (claimed.length === 0) return [];
  const rows = await db.webhookEvent.findMany({ where: { id: { in: claimed.map((r) => String(r.id)) } } });
  return rows.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.id.localeCompare(b.id));
}

/** Records every delivery's events (an empty list too) on its row, in the apply transaction. */
export async function recordAnnouncements(
  tx: Tx,
  dialect: "sqlite" | "postgresql",
  rows: { id: string; events: DomainEvent[] }[],
): Promise<void> {
  const json = JSON.stringify(rows.map((r) => ({ id: r.id, a: encodeEvents(r.events) })));
  if (dialect === "postgresql") {
    await tx.$executeRawUnsafe(
      `UPDATE "WebhookEvent" AS w SET "announcements" = v."a"
       FROM json_to_recordset(CAST($1 AS json)) AS v("id" text, "a" text) WHERE w."id" = v."id"`,
      json,
    );
    return;
  }
  await tx.$executeRawUnsafe(
    `UPDATE "WebhookEvent" SET "announcements" =
       (SELECT json_extract(value, '$.a') FROM json_each(?1) WHERE json_extract(value, '$.id') = "WebhookEvent"."id")
     WHERE "id" IN (SELECT json_extract(value, '$.id') FROM json_each(?1))`,
    json,
  );
}

/** Marks deliveries processed and empties their outbox. shop/redact may have deleted rows: fine. */
export async function markAllProcessed(db: Db, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  const pg = writeDialect(db) === "postgresql";
  await executeWrite(
    db,
    `UPDATE "WebhookEvent" SET "status" = 'processed', "processedAt" = ?, "attempts" = "attempts" + 1,
       "nextAttemptAt" = NULL, "announcements" = NULL, "error" = NULL
     WHERE "id" IN (${pg ? "SELECT json_array_elements_text(CAST(? AS json))" : "SELECT value FROM json_each(?)"})`,
    [at, JSON.stringify(ids)],
  );
}
