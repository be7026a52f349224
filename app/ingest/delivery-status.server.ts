// The two status writes every processed delivery makes, claim and done. They go straight to the
// driver when it is available: through Prisma each costs a query compilation plus its own
// BEGIN/COMMIT, which was a measurable share of processing an orders/create.
import type { Db } from "../db/client.server";
import { dateArg, directSql, placeholder as p } from "../db/direct.server";

/** Claims a received delivery; false when another worker took it first. */
export async function claimDelivery(db: Db, id: string, at: Date): Promise<boolean> {
  const direct = directSql(db);
  if (!direct) {
    const r = await db.webhookEvent.updateMany({
      where: { id, status: "received" },
      data: { status: "processing", processedAt: at },
    });
    return r.count === 1;
  }
  const d = direct.dialect;
  const changed = await direct.execute(
    `UPDATE "WebhookEvent" SET "status" = 'processing', "processedAt" = ${p(d, 1)} WHERE "id" = ${p(d, 2)} AND "status" = 'received'`,
    [dateArg(d, at), id],
  );
  return changed === 1;
}

/** Marks a delivery processed (its outbox emptied). shop/redact may have deleted the row: fine. */
export async function markProcessed(db: Db, id: string, error: string | null, at: Date): Promise<void> {
  const direct = directSql(db);
  if (!direct) {
    await db.webhookEvent.updateMany({
      where: { id },
      data: {
        status: "processed",
        processedAt: at,
        attempts: { increment: 1 },
        nextAttemptAt: null,
        announcements: null,
        error,
      },
    });
    return;
  }
  const d = direct.dialect;
  await direct.execute(
    `UPDATE "WebhookEvent" SET "status" = 'processed', "processedAt" = ${p(d, 1)}, "attempts" = "attempts" + 1, "nextAttemptAt" = NULL, "announcements" = NULL, "error" = ${p(d, 2)} WHERE "id" = ${p(d, 3)}`,
    [dateArg(d, at), error, id],
  );
}
