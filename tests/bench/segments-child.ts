// One measured process of bench:segments (spawned fresh per database so its peak RSS is the
// recompute's alone): same-run baselines over the same table, then the full recompute, a second
// one a day later (what the daily scan pays), and one incremental batch. Prints one JSON line.
import { createDb } from "../../app/db/client.server";
import { executeWrite, queryRows, writeDialect } from "../../app/db/direct.server";
import {
  recomputeCustomerSegments,
  recomputeShopSegments,
  segmentCounts,
} from "../../app/store/segments.server";

const [url, shop, nowText] = process.argv.slice(2);
process.env.DATABASE_URL = url;
const db = createDb(url);
const now = new Date(nowText);
const timed = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
  const t = performance.now();
  const value = await fn();
  return [(performance.now() - t) / 1000, value];
};

await db.shop.findUnique({ where: { shop } }); // connect (and let direct statements use the driver)
const q = writeDialect(db) === "postgresql" ? "CAST(? AS TEXT)" : "?";
const rssBefore = process.memoryUsage().rss;
const [countSeconds, count] = await timed(() =>
  queryRows(db, `SELECT COUNT(*) AS n FROM "Customer" WHERE "shop" = ${q} AND "lastOrderAt" IS NOT NULL`, [
    shop,
  ]),
);
// The UPDATE runs twice and the second (warm) time is the baseline: the first also pays for
// reading the table into the cache, which would flatter the ratio of what runs after it.
const oneColumn = (column: string) =>
  executeWrite(db, `UPDATE "Customer" SET "segmentUpdatedAt" = "${column}" WHERE "shop" = ${q}`, [shop]);
await oneColumn("createdAt");
const [updateSeconds] = await timed(() => oneColumn("updatedAt"));
const [fullSeconds, full] = await timed(() => recomputeShopSegments(db, shop, now));
const [dailySeconds, daily] = await timed(() =>
  recomputeShopSegments(db, shop, new Date(now.getTime() + 86_400_000)),
);
const ids = Array.from({ length: 1000 }, (_, i) => `c${(i * 7919) % 1_000_000}`);
const [batchSeconds] = await timed(() =>
  recomputeCustomerSegments(db, shop, ids, new Date(now.getTime() + 86_400_000)),
);
const counts = await segmentCounts(db, shop);
await db.$disconnect();
console.log(
  JSON.stringify({
    buyers: Number(count[0]?.n ?? 0),
    countSeconds,
    updateSeconds,
    fullSeconds,
    fullChanged: full.changed,
    vipMinimum: full.vipMinimum,
    dailySeconds,
    dailyChanged: daily.changed,
    batchSeconds,
    counts,
    rssBefore,
    maxRss: process.resourceUsage().maxRSS * 1024,
  }),
);
