// The one statement per batch behind recomputing a whole shop's order statistics, per dialect: it
// picks the next customers with orders after a cursor, adds up their non-cancelled orders, finds
// each first order's local month-day through the zone's offset table (zone-offsets.ts, bound as
// one JSON text) and upserts the figures, creating a bare row for a customer only known from
// orders. Nothing travels through JS but the cursor.
import type { Dialect } from "../db/direct.server";

export interface ShopStatsSql {
  /** shop → first and last processedAt of its orders (ISO text), for the offset table's span. */
  span: string;
  /**
   * shop, after (id or ""), limit, offsets JSON [{ at, offset }], now → the batch written.
   * SQLite returns each written id; PostgreSQL one row with the batch's count and last id.
   */
  batch: string;
}

const COLUMNS = `"id", "shop", "shopifyId", "ordersCount", "totalSpentMinor", "firstOrderAt",
      "firstOrderMonthDay", "lastOrderAt", "createdAt", "updatedAt"`;

const SET = `"ordersCount" = excluded."ordersCount", "totalSpentMinor" = excluded."totalSpentMinor",
      "firstOrderAt" = excluded."firstOrderAt", "firstOrderMonthDay" = excluded."firstOrderMonthDay",
      "lastOrderAt" = excluded."lastOrderAt", "updatedAt" = excluded."updatedAt"`;

// Customers with any order (cancelled ones too: an all-cancelled customer is reset to zeros), in
// id order from the cursor, then their non-cancelled orders added up (LEFT JOIN keeps the zeros).
const batchOf = (p: { shop: string; after: string; limit: string }) => `ids AS (
    SELECT "customerShopifyId" AS "id" FROM "Order"
    WHERE "shop" = ${p.shop} AND "customerShopifyId" > ${p.after}
    GROUP BY "customerShopifyId" ORDER BY "customerShopifyId" LIMIT ${p.limit}
  ),
  agg AS (
    SELECT ids."id" AS "id", COUNT(o."id") AS "n",
      COALESCE(SUM(o."totalMinor" - o."refundedMinor"), 0) AS "spent",
      MIN(o."processedAt") AS "first", MAX(o."processedAt") AS "last"
    FROM ids LEFT JOIN "Order" o ON o."shop" = ${p.shop} AND o."customerShopifyId" = ids."id"
      AND o."cancelledAt" IS NULL
    GROUP BY ids."id"
  )`;

// SQLite stores DateTime as ISO text with "+00:00" (adapter-libsql): the first order's text is
// written back as it is, and its wall clock is the instant plus the offset in force then.
const SQLITE: ShopStatsSql = {
  span: `SELECT MIN("processedAt") AS "first", MAX("processedAt") AS "last" FROM "Order" WHERE "shop" = ?`,
  batch: `WITH ${batchOf({ shop: "?1", after: "?2", limit: "?3" })},
  zone AS MATERIALIZED (
    SELECT json_extract(value, '$.at') AS "at", json_extract(value, '$.offset') AS "offset"
    FROM json_each(?4)
  )
  INSERT INTO "Customer" (${COLUMNS})
  SELECT lower(hex(randomblob(16))), ?1, a."id", a."n", a."spent", a."first",
    CASE WHEN a."first" IS NULL THEN NULL ELSE strftime('%m-%d', a."first", (
      SELECT z."offset" FROM zone z WHERE z."at" <= CAST(strftime('%s', a."first") AS INTEGER)
      ORDER BY z."at" DESC LIMIT 1) || ' seconds') END,
    a."last", ?5, ?5
  FROM agg a WHERE true
  ON CONFLICT ("shop", "shopifyId") DO UPDATE SET ${SET}
  RETURNING "shopifyId" AS "id"`,
};

// PostgreSQL: timestamp(3) without zone holds UTC, so its epoch is the instant's. The cursor is
// the batch's greatest id by the database's own collation (the next page compares with it).
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const POSTGRES: ShopStatsSql = {
  span: `SELECT to_char(MIN("processedAt"), ${ISO}) AS "first", to_char(MAX("processedAt"), ${ISO}) AS "last"
    FROM "Order" WHERE "shop" = $1`,
  batch: `WITH ${batchOf({ shop: "$1", after: "$2", limit: "$3" })},
  zone AS (
    SELECT z."at", z."offset" FROM json_to_recordset(CAST($4 AS json)) AS z("at" bigint, "offset" integer)
  ),
  written AS (
    INSERT INTO "Customer" (${COLUMNS})
    SELECT gen_random_uuid()::text, $1, a."id", a."n", a."spent", a."first",
      to_char(a."first" + make_interval(secs => (
        SELECT z."offset" FROM zone z WHERE z."at" <= floor(extract(epoch FROM a."first"))
        ORDER BY z."at" DESC LIMIT 1)), 'MM-DD'),
      a."last", CAST($5 AS timestamp(3)), CAST($5 AS timestamp(3))
    FROM agg a
    ON CONFLICT ("shop", "shopifyId") DO UPDATE SET ${SET}
    RETURNING "shopifyId"
  )
  SELECT COUNT(*)::int AS "n", MAX("shopifyId") AS "last" FROM written`,
};

export function shopStatsSql(dialect: Dialect): ShopStatsSql {
  return dialect === "postgresql" ? POSTGRES : SQLITE;
}
