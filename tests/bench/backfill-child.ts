// Child process of bench:backfill: ingests every ready backfill job of one shop, printing progress
// as JSON lines so the parent can kill it halfway (SIGKILL) and measure its memory.
import { createDb } from "../../app/db/client.server";
import { ingestBackfillJob } from "../../app/shopify/backfill-ingest.server";

const [url, shop] = process.argv.slice(2);
const db = createDb(url);
const jobs = await db.backfillJob.findMany({
  where: { shop, status: { in: ["downloading", "ingesting"] } },
  orderBy: { startedAt: "asc" },
});
for (const job of jobs) {
  await ingestBackfillJob(db, job.id, {
    batchSize: 200,
    onBatch: (p) =>
      console.log(JSON.stringify({ resource: job.resource, ...p, rss: process.memoryUsage().rss })),
  });
}
console.log(JSON.stringify({ done: true, maxRss: process.resourceUsage().maxRSS * 1024 }));
await db.$disconnect();
