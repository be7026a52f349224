// What a backfill tells the rest of Tend: no per-record events (two years of orders must not start
// post-purchase mail), one orders_backfilled event; win-back/anniversary read the recomputed
// statistics, and insights attributes the backfilled orders Tend's own messages could claim.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueShop } from "../../support/database";
import { getDb } from "../../../app/db.server";
import { subscribe } from "../../../app/domain/bus.server";
import type { DomainEvent } from "../../../app/domain/events";
import { setFlowEnabled } from "../../../app/flows/settings.server";
import { ingestBackfillJob } from "../../../app/shopify/backfill-ingest.server";
import { seedShop } from "../flows/seed";
import { customersJsonl, ordersJsonl } from "./jsonl";
import { type ResultServer, startResultServer } from "./result-server";
import { deliver, drain, eventsFor } from "./support";

const db = () => getDb();
const CUSTOMERS = 20;
const ORDERS = 60;
let server: ResultServer;
const backfilled: DomainEvent[] = [];
subscribe("ingest-test-backfill-capture", "orders_backfilled", async (_db, e) => {
  backfilled.push(e);
});

beforeAll(async () => {
  server = await startResultServer({ ranges: true });
  server.put("customers.jsonl", [...customersJsonl(CUSTOMERS)].join(""));
  server.put("orders.jsonl", [...ordersJsonl(ORDERS, CUSTOMERS)].join(""));
});
afterAll(() => server.close());

async function backfill(shop: string) {
  for (const [i, resource] of ["customers", "orders"].entries()) {
    const job = await db().backfillJob.create({
      data: {
        shop,
        resource,
        status: "downloading",
        url: server.url(`${resource}.jsonl`),
        startedAt: new Date(Date.now() + i),
      },
    });
    await ingestBackfillJob(db(), job.id, { batchSize: 7 });
  }
}

describe("backfill and domain events", () => {
  it("starts no flow for historical orders and publishes one orders_backfilled event", async () => {
    const shop = uniqueShop("bfevents");
    await seedShop(db(), shop);
    const enabledAt = new Date("2024-01-01T00:00:00Z"); // before every backfilled order
    await setFlowEnabled(db(), shop, "post_purchase", true, enabledAt);

    await backfill(shop);

    expect(await db().order.count({ where: { shop } })).toBe(ORDERS);
    expect(eventsFor(shop)).toEqual([]);
    expect(backfilled.filter((e) => e.shop === shop)).toHaveLength(1);
    expect(await db().flowRun.count({ where: { shop } })).toBe(0);
    // The statistics win-back and anniversary scan are there for every customer with orders.
    const withHistory = await db().customer.count({
      where: { shop, lastOrderAt: { not: null }, firstOrderMonthDay: { not: null }, ordersCount: { gt: 0 } },
    });
    expect(withHistory).toBe(CUSTOMERS);

    // The same flow does start for a live first order (so the silence above is the backfill's doing).
    const customer = await deliver({
      topic: "customers/create",
      shop,
      body: {
        admin_graphql_api_id: "gid://shopify/Customer/1000999",
        email: "new-buyer@example.com",
        updated_at: "2026-11-20T09:00:00Z",
        email_marketing_consent: {
          state: "subscribed",
          opt_in_level: "single_opt_in",
          consent_updated_at: "2026-11-20T09:00:00Z",
        },
      },
    });
    expect(customer.status).toBe(200);
    const response = await deliver({
      topic: "orders/create",
      shop,
      body: {
        admin_graphql_api_id: "gid://shopify/Order/777001",
        name: "#9001",
        email: "new-buyer@example.com",
        customer: { admin_graphql_api_id: "gid://shopify/Customer/1000999", email: "new-buyer@example.com" },
        currency: "USD",
        subtotal_price: "40.00",
        total_price: "45.00",
        financial_status: "paid",
        processed_at: "2026-11-20T10:00:00Z",
        updated_at: "2026-11-20T10:00:00Z",
        line_items: [
          { admin_graphql_api_id: "gid://shopify/LineItem/1", title: "Tent", quantity: 1, price: "40.00" },
        ],
      },
    });
    expect(response.status).toBe(200);
    await drain();
    expect(await db().flowRun.findMany({ where: { shop }, select: { flowKey: true } })).toEqual([
      { flowKey: "post_purchase" },
    ]);
  });

  it("attributes backfilled orders placed after a Tend message, and only those", async () => {
    const shop = uniqueShop("bfevents");
    await seedShop(db(), shop);
    // A message carrying WELCOME10 was sent on 2026-10-20. Backfilled orders with that code: #1006
    // (2026-10-25, after the message: attributed), #1012 (just before it: not), #1000 (cancelled).
    await db().message.create({
      data: {
        shop,
        runId: "run-before-backfill",
        stepIndex: 0,
        flowKey: "win_back",
        customerShopifyId: "1000006",
        email: "customer6@example.com",
        status: "sent",
        discountCode: "WELCOME10",
        messageIdHeader: "<run-before-backfill.0@test>",
        sentAt: new Date("2026-10-20T00:00:00Z"),
      },
    });

    await backfill(shop);

    const attributed = await db().attribution.findMany({
      where: { shop },
      select: { orderShopifyId: true, via: true },
    });
    expect(attributed).toEqual([{ orderShopifyId: "5000006", via: "code" }]);
  });
});
