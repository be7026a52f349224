// The per-customer oracle for the set-based segment SQL: read a shop's rows through Prisma and
// apply the pure rules of app/domain/segments-assign.ts one customer at a time.
import type { Db } from "../../../app/db/client.server";
import { DEFAULT_SEGMENT_RULES, type SegmentRules } from "../../../app/domain/segments";
import {
  assignSegment,
  type BoughtLine,
  categoryAffinity,
  decileCutoff,
  isEngaged,
  vipMinimum,
} from "../../../app/domain/segments-assign";

export interface Assigned {
  segment: string | null;
  categoryAffinity: string | null;
  engaged: boolean;
  lastClickAt: Date | null;
}

/** What each customer of the shop should carry at `now` (redacted customers are left out). */
export async function oracle(
  db: Db,
  shop: string,
  now: Date,
  rules: SegmentRules = DEFAULT_SEGMENT_RULES,
  cutoffOverride?: number | null,
): Promise<Map<string, Assigned>> {
  const [customers, orders, products, messages, clicks] = await Promise.all([
    db.customer.findMany({ where: { shop, redactedAt: null } }),
    db.order.findMany({ where: { shop, cancelledAt: null }, include: { lines: true } }),
    db.product.findMany({ where: { shop }, select: { shopifyId: true, productType: true } }),
    db.message.findMany({ where: { shop }, select: { id: true, customerShopifyId: true } }),
    db.click.findMany({ where: { shop }, select: { messageId: true, lastAt: true } }),
  ]);
  const typeOf = new Map(products.map((p) => [p.shopifyId, p.productType]));
  const linesOf = new Map<string, BoughtLine[]>();
  for (const o of orders) {
    if (!o.customerShopifyId) continue;
    const lines = linesOf.get(o.customerShopifyId) ?? [];
    for (const l of o.lines) {
      const catalog = l.productShopifyId ? typeOf.get(l.productShopifyId) : null;
      lines.push({ productType: catalog || l.productType || null, quantity: l.quantity });
    }
    linesOf.set(o.customerShopifyId, lines);
  }
  const recipient = new Map(messages.map((m) => [m.id, m.customerShopifyId]));
  const lastClick = new Map<string, Date>();
  for (const k of clicks) {
    const who = recipient.get(k.messageId);
    if (!who) continue;
    const prev = lastClick.get(who);
    if (!prev || k.lastAt > prev) lastClick.set(who, k.lastAt);
  }
  const cutoff =
    cutoffOverride !== undefined
      ? cutoffOverride
      : decileCutoff(customers.filter((c) => c.ordersCount >= 1).map((c) => c.totalSpentMinor));
  const vipMin = vipMinimum(rules, cutoff);
  const out = new Map<string, Assigned>();
  for (const c of customers) {
    const clickedAt = lastClick.get(c.shopifyId) ?? null;
    out.set(c.shopifyId, {
      segment: assignSegment(c, vipMin, now, rules),
      categoryAffinity: categoryAffinity(linesOf.get(c.shopifyId) ?? []),
      engaged: isEngaged(clickedAt, now, rules),
      lastClickAt: clickedAt,
    });
  }
  return out;
}

/** What the store holds for the same customers. */
export async function stored(db: Db, shop: string): Promise<Map<string, Assigned>> {
  const rows = await db.customer.findMany({
    where: { shop, redactedAt: null },
    select: { shopifyId: true, segment: true, categoryAffinity: true, engaged: true, lastClickAt: true },
  });
  return new Map(rows.map(({ shopifyId, ...rest }) => [shopifyId, rest]));
}
