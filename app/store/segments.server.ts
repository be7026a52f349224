// Segment recompute for a shop (daily scan, after a backfill, demo) and for the few customers an
// order or profile change touched (bus subscriber). SQL in segments-sql.ts; `now` always passed in.
import type { Db } from "../db/client.server";
import { executeWrite, queryRows, writeDialect } from "../db/direct.server";
import { DEFAULT_SEGMENT_RULES, SEGMENT_KEYS, type SegmentKey, type SegmentRules } from "../domain/segments";
import {
  customersSegmentSql,
  decileCutoffSql,
  fullAffinitySql,
  fullClicksSql,
  fullSegmentSql,
  type Statement,
} from "./segments-sql";

/** AppState key holding the shop's VIP decile cutoff (minor units; "" when there is none). */
export const VIP_CUTOFF_KEY = "segments.vipCutoff";

export interface ShopRecompute {
  /** The VIP minimum used: the merchant's threshold, else the decile cutoff (null: no VIPs). */
  vipMinimum: number | null;
  /** Customers whose segment or engagement changed. */
  changed: number;
}

/** The shop's rules: the defaults with the merchant's VIP threshold, when set. */
export async function loadSegmentRules(db: Db, shop: string): Promise<SegmentRules> {
  const settings = await db.shopSettings.findUnique({ where: { shop }, select: { vipThresholdMinor: true } });
  return { ...DEFAULT_SEGMENT_RULES, vipThresholdMinor: settings?.vipThresholdMinor ?? null };
}

const run = (db: Db, s: Statement) => executeWrite(db, s.sql, s.args);

/** Every customer of the shop: clicks, affinity, decile cutoff, then segment and engagement. */
export async function recomputeShopSegments(db: Db, shop: string, now: Date): Promise<ShopRecompute> {
  const d = writeDialect(db);
  const rules = await loadSegmentRules(db, shop);
  for (const s of fullClicksSql(d, shop)) await run(db, s);
  for (const s of fullAffinitySql(d, shop)) await run(db, s);
  const cutoff = await decileCutoff(db, shop);
  await db.appState.upsert({
    where: { shop_key: { shop, key: VIP_CUTOFF_KEY } },
    create: { shop, key: VIP_CUTOFF_KEY, value: cutoff === null ? "" : String(cutoff) },
    update: { value: cutoff === null ? "" : String(cutoff) },
  });
  const vipMinimum = rules.vipThresholdMinor ?? cutoff;
  const changed = await run(db, fullSegmentSql(d, shop, now, rules, vipMinimum));
  return { vipMinimum, changed };
}

/**
 * The listed customers only, in one statement; the VIP decile cutoff is the one the last full
 * recompute stored (until the shop's first one, only a merchant threshold makes VIPs).
 */
export async function recomputeCustomerSegments(
  db: Db,
  shop: string,
  customerShopifyIds: readonly string[],
  now: Date,
): Promise<number> {
  const ids = [...new Set(customerShopifyIds)];
  if (ids.length === 0) return 0;
  const { vipThresholdMinor: _, ...rules } = DEFAULT_SEGMENT_RULES;
  return run(db, customersSegmentSql(writeDialect(db), shop, ids, now, rules, VIP_CUTOFF_KEY));
}

async function decileCutoff(db: Db, shop: string): Promise<number | null> {
  const s = decileCutoffSql(writeDialect(db), shop);
  const rows = await queryRows(db, s.sql, s.args);
  return rows.length ? Number(rows[0].v) : null;
}

export interface SegmentCounts {
  bySegment: Record<SegmentKey, number>;
  /** Customers not yet computed (no order or profile event since install, before the first scan). */
  notComputed: number;
  engaged: number;
  total: number;
}

/** Live counts for the admin, from the (shop, segment) index. Redacted customers are left out. */
export async function segmentCounts(db: Db, shop: string): Promise<SegmentCounts> {
  const [groups, engaged] = await Promise.all([
    db.customer.groupBy({
      by: ["segment"],
      where: { shop, redactedAt: null },
      _count: { _all: true },
    }),
    db.customer.count({ where: { shop, redactedAt: null, engaged: true } }),
  ]);
  const bySegment = Object.fromEntries(SEGMENT_KEYS.map((k) => [k, 0])) as Record<SegmentKey, number>;
  let notComputed = 0;
  let total = 0;
  for (const g of groups) {
    total += g._count._all;
    if (g.segment && g.segment in bySegment) bySegment[g.segment as SegmentKey] += g._count._all;
    else notComputed += g._count._all;
  }
  return { bySegment, notComputed, engaged, total };
}
