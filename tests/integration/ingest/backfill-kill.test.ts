// kill -9 during a backfill: a child process ingesting the bulk results is SIGKILLed halfway
// through the orders file, a new process resumes the job, and the shop ends with exactly the rows
// of a backfill that was never interrupted.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { ingestBackfillJob } from "../../../app/shopify/backfill-ingest.server";
import { uniqueShop } from "../../support/database";
import { customersJsonl, ordersJsonl } from "./jsonl";
import { type ResultServer, startResultServer } from "./result-server";
import { storeSnapshot } from "./snapshot";

const CUSTOMERS = 200;
const ORDERS = 600;
const ORDER_LINES = ORDERS * 3; // one order line and, in turn, 1, 2 or 3 line items: 3 per order on average
const db = () => getDb();
let server: ResultServer;

beforeAll(async () => {
  server = await startResultServer({ ranges: true });
  server.put("customers.jsonl", [...customersJsonl(CUSTOMERS)].join(""));
  server.put("orders.jsonl", [...ordersJsonl(ORDERS, CUSTOMERS)].join(""));
});
afterAll(() => server.close());

async function createJobs(shop: string) {
  const jobs = [];
  for (const [i, resource] of ["customers", "orders"].entries()) {
    jobs.push(
      await db().backfillJob.create({
        data: {
          shop,
          resource,
          status: "downloading",
          url: server.url(`${resource}.jsonl`),
          startedAt: new Date(Date.now() + i),
        },
      }),
    );
  }
  return jobs;
}

/** Runs the child; with `killAtOrderLine`, SIGKILLs it once it reports that many order lines committed. */
function runChild(shop: string, killAtOrderLine?: number) {
  // One process (node --import tsx), not the tsx CLI: SIGKILL on the CLI would orphan the node
  // process it starts, which would keep ingesting.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.resolve("tests/integration/ingest/backfill-kill.child.ts")],
    { env: { ...process.env, SHOP: shop, LOG_LEVEL: "silent" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let pending = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk;
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const msg = JSON.parse(line) as { resource?: string; linesDone?: number };
      if (
        killAtOrderLine !== undefined &&
        msg.resource === "orders" &&
        (msg.linesDone ?? 0) >= killAtOrderLine
      )
        child.kill("SIGKILL");
    }
  });
  child.stderr.on("data", (chunk: Buffer) => {
    out += chunk;
  });
  return new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, out })),
  );
}

it("resumes a SIGKILLed backfill and ends with the rows of an uninterrupted one", {
  timeout: 120_000,
}, async () => {
  const reference = uniqueShop("bf-ref");
  for (const job of await createJobs(reference)) await ingestBackfillJob(db(), job.id, { batchSize: 5 });

  const crashed = uniqueShop("bf-kill");
  const [, ordersJob] = await createJobs(crashed);
  const killed = await runChild(crashed, ORDER_LINES / 2);
  expect(killed.signal, killed.out).toBe("SIGKILL");
  const midway = await db().backfillJob.findUniqueOrThrow({ where: { id: ordersJob.id } });
  expect(midway.status).toBe("ingesting");
  expect(midway.linesDone).toBeGreaterThanOrEqual(ORDER_LINES / 2);
  expect(midway.linesDone).toBeLessThan(ORDER_LINES);

  const resumed = await runChild(crashed);
  expect(resumed.code, resumed.out).toBe(0);
  const done = await db().backfillJob.findUniqueOrThrow({ where: { id: ordersJob.id } });
  expect(done).toMatchObject({ status: "completed", linesDone: ORDER_LINES });
  // The new process asked only for the rest of the file.
  expect(
    server.requests.some((r) => r.name === "orders.jsonl" && r.range === `bytes=${midway.bytesDone}-`),
  ).toBe(true);

  const expected = await storeSnapshot(reference);
  const actual = await storeSnapshot(crashed);
  expect(actual.orders).toHaveLength(ORDERS);
  expect(actual.customers).toHaveLength(CUSTOMERS);
  expect(actual).toEqual(expected);
});
