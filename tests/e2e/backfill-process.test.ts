// The production worker ingests a backfill file in a forked, heap-capped process (run.mjs backfill):
// the import's memory stays bounded whatever the file size, and the rows land as in-process.
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, openTestDb } from "../support/database";
import { type AppServer, startAppServer } from "../support/app-server";
import { customersJsonl, ordersJsonl } from "../integration/ingest/jsonl";
import { type ResultServer, startResultServer } from "../integration/ingest/result-server";

const CUSTOMERS = 300;
const ORDERS = 900;
const SHOP = "backfill-process.myshopify.com";
let results: ResultServer;
let app: AppServer | undefined;

beforeAll(async () => {
  results = await startResultServer({ ranges: true });
  results.put("customers.jsonl", [...customersJsonl(CUSTOMERS)].join(""));
  results.put("orders.jsonl", [...ordersJsonl(ORDERS, CUSTOMERS)].join(""));
});
afterAll(async () => {
  await app?.stop();
  await results.close();
});

/** Command lines of running processes that ingest `jobId`. */
function backfillProcesses(jobId: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (argv.includes("backfill") && argv.includes(jobId)) found.push(argv.join(" "));
    } catch {
      // the process exited meanwhile
    }
  }
  return found;
}

it("ingests each backfill file in a child process started with the configured heap ceiling", {
  timeout: 180_000,
}, async () => {
  const databaseUrl = await createTestDatabase("bfproc");
  const db = await openTestDb(databaseUrl);
  const jobs = [];
  for (const [i, resource] of ["customers", "orders"].entries()) {
    jobs.push(
      await db.backfillJob.create({
        data: {
          shop: SHOP,
          resource,
          status: "downloading",
          url: results.url(`${resource}.jsonl`),
          startedAt: new Date(Date.now() + i),
        },
      }),
    );
  }
  // Web process with the worker inline: its backfill runner finds the ready jobs at start.
  app = await startAppServer({ databaseUrl, env: { TEND_WORKER: "inline", TEND_BACKFILL_HEAP_MB: "96" } });
  const seen = new Set<string>();
  const deadline = Date.now() + 150_000;
  for (;;) {
    for (const job of jobs) for (const cmd of backfillProcesses(job.id)) seen.add(cmd);
    const open = await db.backfillJob.count({ where: { shop: SHOP, status: { not: "completed" } } });
    if (open === 0) break;
    if (Date.now() > deadline) throw new Error(`backfill did not complete:\n${app.logs()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  expect(seen.size).toBeGreaterThan(0);
  for (const cmd of seen) expect(cmd).toContain("--max-old-space-size=96");
  expect(await db.customer.count({ where: { shop: SHOP } })).toBe(CUSTOMERS);
  expect(await db.order.count({ where: { shop: SHOP } })).toBe(ORDERS);
  await db.$disconnect();
});
