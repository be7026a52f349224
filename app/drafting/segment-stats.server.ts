// Aggregate figures per segment for the drafter (segment-facts.ts words them): group sizes, order
// counts, average spend and the most common category affinity. Only counts and averages leave the
// database; redacted customers are left out. A few grouped queries per drafting run, not per draft.
import type { Db } from "../db/client.server";
import { DEFAULT_SEGMENT_RULES, isSegmentKey, type SegmentKey, type SegmentRules } from "../domain/segments";
import type { SegmentStats } from "./segment-facts";

export interface ShopSegmentFacts {
  rules: SegmentRules;
  stats: Map<SegmentKey, SegmentStats>;
}

/** The value at quantile q of a distribution given as (value, count) pairs sorted by value. */
export function quantile(pairs: Array<[number, number]>, q: number): number {
  const total = pairs.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return 0;
  const target = Math.max(1, Math.ceil(total * q));
  let seen = 0;
  for (const [value, n] of pairs) {
    seen += n;
    if (seen >= target) return value;
  }
  return pairs[pairs.length - 1][0];
}

export async function loadSegmentFacts(db: Db, shop: string, currency: string): Promise<ShopSegmentFacts> {
  const where = { shop, redactedAt: null, segment: { not: null } };
  const [totals, orders, categories, settings] = await Promise.all([
    db.customer.groupBy({
      by: ["segment"],
      where,
      _count: { _all: true },
      _avg: { totalSpentMinor: true },
    }),
    db.customer.groupBy({
      by: ["segment", "ordersCount"],
      where,
      _count: { _all: true },
      orderBy: [{ segment: "asc" }, { ordersCount: "asc" }],
    }),
    db.customer.groupBy({
      by: ["segment", "categoryAffinity"],
      where: { ...where, categoryAffinity: { not: null } },
      _count: { _all: true },
    }),
    db.shopSettings.findUnique({ where: { shop }, select: { vipThresholdMinor: true } }),
  ]);
  const stats = new Map<SegmentKey, SegmentStats>();
  for (const t of totals) {
    if (!isSegmentKey(t.segment)) continue;
    const dist = orders
      .filter((o) => o.segment === t.segment)
      .map((o): [number, number] => [o.ordersCount, o._count._all]);
    const top = categories
      .filter((c) => c.segment === t.segment && c.categoryAffinity)
      .sort((a, b) => b._count._all - a._count._all)[0];
    stats.set(t.segment, {
      customers: t._count._all,
      ordersLow: quantile(dist, 0.25),
      ordersHigh: quantile(dist, 0.75),
      averageSpentMinor: Math.round(t._avg.totalSpentMinor ?? 0),
      currency,
      topCategory: top?.categoryAffinity
        ? { name: top.categoryAffinity, share: top._count._all / t._count._all }
        : null,
    });
  }
  return {
    rules: { ...DEFAULT_SEGMENT_RULES, vipThresholdMinor: settings?.vipThresholdMinor ?? null },
    stats,
  };
}
