// Benchmark: the daily A/B evaluation (evaluateAbTests) for a shop with 500,000 sent emails on SQLite.
// Baseline in the same run: the reports' count query over the same emails (loadCounts, all time),
// which reads the same rows once. Reports evaluate/baseline as a ratio and checks the decision.
// Run: npm run bench:ab
import { createClient } from "@libsql/client";
import { evaluateAbTests } from "../../app/insights/ab-decisions.server";
import { loadCounts } from "../../app/insights/metrics.server";
import { createTestDatabase, openTestDb } from "../support/database";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 500_000);
const NOW = new Date("2026-06-15T12:00:00.000Z");
const shop = "ab-bench.myshopify.com";

process.env.TEST_DB = "sqlite";
const url = await createTestDatabase("ab");
const raw = createClient({ url });
let t = performance.now();
await raw.execute("PRAGMA journal_mode = WAL");
await raw.execute("PRAGMA synchronous = OFF");
// Three steps, two subject lines each; B is clicked 6% of the time, A 4%; 1% of emails earn an order.
const CHUNK = 100_000;
for (let from = 0; from < MESSAGES; from += CHUNK) {
  const to = Math.min(from + CHUNK, MESSAGES);
  const rows = `WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${to})`;
  await raw.execute(`${rows}
    INSERT INTO "Message" ("id", "shop", "runId", "stepIndex", "flowKey", "status", "messageIdHeader", "variant", "claimedAt", "sentAt")
    SELECT 'm' || i, '${shop}', 'r' || (i / 3), i % 3, 'checkout_abandonment', 'sent', '<' || i || '@b>', (i / 3) % 2,
      strftime('%Y-%m-%dT%H:%M:%S.000+00:00', '2026-06-15 12:00:00', '-' || (i % 200) || ' days'),
      strftime('%Y-%m-%dT%H:%M:%S.000+00:00', '2026-06-15 12:00:00', '-' || (i % 200) || ' days')
    FROM n`);
  await raw.execute(`${rows}
    INSERT INTO "Click" ("id", "shop", "messageId", "url", "at", "lastAt", "count")
    SELECT 'k' || i, '${shop}', 'm' || i, '/x', '2026-06-15T00:00:00.000+00:00', '2026-06-15T00:00:00.000+00:00', 1
    FROM n WHERE (i * 7919) % 100 < CASE (i / 3) % 2 WHEN 1 THEN 6 ELSE 4 END`);
  await raw.execute(`${rows}
    INSERT INTO "Attribution" ("id", "shop", "orderShopifyId", "messageId", "flowKey", "stepIndex", "variant", "via", "revenueMinor", "currency", "orderedAt")
    SELECT 'a' || i, '${shop}', 'o' || i, 'm' || i, 'checkout_abandonment', i % 3, (i / 3) % 2, 'click', 5000, 'USD', '2026-06-15T00:00:00.000+00:00'
    FROM n WHERE (i * 104729) % 100 = 0`);
}
await raw.execute("ANALYZE");
raw.close();
console.log(`seeded ${MESSAGES.toLocaleString()} emails in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const db = await openTestDb(url);
await db.shop.create({ data: { shop, timeZone: "UTC" } });
t = performance.now();
await loadCounts(db, shop, { since: new Date(0), until: NOW });
const baselineMs = performance.now() - t;
t = performance.now();
const made = await evaluateAbTests(db, shop, NOW);
const evaluateMs = performance.now() - t;
console.log(`baseline: the reports' counts over the same emails ${baselineMs.toFixed(0)} ms`);
console.log(
  `evaluateAbTests: ${evaluateMs.toFixed(0)} ms = ${(evaluateMs / baselineMs).toFixed(2)}x the baseline`,
);
console.log(`decisions: ${made.map((d) => `${d.flowKey} step ${d.stepIndex} -> ${d.winner}`).join(", ")}`);
if (made.length !== 3 || made.some((d) => d.winner !== "1"))
  throw new Error("expected B to win all three steps");
await db.$disconnect();
