// The segment rules of segments.ts as plain functions over one customer's figures. The store
// assigns segments set-based in SQL (app/store/segments-sql.ts); this is the same rule set written
// once more in TypeScript, so tests can check the SQL against it customer by customer.
import { DEFAULT_SEGMENT_RULES, type SegmentKey, type SegmentRules } from "./segments";

export const DAY_MS = 24 * 60 * 60 * 1000;

/** What the rules read about a customer (non-cancelled orders only, as Customer's statistics hold). */
export interface SegmentFacts {
  ordersCount: number;
  totalSpentMinor: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
}

/**
 * The spend a customer needs to count among the top 10% of buyers: the spend of the
 * ⌊buyers/10⌋-th biggest spender (everyone tied with them is in too). Null below 10 buyers, or
 * when that spend is not positive: a decile of nothing makes nobody a VIP.
 */
export function decileCutoff(buyerSpends: readonly number[]): number | null {
  const k = Math.floor(buyerSpends.length / 10);
  if (k === 0) return null;
  const sorted = [...buyerSpends].sort((a, b) => b - a);
  const cutoff = sorted[k - 1];
  return cutoff > 0 ? cutoff : null;
}

/** The merchant's threshold when set, else the shop's decile cutoff (null: no VIPs). */
export function vipMinimum(rules: SegmentRules, cutoff: number | null): number | null {
  return rules.vipThresholdMinor ?? cutoff;
}

/** Lapsed: at least one order, the last one strictly more than lapsedDays before now. */
export function isLapsed(c: SegmentFacts, now: Date, rules: SegmentRules): boolean {
  if (c.ordersCount < 1 || !c.lastOrderAt) return false;
  return now.getTime() - c.lastOrderAt.getTime() > rules.lapsedDays * DAY_MS;
}

/**
 * At risk: two or more orders placed at different moments, and the time since the last one is
 * strictly more than atRiskGapMultiple × their average gap ((last − first) / (orders − 1)).
 * Compared as (now − last) × (orders − 1) > multiple × (last − first): no division, the same
 * arithmetic as the SQL, so the boundary falls on the same millisecond.
 */
export function isAtRisk(c: SegmentFacts, now: Date, rules: SegmentRules): boolean {
  if (c.ordersCount < 2 || !c.firstOrderAt || !c.lastOrderAt) return false;
  const span = c.lastOrderAt.getTime() - c.firstOrderAt.getTime();
  if (span <= 0) return false; // all orders at one moment: no usual pace to fall behind
  const since = now.getTime() - c.lastOrderAt.getTime();
  return since * (c.ordersCount - 1) > rules.atRiskGapMultiple * span;
}

/** VIP: at least one order and total spend at or above the minimum (inclusive). */
export function isVip(c: SegmentFacts, minimum: number | null): boolean {
  return minimum !== null && c.ordersCount >= 1 && c.totalSpentMinor >= minimum;
}

/** The one segment of a customer: the first rule that matches in lapsed > at_risk > vip > returning > new. */
export function assignSegment(
  c: SegmentFacts,
  vipMin: number | null,
  now: Date,
  rules: SegmentRules = DEFAULT_SEGMENT_RULES,
): SegmentKey {
  if (isLapsed(c, now, rules)) return "lapsed";
  if (isAtRisk(c, now, rules)) return "at_risk";
  if (isVip(c, vipMin)) return "vip";
  if (c.ordersCount >= 2) return "returning";
  return "new";
}

/** Engaged: the latest email click is at most engagedDays old (inclusive), or later than now. */
export function isEngaged(
  lastClickAt: Date | null,
  now: Date,
  rules: SegmentRules = DEFAULT_SEGMENT_RULES,
): boolean {
  return lastClickAt !== null && lastClickAt.getTime() >= now.getTime() - rules.engagedDays * DAY_MS;
}

export interface BoughtLine {
  /** The product's type (the catalog's, else the one on the line); blank counts as none. */
  productType: string | null;
  quantity: number;
}

/**
 * Category affinity: the product type bought in the greatest total quantity over non-cancelled
 * orders; a tie goes to the type that sorts first (binary order). Null when nothing has a type.
 */
export function categoryAffinity(lines: readonly BoughtLine[]): string | null {
  const totals = new Map<string, number>();
  for (const l of lines) {
    if (!l.productType) continue;
    totals.set(l.productType, (totals.get(l.productType) ?? 0) + l.quantity);
  }
  let best: string | null = null;
  let bestQty = 0;
  for (const [type, qty] of totals) {
    if (best === null || qty > bestQty || (qty === bestQty && type < best)) {
      best = type;
      bestQty = qty;
    }
  }
  return best;
}
