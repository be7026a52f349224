// The why-log writer: every enrollment, exit, deferral, suppression, skip and send decision about a
// customer, with a reason a merchant can read. Other modules may reuse recordWhy for their decisions.
import type { Prisma } from "@prisma/client";
import type { Db } from "../db/client.server";

export interface WhyEntry {
  shop: string;
  kind: string; // enrolled, exited, deferred, suppressed, skipped, holdout, capped, sent, ...
  reason: string;
  at: Date;
  customerShopifyId?: string | null;
  email?: string | null;
  runId?: string | null;
  flowKey?: string | null;
  detail?: Record<string, unknown>;
}

type Writer = Pick<Db, "customerEvent"> | Pick<Prisma.TransactionClient, "customerEvent">;

function row(e: WhyEntry): Prisma.CustomerEventCreateManyInput {
  return {
    shop: e.shop,
    kind: e.kind,
    reason: e.reason.slice(0, 500),
    at: e.at,
    customerShopifyId: e.customerShopifyId ?? null,
    email: e.email?.toLowerCase() ?? null,
    runId: e.runId ?? null,
    flowKey: e.flowKey ?? null,
    detail: JSON.stringify(e.detail ?? {}),
  };
}

export async function recordWhy(db: Writer, entries: WhyEntry | WhyEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await db.customerEvent.createMany({ data: list.map(row) });
}

/** A customer's why-log, newest first (by Shopify id or email). */
export async function whyLog(
  db: Db,
  shop: string,
  who: { customerShopifyId?: string | null; email?: string | null },
  take = 200,
) {
  const or: Prisma.CustomerEventWhereInput[] = [];
  if (who.customerShopifyId) or.push({ customerShopifyId: who.customerShopifyId });
  if (who.email) or.push({ email: who.email.toLowerCase() });
  if (or.length === 0) return [];
  return db.customerEvent.findMany({
    where: { shop, OR: or },
    orderBy: { at: "desc" },
    take,
    select: { id: true, kind: true, reason: true, flowKey: true, runId: true, detail: true, at: true },
  });
}
