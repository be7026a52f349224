// Child process for the backfill kill test: ingests the ready backfill jobs of SHOP, printing a JSON
// line after every committed batch so the parent can SIGKILL it mid-file.
import { createDb } from "../../../app/db/client.server";
import { ingestBackfillJob } from "../../../app/shopify/backfill-ingest.server";

const { DATABASE_URL, SHOP } = process.env;
if (!DATABASE_URL || !SHOP) throw new Error("DATABASE_URL and SHOP are required");

const db = createDb(DATABASE_URL);
const jobs = await db.backfillJob.findMany({
  where: { shop: SHOP, status: { in: ["downloading", "ingesting"] } },
  orderBy: { startedAt: "asc" },
});
for (const job of jobs) {
  await ingestBackfillJob(db, job.id, {
    batchSize: 5,
    onBatch: (p) => console.log(JSON.stringify({ resource: job.resource, linesDone: p.linesDone })),
  });
}
console.log(JSON.stringify({ done: true }));
await db.$disconnect();
