// The statements behind set-based order statistics, per dialect. Each binds a batch of customers
// as ONE JSON text value (json_each on SQLite, json_to_recordset / json_array_elements_text on
// PostgreSQL), so a batch of thousands stays one statement with a handful of parameters: no
// bind-variable limit, and no per-row query compilation in Prisma's engine.
import type { Dialect } from "../db/direct.server";

export interface StatsSql {
  /** shop, JSON array of ids → id, n, spent, first, last (ISO text), non-cancelled orders only. */
  aggregate: string;
  /**
   * shop, now, JSON array of { key, id, n, spent, first, md, last } → each customer's figures
   * written, a bare row (new id `key`) created for a customer only known from orders.
   */
  upsert: string;
}

const SET = `"ordersCount" = excluded."ordersCount", "totalSpentMinor" = excluded."totalSpentMinor",
      "firstOrderAt" = excluded."firstOrderAt", "firstOrderMonthDay" = excluded."firstOrderMonthDay",
      "lastOrderAt" = excluded."lastOrderAt", "updatedAt" = excluded."updatedAt"`;

const SQLITE: StatsSql = {
  aggregate: `SELECT o."customerShopifyId" AS "id", COUNT(*) AS "n",
      SUM(o."totalMinor" - o."refundedMinor") AS "spent",
      MIN(o."processedAt") AS "first", MAX(o."processedAt") AS "last"
    FROM "Order" o
    WHERE o."shop" = ? AND o."cancelledAt" IS NULL
      AND o."customerShopifyId" IN (SELECT value FROM json_each(?))
    GROUP BY o."customerShopifyId"`,
  // Driven by the JSON rows, each finding its customer through the (shop, shopifyId) key: an
  // UPDATE … FROM json_each was planned the other way round (every customer of the shop scanned
  // against the whole batch). "WHERE true" lets SQLite parse ON CONFLICT after INSERT … SELECT.
  upsert: `INSERT INTO "Customer" ("id", "shop", "shopifyId", "ordersCount", "totalSpentMinor",
      "firstOrderAt", "firstOrderMonthDay", "lastOrderAt", "createdAt", "updatedAt")
    SELECT json_extract(value, '$.key'), ?1, json_extract(value, '$.id'), json_extract(value, '$.n'),
      json_extract(value, '$.spent'), json_extract(value, '$.first'), json_extract(value, '$.md'),
      json_extract(value, '$.last'), ?2, ?2
    FROM json_each(?3) WHERE true
    ON CONFLICT ("shop", "shopifyId") DO UPDATE SET ${SET}`,
};

// Timestamps leave PostgreSQL as explicit UTC ISO text: the column has no zone, and a zone-less
// string would be read back in the process's local zone.
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

const POSTGRES: StatsSql = {
  aggregate: `SELECT o."customerShopifyId" AS "id", COUNT(*) AS "n",
      SUM(o."totalMinor" - o."refundedMinor") AS "spent",
      to_char(MIN(o."processedAt"), ${ISO}) AS "first", to_char(MAX(o."processedAt"), ${ISO}) AS "last"
    FROM "Order" o
    WHERE o."shop" = $1 AND o."cancelledAt" IS NULL
      AND o."customerShopifyId" IN (SELECT json_array_elements_text(CAST($2 AS json)))
    GROUP BY o."customerShopifyId"`,
  upsert: `INSERT INTO "Customer" ("id", "shop", "shopifyId", "ordersCount", "totalSpentMinor",
      "firstOrderAt", "firstOrderMonthDay", "lastOrderAt", "createdAt", "updatedAt")
    SELECT v."key", $1, v."id", v."n", v."spent", v."first", v."md", v."last",
      CAST($2 AS timestamp(3)), CAST($2 AS timestamp(3))
    FROM json_to_recordset(CAST($3 AS json)) AS v("key" text, "id" text, "n" integer,
      "spent" integer, "first" timestamp(3), "md" text, "last" timestamp(3))
    ON CONFLICT ("shop", "shopifyId") DO UPDATE SET ${SET}`,
};

export function statsSql(dialect: Dialect): StatsSql {
  return dialect === "postgresql" ? POSTGRES : SQLITE;
}
