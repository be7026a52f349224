// Backfill end to end against local stand-ins: a fake Admin API that starts bulk operations and
// reports their result URL, and a local HTTP server serving generated JSONL results.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installedShop } from "../../support/webhooks";
import type { AdminGraphql } from "../../../app/admin.server";
import { getDb } from "../../../app/db.server";
import { createShopHandlers } from "../../../app/ingest/handlers-shop.server";
import { ingestBackfillJob } from "../../../app/shopify/backfill-ingest.server";
import { backfillProgress, startBackfill } from "../../../app/shopify/backfill.server";
import { customersJsonl, ordersJsonl, productsJsonl } from "./jsonl";
import { type ResultServer, startResultServer } from "./result-server";
import { storeSnapshot } from "./snapshot";
import { deliver, drain } from "./support";

const db = () => getDb();
let ranged: ResultServer;
let plain: ResultServer;
const files = {
  customers: [...customersJsonl(60)].join(""),
  products: [...productsJsonl(12)].join(""),
  orders: [...ordersJsonl(150, 60)].join(""),
};

beforeAll(async () => {
  ranged = await startResultServer({ ranges: true });
  plain = await startResultServer({ ranges: false });
  for (const server of [ranged, plain]) {
    for (const [name, body] of Object.entries(files)) server.put(`${name}.jsonl`, body);
  }
});
afterAll(async () => {
  await ranged.close();
  await plain.close();
});

/** The Admin API as far as backfill uses it: bulkOperationRunQuery and node(id) for the result URL. */
function fakeAdmin(server: ResultServer) {
  const sent: string[] = [];
  let n = 0;
  const files = new Map<string, string>();
  const graphql: AdminGraphql = async (query, options) => {
    const variables = options?.variables ?? {};
    if (query.includes("bulkOperationRunQuery")) {
      const bulkQuery = String(variables.query);
      sent.push(bulkQuery);
      const id = `gid://shopify/BulkOperation/${++n}`;
      const file = bulkQuery.includes("customers")
        ? "customers"
        : bulkQuery.includes("products")
          ? "products"
          : "orders";
      files.set(id, file);
      return Response.json({
        data: { bulkOperationRunQuery: { bulkOperation: { id, status: "CREATED" }, userErrors: [] } },
      });
    }
    const id = String(variables.id);
    const file = files.get(id);
    return Response.json({
      data: {
        node: {
          id,
          status: "COMPLETED",
          errorCode: null,
          url: server.url(`${file}.jsonl`),
          partialDataUrl: null,
          objectCount: "10",
          fileSize: null,
        },
      },
    });
  };
  return { graphql, sent };
}

async function finish(shop: string, admin: AdminGraphql, bulkOperationId: string) {
  const handlers = createShopHandlers({ adminFor: async () => admin, kickBackfill: () => undefined });
  await deliver({
    topic: "bulk_operations/finish",
    shop,
    body: {
      admin_graphql_api_id: bulkOperationId,
      completed_at: new Date().toISOString(),
      created_at: new Date().toISOString(),
      error_code: null,
      status: "completed",
      type: "query",
    },
  });
  await drain(handlers);
}

/** Runs the whole backfill: start, then finish + ingest each resource in turn. */
async function fullBackfill(shop: string, server: ResultServer, ingest: (jobId: string) => Promise<unknown>) {
  const admin = fakeAdmin(server);
  await startBackfill(db(), shop, admin.graphql, { now: new Date("2026-11-01T00:00:00Z") });
  for (let i = 0; i < 3; i++) {
    const running = await db().backfillJob.findFirstOrThrow({ where: { shop, status: "running" } });
    await finish(shop, admin.graphql, running.bulkOperationId!);
    await ingest(running.id);
  }
  return admin;
}

describe("bulk backfill", () => {
  it("backfills customers, products and two years of orders with statistics and progress", async () => {
    const shop = await installedShop(getDb());
    const admin = await fullBackfill(shop, ranged, (id) => ingestBackfillJob(db(), id, { batchSize: 25 }));
    expect(admin.sent).toHaveLength(3);
    // At least two years of orders are asked for (win-back and anniversary need the history).
    const since = /processed_at:>=(\d{4}-\d{2}-\d{2})/.exec(admin.sent[2])?.[1];
    expect(since && Date.parse(since)).toBeLessThanOrEqual(Date.parse("2024-11-01"));
    expect(await db().customer.count({ where: { shop } })).toBe(60);
    expect(await db().product.count({ where: { shop } })).toBe(12);
    expect(await db().order.count({ where: { shop } })).toBe(150);
    expect(await db().orderLine.count({ where: { shop } })).toBe(150 + 50 + 50 * 2 - 0); // 1, 2, 3 lines in turn
    const c0 = await db().customer.findUniqueOrThrow({
      where: { shop_shopifyId: { shop, shopifyId: "1000000" } },
    });
    const orders = await db().order.findMany({
      where: { shop, customerShopifyId: "1000000", cancelledAt: null },
    });
    expect(c0.ordersCount).toBe(orders.length);
    expect(c0.totalSpentMinor).toBe(orders.reduce((s, o) => s + o.totalMinor - o.refundedMinor, 0));
    expect(c0.firstOrderAt?.getTime()).toBe(Math.min(...orders.map((o) => o.processedAt.getTime())));
    expect(c0.firstOrderMonthDay).toMatch(/^\d{2}-\d{2}$/);
    expect(c0).toMatchObject({
      email: "customer0@example.com",
      marketingState: "UNSUBSCRIBED",
      timeZone: "America/New_York",
    });
    const product = await db().product.findUniqueOrThrow({
      where: { shop_shopifyId: { shop, shopifyId: "702" } },
    });
    expect(product).toMatchObject({
      description: "A 4-person tent & fly.",
      minPriceMinor: 10200,
      imageUrl: "https://cdn.example/tent-2.jpg",
    });
    const progress = await backfillProgress(db(), shop);
    expect(progress.map((p) => [p.resource, p.status, p.fraction])).toEqual([
      ["customers", "completed", 1],
      ["products", "completed", 1],
      ["orders", "completed", 1],
    ]);
    // Asking again on the next admin load does not start another backfill.
    await startBackfill(db(), shop, admin.graphql);
    expect(admin.sent).toHaveLength(3);
  });

  it.each([
    ["a server that honours Range", () => ranged],
    ["a server that ignores Range", () => plain],
  ])("resumes after a crash mid-file and ends with the same rows (%s)", async (_label, server) => {
    const reference = await installedShop(getDb(), "ref");
    await fullBackfill(reference, server(), (id) => ingestBackfillJob(db(), id, { batchSize: 20 }));
    const crashed = await installedShop(getDb(), "crash");
    await fullBackfill(crashed, server(), async (id) => {
      const job = await db().backfillJob.findUniqueOrThrow({ where: { id } });
      // Killed halfway through the file, just after a batch committed.
      const half = files[job.resource as keyof typeof files].split("\n").length / 2;
      const crash = (p: { linesDone: number }) => {
        if (p.linesDone >= half) throw new Error("simulated crash");
      };
      await expect(ingestBackfillJob(db(), id, { batchSize: 4, onBatch: crash })).rejects.toThrow(
        "simulated crash",
      );
      const partial = await db().backfillJob.findUniqueOrThrow({ where: { id } });
      expect(partial.status).toBe("ingesting");
      expect(partial.linesDone).toBeGreaterThan(0);
      await ingestBackfillJob(db(), id, { batchSize: 4 });
    });
    const expected = await storeSnapshot(reference);
    const actual = await storeSnapshot(crashed);
    expect(actual.orders).toHaveLength(150);
    expect(actual).toEqual(expected);
    const resumes = server().requests.filter((r) => r.range !== null);
    expect(resumes.length).toBeGreaterThan(0);
  });

  it("never lets backfilled data overwrite a newer webhook", async () => {
    const shop = await installedShop(getDb());
    await deliver({
      topic: "customers/update",
      shop,
      body: {
        admin_graphql_api_id: "gid://shopify/Customer/1000001",
        email: "new-address@example.com",
        first_name: "Renamed",
        updated_at: "2026-11-20T00:00:00Z",
        email_marketing_consent: {
          state: "unsubscribed",
          opt_in_level: null,
          consent_updated_at: "2026-11-20T00:00:00Z",
        },
      },
    });
    await drain();
    await fullBackfill(shop, ranged, (id) => ingestBackfillJob(db(), id));
    const customer = await db().customer.findUniqueOrThrow({
      where: { shop_shopifyId: { shop, shopifyId: "1000001" } },
    });
    expect(customer).toMatchObject({
      email: "new-address@example.com",
      firstName: "Renamed",
      marketingState: "UNSUBSCRIBED",
    });
    expect(await db().customer.count({ where: { shop } })).toBe(60);
  });

  it("keeps a line it cannot read as a dead letter and carries on", async () => {
    const shop = await installedShop(getDb());
    ranged.put(
      "broken.jsonl",
      `${customersJsonl(1).next().value}{"id": "gid://shopify/Customer/9", "updatedAt": 12\nnot json\n`,
    );
    const job = await db().backfillJob.create({
      data: { shop, resource: "customers", status: "downloading", url: ranged.url("broken.jsonl") },
    });
    await ingestBackfillJob(db(), job.id);
    expect(await db().customer.count({ where: { shop } })).toBe(1);
    expect(await db().deadLetter.count({ where: { shop, source: "backfill" } })).toBe(2);
    expect((await db().backfillJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("completed");
  });
});
