// The worker's backfill runner when the result download keeps dropping: every attempt resumes from
// the last committed line (HTTP Range), attempts that made progress never use up the retry budget,
// and only a job that fails five times without progress is given up as failed.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { createBackfillRunner } from "../../../app/shopify/backfill-runner.server";
import { uniqueShop } from "../../support/database";
import { customersJsonl } from "./jsonl";

const COUNT = 300;
const file = Buffer.from([...customersJsonl(COUNT)].join(""));
let server: Server;
let base = "";
/** Per path: how many more requests are cut off, and after how many bytes. */
const drops = new Map<string, { left: number; after: number }>();
const ranges: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? "")?.[1] ?? 0);
    ranges.push(`${req.url} ${start}`);
    const body = file.subarray(start);
    res.writeHead(start > 0 ? 206 : 200, { "Content-Length": body.length });
    const drop = drops.get(req.url ?? "");
    if (drop && drop.left > 0) {
      drop.left--;
      // Send part of the body, then cut the connection as a flaky network or storage would.
      res.write(body.subarray(0, drop.after), () => res.destroy());
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function job(shop: string, path: string) {
  return getDb().backfillJob.create({
    data: { shop, resource: "customers", status: "downloading", url: `${base}${path}` },
  });
}

describe("backfill runner with a dropping download", () => {
  it("finishes a download cut off eight times, each attempt resuming where the last committed", async () => {
    const shop = uniqueShop("flaky");
    drops.set("/flaky.jsonl", { left: 8, after: 12_000 });
    const { id } = await job(shop, "/flaky.jsonl");
    const runner = createBackfillRunner(getDb, { batchSize: 5 });
    for (let i = 0; i < 20; i++) {
      await runner.drain();
      const { status } = await getDb().backfillJob.findUniqueOrThrow({ where: { id } });
      if (status !== "downloading" && status !== "ingesting") break;
    }
    expect(await getDb().backfillJob.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "completed",
      linesDone: COUNT,
      bytesDone: file.length,
    });
    expect(await getDb().customer.count({ where: { shop } })).toBe(COUNT);
    const offsets = ranges.filter((r) => r.startsWith("/flaky.jsonl")).map((r) => Number(r.split(" ")[1]));
    expect(offsets).toHaveLength(9);
    // Every request after the first started further into the file.
    expect(offsets.every((o, i) => i === 0 || o > offsets[i - 1])).toBe(true);
  });

  it("gives a job up as failed after five attempts without progress", async () => {
    const shop = uniqueShop("flaky");
    drops.set("/stuck.jsonl", { left: 1_000, after: 10 }); // not even one whole line
    const { id } = await job(shop, "/stuck.jsonl");
    const runner = createBackfillRunner(getDb, { batchSize: 5 });
    for (let i = 0; i < 5; i++) await runner.drain();
    const stuck = await getDb().backfillJob.findUniqueOrThrow({ where: { id } });
    expect(stuck.status).toBe("failed");
    expect(stuck.error).toBeTruthy();
    expect(stuck.linesDone).toBe(0);
  });
});
