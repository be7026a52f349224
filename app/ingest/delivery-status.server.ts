// The two status writes every processed delivery makes, claim and done. They go straight to the
// driver (app/db/direct.server.ts): through Prisma each costs a query compilation plus its own
// BEGIN/COMMIT, which was a measurable share of processing an orders/create.
import type { Db } from "../db/client.server";
import { executeWrite } from "../db/direct.server";

/** Claims a received delivery; false when another worker took it first. */
export async function claimDelivery(db: Db, id: string, at: Date): Promise<boolean> {
  const changed = await executeWrite(
    db,
    `UPDATE "WebhookEvent" SET "status" = 'processing', "processedAt" = ? WHERE "id" = ? AND "status" = 'received'`,
    [at, id],
  );
  return changed === 1;
}

/** Marks a delivery processed (its outbox emptied). shop/redact may have deleted the row: fine. */
export async function markProcessed(db: Db, id: string, error: string | null, at: Date): Promise<void> {
  await executeWrite(
    db,
    `UPDATE "WebhookEvent" SET "status" = 'processed', "processedAt" = ?, "attempts" = "attempts" + 1, "nextAttemptAt" = NULL, "announcements" = NULL, "error" = ? WHERE "id" = ?`,
    [at, error, id],
  );
}
