// The statements that assign segments, set-based, per dialect (the rules: app/domain/segments.ts;
// the same rules in TypeScript: app/domain/segments-assign.ts). A full recompute is a handful of
// statements per shop whatever its size; the incremental one is one UPDATE for a list of customers
// bound as one JSON text value. Every statement is written with `?` placeholders, numbered for
// PostgreSQL by executeWrite/queryRows, and built with its arguments so the two never drift.
import type { Dialect } from "../db/direct.server";
import type { SegmentRules } from "../domain/segments";
import { DAY_MS } from "../domain/segments-assign";

export interface Statement {
  sql: string;
  args: unknown[];
}

/**
 * A statement under construction. Each value becomes a numbered marker where its expression is
 * built; `statement` lays the arguments out in the order the markers appear in the final text
 * (expressions are built in a different order than they are placed).
 */
class Builder {
  private readonly values: unknown[] = [];
  constructor(readonly d: Dialect) {}
  private mark(v: unknown): string {
    this.values.push(v);
    return `?#${this.values.length - 1}#`;
  }
  /** An integer (milliseconds, counts, minor units). */
  int(v: number | null): string {
    return `CAST(${this.mark(v)} AS BIGINT)`;
  }
  real(v: number): string {
    return `CAST(${this.mark(v)} AS DOUBLE PRECISION)`;
  }
  str(v: string): string {
    return this.d === "postgresql" ? `CAST(${this.mark(v)} AS TEXT)` : this.mark(v);
  }
  stamp(v: Date): string {
    return this.d === "postgresql" ? `CAST(${this.mark(v)} AS timestamp(3))` : this.mark(v);
  }
  /** `col IN (…)` for a JSON array of customer ids bound as one value. */
  inIds(col: string, ids: readonly string[]): string {
    const json = this.mark(JSON.stringify(ids));
    return this.d === "postgresql"
      ? `${col} IN (SELECT json_array_elements_text(CAST(${json} AS json)))`
      : `${col} IN (SELECT value FROM json_each(${json}))`;
  }
  statement(sql: string): Statement {
    const args: unknown[] = [];
    const text = sql.replace(/\?#(\d+)#/g, (_, i: string) => {
      args.push(this.values[Number(i)]);
      return "?";
    });
    return { sql: text, args };
  }
}

/** A timestamp column as integer epoch milliseconds (both stores keep UTC). */
function ms(d: Dialect, col: string): string {
  return d === "postgresql"
    ? `CAST(ROUND(EXTRACT(EPOCH FROM ${col}) * 1000) AS BIGINT)`
    : `CAST(ROUND((julianday(${col}) - 2440587.5) * 86400000.0) AS INTEGER)`;
}

/** "IS DISTINCT FROM" (SQLite spells it IS NOT). */
function distinct(d: Dialect): string {
  return d === "postgresql" ? "IS DISTINCT FROM" : "IS NOT";
}

/** Text comparison in binary order on both stores (PostgreSQL's default collation is the locale's). */
function binary(d: Dialect, expr: string): string {
  return d === "postgresql" ? `${expr} COLLATE "C"` : expr;
}

/** The segment of the row `c`: the first rule that matches in the precedence of segments.ts. */
function segmentCase(b: Builder, c: string, now: Date, rules: SegmentRules, vipMin: string): string {
  const n = `${c}."ordersCount"`;
  const last = ms(b.d, `${c}."lastOrderAt"`);
  const first = ms(b.d, `${c}."firstOrderAt"`);
  const nowMs = now.getTime();
  return `CASE
      WHEN ${n} >= 1 AND ${c}."lastOrderAt" IS NOT NULL
        AND ${b.int(nowMs)} - ${last} > ${b.int(rules.lapsedDays * DAY_MS)} THEN 'lapsed'
      WHEN ${n} >= 2 AND ${last} > ${first}
        AND (${b.int(nowMs)} - ${last}) * (${n} - 1) > ${b.real(rules.atRiskGapMultiple)} * (${last} - ${first})
        THEN 'at_risk'
      WHEN ${n} >= 1 AND ${c}."totalSpentMinor" >= ${vipMin} THEN 'vip'
      WHEN ${n} >= 2 THEN 'returning'
      ELSE 'new' END`;
}

function engagedCase(b: Builder, lastClick: string, now: Date, rules: SegmentRules): string {
  const since = now.getTime() - rules.engagedDays * DAY_MS;
  return `CASE WHEN ${lastClick} IS NOT NULL AND ${ms(b.d, lastClick)} >= ${b.int(since)} THEN TRUE ELSE FALSE END`;
}

/** The latest click on any message to customer `c` (Click → Message → customer). */
function lastClickOf(c: string): string {
  return `(SELECT MAX(k."lastAt") FROM "Message" m JOIN "Click" k ON k."shop" = m."shop" AND k."messageId" = m."id"
      WHERE m."shop" = ${c}."shop" AND m."customerShopifyId" = ${c}."shopifyId")`;
}

/** A bought line's type: the catalog's current one, else the one the line carried; blank is none. */
const LINE_TYPE = `COALESCE(NULLIF(p."productType", ''), NULLIF(l."productType", ''))`;
const LINES = `"Order" o JOIN "OrderLine" l ON l."orderId" = o."id"
      LEFT JOIN "Product" p ON p."shop" = o."shop" AND p."shopifyId" = l."productShopifyId"`;

/** The most-bought type of customer `c` (quantity, ties to the type that sorts first). */
function affinityOf(d: Dialect, c: string): string {
  return `(SELECT ${LINE_TYPE} FROM ${LINES}
      WHERE o."shop" = ${c}."shop" AND o."customerShopifyId" = ${c}."shopifyId" AND o."cancelledAt" IS NULL
        AND ${LINE_TYPE} IS NOT NULL
      GROUP BY ${LINE_TYPE} ORDER BY SUM(l."quantity") DESC, ${binary(d, LINE_TYPE)} ASC LIMIT 1)`;
}

/** The spend of the ⌊buyers/10⌋-th biggest spender (decileCutoff in SQL); no row below 10 buyers. */
export function decileCutoffSql(d: Dialect, shop: string): Statement {
  const b = new Builder(d);
  return b.statement(`SELECT v FROM (
      SELECT "totalSpentMinor" AS v, ROW_NUMBER() OVER (ORDER BY "totalSpentMinor" DESC) AS rn, COUNT(*) OVER () AS n
      FROM "Customer" WHERE "shop" = ${b.str(shop)} AND "ordersCount" >= 1 AND "redactedAt" IS NULL
    ) t WHERE rn = n / 10 AND v > 0`);
}

/** Full recompute, step 1: every customer's latest click, written where it changed. */
export function fullClicksSql(d: Dialect, shop: string): Statement[] {
  const set = new Builder(d);
  const setSql = `UPDATE "Customer" SET "lastClickAt" = c."at" FROM (
      SELECT m."customerShopifyId" AS id, MAX(k."lastAt") AS "at"
      FROM "Click" k JOIN "Message" m ON m."id" = k."messageId" AND m."shop" = k."shop"
      WHERE k."shop" = ${set.str(shop)} AND m."customerShopifyId" IS NOT NULL GROUP BY m."customerShopifyId"
    ) c
    WHERE "Customer"."shop" = ${set.str(shop)} AND "Customer"."shopifyId" = c.id AND "Customer"."redactedAt" IS NULL
      AND "Customer"."lastClickAt" ${distinct(d)} c."at"`;
  // Clicks are only ever deleted (redaction clears the customer too), so this rarely finds a row.
  const clear = new Builder(d);
  const clearSql = `UPDATE "Customer" SET "lastClickAt" = NULL
    WHERE "shop" = ${clear.str(shop)} AND "lastClickAt" IS NOT NULL AND ${lastClickOf(`"Customer"`)} IS NULL`;
  return [set.statement(setSql), clear.statement(clearSql)];
}

/**
 * Full recompute, step 2 on SQLite: every buyer's category affinity, walking each customer's
 * orders through the (shop, customer) index in one correlated pass (measured ~40% faster there
 * than a grouped join, which sorts every line twice in temporary b-trees). PostgreSQL computes
 * affinity inside step 3 instead (one row version per customer, not two).
 */
export function fullAffinitySql(d: Dialect, shop: string): Statement[] {
  if (d === "postgresql") return [];
  const b = new Builder(d);
  const c = `"Customer"`;
  // ordersCount counts non-cancelled orders; a customer with none gets NULL (cleared) if set.
  const sql = `UPDATE ${c} SET "categoryAffinity" = ${affinityOf(d, c)}
    WHERE ${c}."shop" = ${b.str(shop)} AND ${c}."redactedAt" IS NULL
      AND (${c}."ordersCount" > 0 OR ${c}."categoryAffinity" IS NOT NULL)`;
  return [b.statement(sql)];
}

/** Each buyer's most-bought type for the whole shop at once (hash join + one grouping). */
function affinityWinners(b: Builder, shop: string): string {
  return `SELECT id, "type" FROM (
      SELECT id, "type", ROW_NUMBER() OVER (PARTITION BY id ORDER BY q DESC, ${binary(b.d, `"type"`)} ASC) AS rn
      FROM (
        SELECT o."customerShopifyId" AS id, ${LINE_TYPE} AS "type", SUM(l."quantity") AS q
        FROM ${LINES}
        WHERE o."shop" = ${b.str(shop)} AND o."cancelledAt" IS NULL AND o."customerShopifyId" IS NOT NULL
          AND ${LINE_TYPE} IS NOT NULL
        GROUP BY o."customerShopifyId", ${LINE_TYPE}
      ) t
    ) r WHERE rn = 1`;
}

/** Full recompute, step 3: segment and engagement (and on PostgreSQL affinity) of every customer, written where they changed. */
export function fullSegmentSql(
  d: Dialect,
  shop: string,
  now: Date,
  rules: SegmentRules,
  vipMin: number | null,
): Statement {
  const b = new Builder(d);
  const c = `"Customer"`;
  const segment = segmentCase(b, c, now, rules, b.int(vipMin));
  const engaged = engagedCase(b, `${c}."lastClickAt"`, now, rules);
  // The WHERE repeats both expressions so unchanged rows are not rewritten (a daily recompute
  // changes a few percent of a shop); placeholders are numbered in text order, so args follow.
  const segment2 = segmentCase(b, c, now, rules, b.int(vipMin));
  const engaged2 = engagedCase(b, `${c}."lastClickAt"`, now, rules);
  const changed = `${c}."segment" ${distinct(d)} ${segment2} OR ${c}."engaged" <> ${engaged2}`;
  if (d === "postgresql") {
    // Every customer joined to their winning type (none: NULL, which clears a stale affinity).
    const sql = `UPDATE ${c} SET "categoryAffinity" = a."type", "segment" = ${segment}, "engaged" = ${engaged},
        "segmentUpdatedAt" = ${b.stamp(now)}
      FROM (SELECT k."id" AS cid, w."type" FROM ${c} k LEFT JOIN (${affinityWinners(b, shop)}) w ON w.id = k."shopifyId"
        WHERE k."shop" = ${b.str(shop)} AND k."redactedAt" IS NULL) a
      WHERE ${c}."id" = a.cid AND (${changed} OR ${c}."categoryAffinity" IS DISTINCT FROM a."type")`;
    return b.statement(sql);
  }
  const sql = `UPDATE ${c} SET "segment" = ${segment}, "engaged" = ${engaged}, "segmentUpdatedAt" = ${b.stamp(now)}
    WHERE ${c}."shop" = ${b.str(shop)} AND ${c}."redactedAt" IS NULL AND (${changed})`;
  return b.statement(sql);
}

/**
 * Incremental recompute of a few customers in one UPDATE: click, affinity, segment and engagement
 * from correlated subqueries (cheap for a handful of rows). The VIP minimum comes from the shop's
 * threshold setting, else the decile cutoff the last full recompute stored in AppState.
 */
export function customersSegmentSql(
  d: Dialect,
  shop: string,
  ids: readonly string[],
  now: Date,
  rules: Omit<SegmentRules, "vipThresholdMinor">,
  cutoffKey: string,
): Statement {
  const b = new Builder(d);
  const c = `"Customer"`;
  const cutoff = `(SELECT CAST(a."value" AS BIGINT) FROM "AppState" a WHERE a."shop" = ${c}."shop" AND a."key" = ${b.str(cutoffKey)} AND a."value" <> '')`;
  const vipMin = `COALESCE((SELECT s."vipThresholdMinor" FROM "ShopSettings" s WHERE s."shop" = ${c}."shop"), ${cutoff})`;
  const full: SegmentRules = { ...rules, vipThresholdMinor: null };
  const sql = `UPDATE ${c} SET "lastClickAt" = ${lastClickOf(c)}, "categoryAffinity" = ${affinityOf(d, c)},
      "segment" = ${segmentCase(b, c, now, full, vipMin)},
      "engaged" = ${engagedCase(b, lastClickOf(c), now, rules as SegmentRules)},
      "segmentUpdatedAt" = ${b.stamp(now)}
    WHERE ${c}."shop" = ${b.str(shop)} AND ${c}."redactedAt" IS NULL AND ${b.inIds(`${c}."shopifyId"`, ids)}`;
  return b.statement(sql);
}
