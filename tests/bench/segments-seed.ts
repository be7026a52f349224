// Synthetic shop for bench:segments, generated set-based inside the database (recursive CTE on
// SQLite, generate_series on PostgreSQL): customer i has i % 7 orders (mean 3), its last order
// (i·37 mod 400) days ago, a gap of 5 + (i·11 mod 90) days between orders, one line per order
// over 40 products of 8 types (one untyped), 10% of customers clicked an email. Customer figures
// are aggregated from the orders, as order statistics would hold them.
import type { Dialect } from "../../app/db/direct.server";

export const SEED_NOW = "2026-12-04 12:00:00";
const PRODUCTS = 40;
const TYPES = ["Coffee", "Tea", "Mugs", "Grinders", "Filters", "Kettles", "Gift cards", "Syrups"];

/** Statements that fill `shop` with `customers` customers; run in order, each one statement. */
export function seedStatements(d: Dialect, shop: string, customers: number, chunk = 100_000): string[] {
  const out: string[] = [];
  const stamp = (days: string, hours: string) =>
    d === "postgresql"
      ? `(TIMESTAMP '${SEED_NOW}' - (${days}) * INTERVAL '1 day' - (${hours}) * INTERVAL '1 hour')`
      : `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', '${SEED_NOW}', '-' || (${days}) || ' days', '-' || (${hours}) || ' hours')`;
  const now = d === "postgresql" ? `TIMESTAMP '${SEED_NOW}'` : `'2026-12-04T12:00:00.000+00:00'`;
  const cat = (...parts: string[]) => parts.join(" || ");
  const productValues = Array.from({ length: PRODUCTS }, (_, p) => {
    const type = p === PRODUCTS - 1 ? "NULL" : `'${TYPES[p % TYPES.length]}'`;
    return `('prod${p}', '${shop}', 'p${p}', 'Product ${p}', ${type}, ${now}, ${now})`;
  });
  out.push(`INSERT INTO "Product" ("id", "shop", "shopifyId", "title", "productType", "createdAt", "updatedAt")
    VALUES ${productValues.join(", ")}`);
  for (let from = 0; from < customers; from += chunk) {
    const to = Math.min(from + chunk, customers) - 1;
    // (customer i, order k) pairs, k < i % 7.
    const pairs =
      d === "postgresql"
        ? `FROM generate_series(${from}, ${to}) AS i, LATERAL generate_series(0, i % 7 - 1) AS k`
        : `FROM (WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i < ${to}) SELECT i FROM n) c
           JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) ks ON ks.k < c.i % 7`;
    const id = (prefix: string) =>
      d === "postgresql" ? `'${prefix}' || i || '_' || k` : cat(`'${prefix}'`, "i", "'_'", "k");
    const when = stamp("(i * 37) % 400 + k * (5 + (i * 11) % 90)", "i % 24");
    out.push(`INSERT INTO "Order" ("id", "shop", "shopifyId", "customerShopifyId", "totalMinor", "subtotalMinor",
        "processedAt", "createdAt", "updatedAt")
      SELECT ${id("o")}, '${shop}', ${id("")}, 'c' || i, 1000 + ((i * 31 + k * 17) % 200) * 100, 1000, ${when}, ${now}, ${now}
      ${pairs}`);
    out.push(`INSERT INTO "OrderLine" ("id", "shop", "orderId", "productShopifyId", "title", "quantity", "priceMinor")
      SELECT ${id("l")}, '${shop}', ${id("o")}, 'p' || ((i * 3 + k) % ${PRODUCTS}), 'Product', 1 + (i + k) % 3, 1000
      ${pairs}`);
  }
  out.push(`INSERT INTO "Customer" ("id", "shop", "shopifyId", "ordersCount", "totalSpentMinor", "firstOrderAt",
      "lastOrderAt", "createdAt", "updatedAt")
    SELECT 'cust' || substr("customerShopifyId", 2), '${shop}', "customerShopifyId", COUNT(*), SUM("totalMinor"),
      MIN("processedAt"), MAX("processedAt"), ${now}, ${now}
    FROM "Order" WHERE "shop" = '${shop}' GROUP BY "customerShopifyId"`);
  // Customers with no order (i % 7 = 0), and one message + click for every tenth customer.
  const all =
    d === "postgresql"
      ? `FROM generate_series(0, ${customers - 1}) AS i`
      : `FROM (WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${customers - 1}) SELECT i FROM n) c`;
  out.push(`INSERT INTO "Customer" ("id", "shop", "shopifyId", "createdAt", "updatedAt")
    SELECT 'cust' || i, '${shop}', 'c' || i, ${now}, ${now} ${all} WHERE i % 7 = 0`);
  out.push(`INSERT INTO "Message" ("id", "shop", "runId", "stepIndex", "flowKey", "customerShopifyId", "status",
      "messageIdHeader", "claimedAt")
    SELECT 'm' || i, '${shop}', 'r' || i, 0, 'win_back', 'c' || i, 'sent', '<m' || i || '@bench>', ${now}
    ${all} WHERE i % 10 = 0`);
  out.push(`INSERT INTO "Click" ("id", "shop", "messageId", "url", "at", "lastAt")
    SELECT 'k' || i, '${shop}', 'm' || i, 'https://shop.example/p', ${stamp("i % 200", "0")}, ${stamp("i % 200", "0")}
    ${all} WHERE i % 10 = 0`);
  out.push(d === "postgresql" ? "ANALYZE" : "ANALYZE");
  return out;
}
