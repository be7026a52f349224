// Benchmark: the daily enrollment scan (win-back + anniversary) over 1,000,000 customers on SQLite.
// Target < 10 s. Baseline in the same run: one full pass over the shop's customers (COUNT(*) with a
// non-indexed predicate), which is what a JavaScript loop over everyone would at least cost.
// Run: npm run bench:flows
import { createClient } from "@libsql/client";
import { runDailyScan } from "../../app/flows/scan.server";
import { setFlowEnabled } from "../../app/flows/settings.server";
import { createTestDatabase, openTestDb } from "../support/database";

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const NOW = new Date("2026-06-15T12:00:00.000Z");
const shop = "scan-bench.myshopify.com";

process.env.TEST_DB = "sqlite";
const url = await createTestDatabase("scan");
const raw = createClient({ url });
let t = performance.now();
// Synthetic customers straight in SQL: first orders spread over ~4 years, last orders over 2 years,
// 85% subscribed. Dates in the same text format Prisma writes.
const iso = (expr: string) => `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', '2026-06-15 12:00:00', ${expr})`;
await raw.execute("PRAGMA journal_mode = WAL");
await raw.execute("PRAGMA synchronous = OFF");
const CHUNK = 100_000;
for (let from = 0; from < CUSTOMERS; from += CHUNK) {
  await raw.execute(`
    WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${Math.min(from + CHUNK, CUSTOMERS)})
    INSERT INTO "Customer" ("id", "shop", "shopifyId", "email", "emailLower", "marketingState", "ordersCount", "firstOrderAt", "firstOrderMonthDay", "lastOrderAt", "createdAt", "updatedAt")
    SELECT 'cust' || i, '${shop}', 'c' || i, 'c' || i || '@x.test', 'c' || i || '@x.test',
      CASE WHEN i % 20 < 17 THEN 'SUBSCRIBED' ELSE 'NOT_SUBSCRIBED' END,
      1 + (i % 4),
      ${iso("'-' || (400 + (i * 13) % 1100) || ' days'")},
      strftime('%m-%d', '2026-06-15 12:00:00', '-' || (400 + (i * 13) % 1100) || ' days'),
      ${iso("'-' || ((i * 7) % 730) || ' days', '-' || (i % 24) || ' hours'")},
      '2026-01-01T00:00:00.000+00:00', '2026-01-01T00:00:00.000+00:00'
    FROM n`);
}
console.log(
  `seeded ${CUSTOMERS.toLocaleString()} customers in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);
await raw.execute("ANALYZE");
raw.close();

const db = await openTestDb(url);
await db.shop.create({ data: { shop, timeZone: "America/Toronto" } });
await db.shopSettings.create({ data: { shop, dailySendLimit: 500 } });
await setFlowEnabled(db, shop, "win_back", true, new Date("2026-06-01T00:00:00Z"));
await setFlowEnabled(db, shop, "anniversary", true, new Date("2026-06-01T00:00:00Z"));

t = performance.now();
const full = await db.$queryRawUnsafe<Array<{ n: number }>>(
  `SELECT COUNT(*) AS n FROM "Customer" WHERE "shop" = ? AND "marketingState" = 'SUBSCRIBED' AND substr("emailLower", 1, 1) = 'c'`,
  shop,
);
const baselineMs = performance.now() - t;
console.log(
  `baseline: one full pass over the shop's customers (${Number(full[0].n).toLocaleString()} matched) ${baselineMs.toFixed(0)} ms`,
);

const scan = async (label: string, at: Date) => {
  const s = performance.now();
  const r = await runDailyScan(db, shop, at, "sqlite");
  const ms = performance.now() - s;
  console.log(
    `${label}: anniversary ${r.anniversary}, win-back ${r.winBack} (limit ${r.limit}) in ${ms.toFixed(0)} ms = ${(ms / baselineMs).toFixed(2)}x the full pass (target < 10 s: ${ms < 10_000 ? "met" : "NOT met"})`,
  );
  return ms;
};
await scan("day 1, default daily limit 500", NOW);
await scan("day 2, default daily limit 500", new Date(NOW.getTime() + 86_400_000));
await db.shopSettings.update({ where: { shop }, data: { dailySendLimit: 50_000 } });
await scan("day 3, daily limit 50,000 (bulk insert throughput)", new Date(NOW.getTime() + 2 * 86_400_000));
await db.$disconnect();
