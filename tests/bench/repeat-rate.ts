// Benchmark: the reports' repeat purchase rate (loadRepeatCounts) for a shop with 100,000 first-time
// buyers (post-purchase runs, first orders, ~30% reorders, plus 100,000 unrelated orders) on SQLite.
// Baseline in the same run: the reports' holdout-lift query for the same flow (loadHoldoutOutcomes),
// which reads the same runs and joins the same orders. Reports repeat/baseline as a ratio.
// Run: npm run bench:repeat (BENCH_BUYERS to resize)
import { createClient } from "@libsql/client";
import { loadHoldoutOutcomes } from "../../app/insights/holdout.server";
import { loadRepeatCounts } from "../../app/insights/repeat-rate.server";
import { createTestDatabase, openTestDb } from "../support/database";

const BUYERS = Number(process.env.BENCH_BUYERS ?? 100_000);
const NOW = new Date("2026-06-15T12:00:00.000Z");
const shop = "repeat-bench.myshopify.com";

process.env.TEST_DB = "sqlite";
const url = await createTestDatabase("repeat");
const raw = createClient({ url });
let t = performance.now();
await raw.execute("PRAGMA journal_mode = WAL");
await raw.execute("PRAGMA synchronous = OFF");
const at = (days: string) => `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', '2026-06-15 12:00:00', ${days})`;
const CHUNK = 50_000;
for (let from = 0; from < BUYERS; from += CHUNK) {
  const to = Math.min(from + CHUNK, BUYERS);
  const rows = `WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${to})`;
  // First orders spread over the last 360 days; 10% holdout; 30% reorder 5-124 days later.
  await raw.execute(`${rows}
    INSERT INTO "Order" ("id", "shop", "shopifyId", "customerShopifyId", "processedAt", "totalMinor", "updatedAt")
    SELECT 'o' || i, '${shop}', 'first-' || i, 'c' || i, ${at(`'-' || (i % 360) || ' days'`)}, 4000, ${at("'+0 days'")} FROM n`);
  await raw.execute(`${rows}
    INSERT INTO "Order" ("id", "shop", "shopifyId", "customerShopifyId", "processedAt", "totalMinor", "updatedAt")
    SELECT 'p' || i, '${shop}', 'again-' || i, 'c' || i, ${at(`(5 + (i % 120) - (i % 360)) || ' days'`)}, 4000, ${at("'+0 days'")}
    FROM n WHERE (i * 7919) % 100 < 30`);
  await raw.execute(`${rows}
    INSERT INTO "Order" ("id", "shop", "shopifyId", "customerShopifyId", "processedAt", "totalMinor", "updatedAt")
    SELECT 'q' || i, '${shop}', 'other-' || i, 'other' || i, ${at(`'-' || (i % 700) || ' days'`)}, 4000, ${at("'+0 days'")} FROM n`);
  await raw.execute(`${rows}
    INSERT INTO "FlowRun" ("id", "shop", "flowKey", "flowVersion", "enrollKey", "customerShopifyId", "status", "holdout", "context", "startedAt", "updatedAt")
    SELECT 'r' || i, '${shop}', 'post_purchase', 1, 'post_purchase:first-' || i, 'c' || i, 'completed', (i * 104729) % 10 = 0, '{}',
      ${at(`'-' || (i % 360) || ' days'`)}, ${at("'+0 days'")} FROM n`);
}
await raw.execute("ANALYZE");
raw.close();
console.log(
  `seeded ${BUYERS.toLocaleString()} first-time buyers in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

const db = await openTestDb(url);
const since = new Date(NOW.getTime() - 365 * 86_400_000);
await loadHoldoutOutcomes(db, shop, { flowKey: "post_purchase", windowDays: 35, since, now: NOW }); // warm-up
t = performance.now();
await loadHoldoutOutcomes(db, shop, { flowKey: "post_purchase", windowDays: 35, since, now: NOW });
const baselineMs = performance.now() - t;
t = performance.now();
const counts = await loadRepeatCounts(db, shop, { since, now: NOW });
const repeatMs = performance.now() - t;
console.log(`baseline: the holdout-lift query over the same runs ${baselineMs.toFixed(0)} ms`);
console.log(
  `loadRepeatCounts: ${repeatMs.toFixed(0)} ms = ${(repeatMs / baselineMs).toFixed(2)}x the baseline`,
);
for (const c of counts)
  console.log(
    `  ${c.windowDays} days: treated ${c.treated.repeated}/${c.treated.buyers}, holdout ${c.holdout.repeated}/${c.holdout.buyers}, pending ${c.pending}`,
  );
if (counts.some((c) => c.treated.buyers + c.holdout.buyers + c.pending !== BUYERS))
  throw new Error("every buyer must be counted or pending");
await db.$disconnect();
