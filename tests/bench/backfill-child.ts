// Child process of bench:backfill: ingests every ready backfill job of one shop, printing progress
// as JSON lines so the parent can kill it halfway (SIGKILL) and measure its memory. The first line
// is the baseline: the process with its code loaded and the database open, before any ingestion.
import { createDb } from "../../app/db/client.server";
import { ingestBackfillJob, recomputeShopStats } from "../../app/shopify/backfill-ingest.server";
import { batchedRecomputeShopStats, legacyRecomputeShopStats } from "./legacy-stats";

// A third argument "stats" / "batched-stats" / "legacy-stats": only recompute statistics (one
// statement per batch, the earlier grouped read + upsert per batch, or one UPDATE per customer),
// in a fresh process, so all are measured alike.
const [url, shop, mode] = process.argv.slice(2);
const memory = () => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
};
const say = (message: object) => console.log(JSON.stringify(message));

const db = createDb(url);
const jobs = await db.backfillJob.findMany({
  where: { shop, status: { in: ["downloading", "ingesting"] } },
  orderBy: { startedAt: "asc" },
});
say({ baseline: memory() });
if (mode) {
  say({ resource: "orders", phase: "statistics", ...memory() });
  const modes: Record<string, (d: typeof db, s: string) => Promise<void>> = {
    stats: recomputeShopStats,
    "batched-stats": batchedRecomputeShopStats,
    "legacy-stats": legacyRecomputeShopStats,
  };
  if (!modes[mode]) throw new Error(`unknown mode ${mode}`);
  await modes[mode](db, shop);
}
for (const job of mode ? [] : jobs) {
  // Like the worker's runner: a failed attempt (e.g. the result server closed the connection while
  // this process was behind) resumes from the last committed line; five failures in a row end it.
  for (let failures = 0; ; ) {
    try {
      await ingestBackfillJob(db, job.id, {
        batchSize: 200,
        onBatch: (p) => {
          failures = 0;
          say({ resource: job.resource, ...p, ...memory() });
        },
        onPhase: (phase) => say({ resource: job.resource, phase, ...memory() }),
      });
      break;
    } catch (error) {
      say({ resource: job.resource, retry: error instanceof Error ? error.message : String(error) });
      if (++failures >= 5) throw error;
    }
  }
}
say({ done: true, maxRss: process.resourceUsage().maxRSS * 1024, ...memory() });
await db.$disconnect();
