// The statements behind set-based order statistics, per dialect. Each binds a batch of customers
// as ONE JSON text value (json_each on SQLite, json_to_recordset / json_array_elements_text on
// PostgreSQL), so a batch of thousands stays one statement with a handful of parameters: no
// bind-variable limit, and no per-row query compilation in Prisma's engine.
import type { Dialect } from "../db/direct.server";

export interface StatsSql {
  /** shop, JSON array of ids → id, n, spent, first, last (ISO text), non-cancelled orders only. */
  aggregate: string;
  /** shop, now, JSON array of { key, id } → bare rows for ids that have none. */
  insertBare: string;
  /** now, JSON array of { id, n, spent, first, md, last }, shop → rows updated. */
  update: string;
}

const SQLITE: StatsSql = {
  aggregate: `SELECT o."customerShopifyId" AS "id", COUNT(*) AS "n",
      SUM(o."totalMinor" - o."refundedMinor") AS "spent",
      MIN(o."processedAt") AS "first", MAX(o."processedAt") AS "last"
    FROM "Order" o
    WHERE o."shop" = ? AND o."cancelledAt" IS NULL
      AND o."customerShopifyId" IN (SELECT value FROM json_each(?))
    GROUP BY o."customerShopifyId"`,
  // "WHERE true": SQLite needs it to parse ON CONFLICT after INSERT … SELECT.
  insertBare: `INSERT INTO "Customer" ("id", "shop", "shopifyId", "createdAt", "updatedAt")
    SELECT json_extract(value, '$.key'), ?1, json_extract(value, '$.id'), ?2, ?2
    FROM json_each(?3) WHERE true
    ON CONFLICT ("shop", "shopifyId") DO NOTHING`,
  update: `UPDATE "Customer" SET
      "ordersCount" = v."n", "totalSpentMinor" = v."spent", "firstOrderAt" = v."first",
      "firstOrderMonthDay" = v."md", "lastOrderAt" = v."last", "updatedAt" = ?
    FROM (SELECT json_extract(value, '$.id') AS "id", json_extract(value, '$.n') AS "n",
            json_extract(value, '$.spent') AS "spent", json_extract(value, '$.first') AS "first",
            json_extract(value, '$.md') AS "md", json_extract(value, '$.last') AS "last"
          FROM json_each(?)) AS v
    WHERE "Customer"."shop" = ? AND "Customer"."shopifyId" = v."id"`,
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
  insertBare: `INSERT INTO "Customer" ("id", "shop", "shopifyId", "createdAt", "updatedAt")
    SELECT v."key", $1, v."id", CAST($2 AS timestamp(3)), CAST($2 AS timestamp(3))
    FROM json_to_recordset(CAST($3 AS json)) AS v("key" text, "id" text)
    ON CONFLICT ("shop", "shopifyId") DO NOTHING`,
  update: `UPDATE "Customer" AS c SET
      "ordersCount" = v."n", "totalSpentMinor" = v."spent", "firstOrderAt" = v."first",
      "firstOrderMonthDay" = v."md", "lastOrderAt" = v."last", "updatedAt" = CAST($1 AS timestamp(3))
    FROM json_to_recordset(CAST($2 AS json))
      AS v("id" text, "n" integer, "spent" integer, "first" timestamp(3), "md" text, "last" timestamp(3))
    WHERE c."shop" = $3 AND c."shopifyId" = v."id"`,
};

export function statsSql(dialect: Dialect): StatsSql {
  return dialect === "postgresql" ? POSTGRES : SQLITE;
}
