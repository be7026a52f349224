// Two workers on PostgreSQL processing one shop's recorded deliveries at once (each its own client
// and pool, claiming small batches with SKIP LOCKED): the per-customer locks mean no customer's
// deliveries are ever being applied (subscribers included) by both at the same moment, and the
// store ends exactly as one worker alone leaves it.
import { describe, expect, it } from "vitest";
import { createDb, type Db } from "../../../app/db/client.server";
import { getDb } from "../../../app/db.server";
import { subscribe } from "../../../app/domain/bus.server";
import { type DeliveryRow, insertDeliveries } from "../../../app/ingest/delivery-writer.server";
import { processBatch } from "../../../app/ingest/processor.server";
import { installedShop } from "../../support/webhooks";
import { storeSnapshot } from "./snapshot";

const CUSTOMERS = 8;
const DELIVERIES = 240;
const BASE = Date.parse("2026-10-01T00:00:00Z");
const idOf = (n: number) => `71000000000${String(n).padStart(5, "0")}`; // exact: beyond 2^53
const gid = (type: string, n: number) => `gid://shopify/${type}/${idOf(n)}`;

/** Customer updates, orders and checkouts spread over a few customers, each version newer. */
function stream(shop: string): DeliveryRow[] {
  return Array.from({ length: DELIVERIES }, (_, i) => {
    const c = i % CUSTOMERS;
    const at = new Date(BASE + i * 60_000).toISOString();
    const customer = {
      admin_graphql_api_id: gid("Customer", c),
      email: `p${c}@example.com`,
      updated_at: null,
    };
    const kind = Math.floor(i / CUSTOMERS) % 3;
    const [topic, body] =
      kind === 0
        ? [
            "customers/update",
            {
              admin_graphql_api_id: gid("Customer", c),
              email: `p${c}@example.com`,
              first_name: `Version${i}`,
              updated_at: at,
              email_marketing_consent: {
                state: i % 2 ? "subscribed" : "not_subscribed",
                consent_updated_at: at,
              },
            },
          ]
        : kind === 1
          ? [
              "orders/create",
              {
                admin_graphql_api_id: gid("Order", i),
                name: `#${i}`,
                email: `p${c}@example.com`,
                customer,
                checkout_token: `pt${i - CUSTOMERS}`,
                total_price: `${10 + (i % 7)}.00`,
                processed_at: at,
                updated_at: at,
                line_items: [{ title: "Mug", quantity: 1, price: "10.00" }],
              },
            ]
          : [
              "checkouts/update",
              {
                token: `pt${i}`,
                email: `p${c}@example.com`,
                customer,
                abandoned_checkout_url: `https://shop.example/recover/${i}`,
                total_price: "12.00",
                created_at: at,
                updated_at: at,
                line_items: [{ title: "Mug", quantity: 1, price: "12.00" }],
              },
            ];
    return {
      shop,
      webhookId: `wh-${i}`,
      eventId: null,
      topic,
      apiVersion: "2026-07",
      triggeredAt: new Date(at),
      payload: JSON.stringify(body),
    };
  });
}

interface Span {
  worker: Db;
  customer: string;
  start: number;
  end: number;
}
const spans = new Map<string, Span[]>(); // by shop
const watch = async (db: Db, shop: string, customer: string | null) => {
  if (!customer || !spans.has(shop)) return;
  const span: Span = { worker: db, customer, start: performance.now(), end: 0 };
  await new Promise((r) => setTimeout(r, 2)); // widen the window an overlap would show in
  span.end = performance.now();
  spans.get(shop)?.push(span);
};
subscribe("parallel-test", "order_created", (db, e) => watch(db, e.shop, e.customerShopifyId));
subscribe("parallel-test", "customer_updated", (db, e) => watch(db, e.shop, e.customerShopifyId));
subscribe("parallel-test", "consent_changed", (db, e) => watch(db, e.shop, e.customerShopifyId));

async function work(db: Db): Promise<number> {
  let done = 0;
  for (let idle = 0; idle < 3; ) {
    const r = await processBatch(db, 15);
    expect(r.dead + r.failed).toBe(0);
    done += r.processed;
    if (r.processed === 0) {
      idle++;
      await new Promise((res) => setTimeout(res, 20));
    } else idle = 0;
  }
  return done;
}

describe("parallel workers on PostgreSQL", () => {
  it("never apply one customer's deliveries at once, and end where one worker ends", async () => {
    const alone = await installedShop(getDb(), "alone");
    await insertDeliveries(getDb(), stream(alone));
    await work(getDb());
    const expected = await storeSnapshot(alone);
    expect(expected.orders.length).toBeGreaterThan(0);
    // Tend keeps one shop's log at a time in this database: the second shop starts from an empty queue.
    await getDb().webhookEvent.deleteMany({ where: { shop: alone } });

    const shared = await installedShop(getDb(), "shared");
    spans.set(shared, []);
    const url = process.env.DATABASE_URL as string;
    const [a, b] = [createDb(url), createDb(url)];
    try {
      await insertDeliveries(getDb(), stream(shared));
      const [byA, byB] = await Promise.all([work(a), work(b)]);
      expect(byA).toBeGreaterThan(0); // both really worked
      expect(byB).toBeGreaterThan(0);
      expect(byA + byB).toBe(DELIVERIES);
      expect(
        await getDb().webhookEvent.count({ where: { shop: shared, status: { not: "processed" } } }),
      ).toBe(0);
    } finally {
      await Promise.all([a.$disconnect(), b.$disconnect()]);
    }

    const seen = spans.get(shared) ?? [];
    expect(new Set(seen.map((s) => s.worker)).size).toBe(2);
    for (let c = 0; c < CUSTOMERS; c++) {
      const mine = seen.filter((s) => s.customer === idOf(c)); // events carry the numeric id
      expect(mine.length).toBeGreaterThan(0);
      // Spans of the two workers for one customer never overlap.
      const overlaps = mine.flatMap((x) =>
        mine.filter((y) => y.worker !== x.worker && x.start < y.end && y.start < x.end),
      );
      expect(overlaps).toHaveLength(0);
    }
    expect(await storeSnapshot(shared)).toEqual(expected);
  }, 120_000);
});
