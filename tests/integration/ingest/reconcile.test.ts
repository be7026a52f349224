// Periodic reconciliation against the local Admin API (real 2026-10 schema, app/demo). "Shopify"
// is a second database the local Admin API answers from; Tend's store is the worker's database.
// A change made on the Shopify side without a webhook is a missed delivery.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installedShop } from "../../support/webhooks";
import type { Db } from "../../../app/db/client.server";
import { getDb } from "../../../app/db.server";
import { localAdminGraphql } from "../../../app/demo/local-admin.server";
import { RECONCILE_CURSOR, reconcileAll, reconcileShop } from "../../../app/shopify/reconcile.server";
import { createTestDatabase, openTestDb } from "../../support/database";
import { storeSnapshot } from "./snapshot";
import { subscribe } from "../../../app/domain/bus.server";
import { releaseStaleClaims } from "../../../app/ingest/processor.server";
import { deliver, drain, eventsFor } from "./support";

// A subscriber that is down once for a chosen shop; `received` holds what it accepted.
const failOrderCreatedOnce = new Set<string>();
const received: string[] = [];
subscribe("reconcile-test-failing", "order_created", async (_db, event) => {
  if (failOrderCreatedOnce.delete(event.shop)) throw new Error("subscriber down");
  received.push(`${event.shop} ${event.orderShopifyId}`);
});

const NOW = new Date("2026-11-20T12:00:00Z");
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const clock = () => NOW;
const tend = () => getDb();
let shopify: Db;

beforeAll(async () => {
  shopify = await openTestDb(await createTestDatabase("shopify"));
});
afterAll(async () => {
  await shopify?.$disconnect();
});

const admin = (shop: string) => localAdminGraphql(shop, () => shopify);

/** What Shopify holds: rows in the Shopify-side database, shaped by the local Admin API. */
const onShopify = {
  customer: (shop: string, id: string, updatedAt: Date, fields: { state: string; firstName: string }) =>
    shopify.customer.create({
      data: {
        shop,
        shopifyId: id,
        email: `c${id}@example.com`,
        emailLower: `c${id}@example.com`,
        firstName: fields.firstName,
        marketingState: fields.state,
        marketingOptInLevel: "SINGLE_OPT_IN",
        marketingUpdatedAt: updatedAt,
        sourceUpdatedAt: updatedAt,
      },
    }),
  order: (
    shop: string,
    id: string,
    customerId: string,
    updatedAt: Date,
    fields: { cancelledAt?: Date | null; totalMinor?: number } = {},
  ) =>
    shopify.order.create({
      data: {
        shop,
        shopifyId: id,
        name: `#${id}`,
        customerShopifyId: customerId,
        email: `c${customerId}@example.com`,
        totalMinor: fields.totalMinor ?? 4500,
        subtotalMinor: 4000,
        financialStatus: "paid",
        processedAt: ago(180),
        cancelledAt: fields.cancelledAt ?? null,
        sourceUpdatedAt: updatedAt,
        lines: {
          create: [
            {
              shop,
              shopifyId: `${id}1`,
              title: "Tent",
              quantity: 1,
              priceMinor: 4000,
              productShopifyId: "77",
            },
          ],
        },
      },
    }),
  checkout: (shop: string, token: string, customerId: string, updatedAt: Date, totalMinor: number) =>
    shopify.checkout.create({
      data: {
        shop,
        token,
        customerShopifyId: customerId,
        email: `c${customerId}@example.com`,
        abandonedCheckoutUrl: `https://${shop}/1/checkouts/ac/${token}/recover?key=k`,
        totalMinor,
        lines: JSON.stringify([
          {
            productId: "77",
            variantId: "770",
            title: "Tent",
            variantTitle: null,
            quantity: 1,
            priceMinor: totalMinor,
          },
        ]),
        sourceCreatedAt: ago(240),
        sourceUpdatedAt: updatedAt,
      },
    }),
};

/** What Tend was told: signed webhooks through the real route and processor. */
const webhook = {
  customer: (shop: string, id: string, at: Date, fields: { state: string; firstName: string }) =>
    deliver({
      topic: "customers/update",
      shop,
      triggeredAt: at.toISOString(),
      body: {
        admin_graphql_api_id: `gid://shopify/Customer/${id}`,
        email: `c${id}@example.com`,
        first_name: fields.firstName,
        updated_at: at.toISOString(),
        email_marketing_consent: {
          state: fields.state.toLowerCase(),
          opt_in_level: "single_opt_in",
          consent_updated_at: at.toISOString(),
        },
      },
    }),
  order: (shop: string, id: string, customerId: string, at: Date, cancelledAt: Date | null) =>
    deliver({
      topic: cancelledAt ? "orders/cancelled" : "orders/updated",
      shop,
      triggeredAt: at.toISOString(),
      body: {
        admin_graphql_api_id: `gid://shopify/Order/${id}`,
        name: `#${id}`,
        email: `c${customerId}@example.com`,
        customer: { admin_graphql_api_id: `gid://shopify/Customer/${customerId}`, email: null },
        currency: "USD",
        subtotal_price: "40.00",
        total_price: "45.00",
        financial_status: cancelledAt ? "refunded" : "paid",
        processed_at: ago(180).toISOString(),
        cancelled_at: cancelledAt?.toISOString() ?? null,
        updated_at: at.toISOString(),
        line_items: [
          {
            admin_graphql_api_id: `gid://shopify/LineItem/${id}1`,
            title: "Tent",
            quantity: 1,
            price: "40.00",
          },
        ],
      },
    }),
  checkout: (shop: string, token: string, customerId: string, at: Date, total: string) =>
    deliver({
      topic: "checkouts/update",
      shop,
      triggeredAt: at.toISOString(),
      body: {
        token,
        email: `c${customerId}@example.com`,
        customer: { admin_graphql_api_id: `gid://shopify/Customer/${customerId}`, email: null },
        abandoned_checkout_url: `https://${shop}/1/checkouts/ac/${token}/recover?key=k`,
        presentment_currency: "USD",
        total_price: total,
        line_items: [{ product_id: 77, variant_id: 770, title: "Tent", quantity: 1, price: total }],
        completed_at: null,
        created_at: ago(240).toISOString(),
        updated_at: at.toISOString(),
      },
    }),
};

async function customerOf(shop: string, id: string) {
  return tend().customer.findUniqueOrThrow({ where: { shop_shopifyId: { shop, shopifyId: id } } });
}

describe("reconciliation through the Admin API", () => {
  it("picks up a customer change, an order and a checkout update that no webhook delivered", async () => {
    const shop = await installedShop(getDb(), "reconcile");
    // Tend heard of the customer (subscribed) and the checkout's first version...
    await webhook.customer(shop, "501", ago(300), { state: "SUBSCRIBED", firstName: "Ada" });
    await webhook.checkout(shop, "tokA", "501", ago(200), "10.00");
    await drain();
    // ...but missed the unsubscribe, the order and the checkout's later update.
    await onShopify.customer(shop, "501", ago(60), { state: "UNSUBSCRIBED", firstName: "Ada" });
    await onShopify.order(shop, "9001", "501", ago(120));
    await onShopify.checkout(shop, "tokA", "501", ago(90), 2500);
    const eventsBefore = eventsFor(shop).length;

    const result = await reconcileShop(tend(), shop, admin(shop), clock);

    expect(result).toEqual({ customers: 1, orders: 1, checkouts: 1, skipped: 0 });
    expect(await customerOf(shop, "501")).toMatchObject({ marketingState: "UNSUBSCRIBED" });
    const order = await tend().order.findUniqueOrThrow({
      where: { shop_shopifyId: { shop, shopifyId: "9001" } },
      include: { lines: true },
    });
    expect(order).toMatchObject({ customerShopifyId: "501", totalMinor: 4500 });
    expect(order.lines.map((l) => [l.title, l.priceMinor])).toEqual([["Tent", 4000]]);
    expect((await customerOf(shop, "501")).ordersCount).toBe(1);
    const checkout = await tend().checkout.findUniqueOrThrow({
      where: { shop_token: { shop, token: "tokA" } },
    });
    expect(checkout.totalMinor).toBe(2500);
    // Announced like the missed webhooks would have been, consent first.
    const announced = eventsFor(shop)
      .slice(eventsBefore)
      .map((e) => e.type);
    expect(announced).toEqual(["consent_changed", "customer_updated", "order_created", "checkout_updated"]);
    const cursor = await tend().appState.findUniqueOrThrow({
      where: { shop_key: { shop, key: RECONCILE_CURSOR } },
    });
    expect(cursor.value).toBe(NOW.toISOString());

    // The next run overlaps the last one: what it already applied is not applied or announced again.
    const again = await reconcileShop(tend(), shop, admin(shop), () => new Date(NOW.getTime() + 15 * 60_000));
    expect(again).toEqual({ customers: 0, orders: 0, checkouts: 0, skipped: 0 });
    expect(eventsFor(shop).length).toBe(eventsBefore + announced.length);
  });

  it("never lets an older record from the Admin API overwrite newer webhook state", async () => {
    const shop = await installedShop(getDb(), "reconcile");
    // Webhooks brought the newest versions (10 minutes ago)...
    await webhook.customer(shop, "502", ago(10), { state: "UNSUBSCRIBED", firstName: "Renamed" });
    await webhook.order(shop, "9002", "502", ago(10), ago(10));
    await webhook.checkout(shop, "tokB", "502", ago(10), "99.00");
    // ...and one customer whose webhook carried the same version the API returns.
    await webhook.customer(shop, "503", ago(30), { state: "SUBSCRIBED", firstName: "Same" });
    await drain();
    // The Admin API still answers with older versions (its search index trails writes).
    await onShopify.customer(shop, "502", ago(60), { state: "SUBSCRIBED", firstName: "Old" });
    await onShopify.order(shop, "9002", "502", ago(60), { cancelledAt: null, totalMinor: 1 });
    await onShopify.checkout(shop, "tokB", "502", ago(60), 1000);
    await onShopify.customer(shop, "503", ago(30), { state: "UNSUBSCRIBED", firstName: "Other" });
    const before = await storeSnapshot(shop);
    const eventsBefore = eventsFor(shop).length;

    const result = await reconcileShop(tend(), shop, admin(shop), clock);

    expect(result).toEqual({ customers: 0, orders: 0, checkouts: 0, skipped: 0 });
    expect(await storeSnapshot(shop)).toEqual(before);
    expect(await customerOf(shop, "502")).toMatchObject({
      firstName: "Renamed",
      marketingState: "UNSUBSCRIBED",
    });
    expect(await customerOf(shop, "503")).toMatchObject({ firstName: "Same", marketingState: "SUBSCRIBED" });
    const order = await tend().order.findUniqueOrThrow({
      where: { shop_shopifyId: { shop, shopifyId: "9002" } },
    });
    expect(order.cancelledAt).toEqual(ago(10));
    expect(eventsFor(shop).length).toBe(eventsBefore);
  });

  it("is scoped to its shop: the same ids in another shop are neither read nor written", async () => {
    const shopA = await installedShop(getDb(), "reconcile-a");
    const shopB = await installedShop(getDb(), "reconcile-b");
    for (const shop of [shopA, shopB]) {
      await webhook.customer(shop, "601", ago(300), { state: "SUBSCRIBED", firstName: "Twin" });
    }
    await drain();
    // Only shop A's Shopify side changed; shop B's Shopify side still matches what Tend holds.
    await onShopify.customer(shopA, "601", ago(60), { state: "UNSUBSCRIBED", firstName: "Twin" });
    await onShopify.order(shopA, "9601", "601", ago(60));
    await onShopify.checkout(shopA, "tok601", "601", ago(60), 1500);
    await onShopify.customer(shopB, "601", ago(300), { state: "SUBSCRIBED", firstName: "Twin" });
    const before = await storeSnapshot(shopB);
    const eventsBefore = eventsFor(shopB).length;
    const asked: string[] = [];

    await reconcileAll(
      tend(),
      async (shop) => {
        asked.push(shop);
        return admin(shop);
      },
      clock,
    );

    expect(asked).toEqual(expect.arrayContaining([shopA, shopB]));
    expect(await customerOf(shopA, "601")).toMatchObject({ marketingState: "UNSUBSCRIBED", ordersCount: 1 });
    expect(await tend().order.count({ where: { shop: shopA } })).toBe(1);
    expect(await tend().checkout.count({ where: { shop: shopA } })).toBe(1);
    expect(await storeSnapshot(shopB)).toEqual(before);
    expect(eventsFor(shopB).length).toBe(eventsBefore);
    // Each shop keeps its own cursor.
    const cursors = await tend().appState.findMany({
      where: { key: RECONCILE_CURSOR, shop: { in: [shopA, shopB] } },
      select: { shop: true, value: true },
    });
    expect(cursors).toHaveLength(2);
  });

  it("still announces a reconciled order when its subscriber failed: the processor publishes it later", async () => {
    const shop = await installedShop(getDb());
    failOrderCreatedOnce.add(shop);
    await onShopify.order(shop, "9701", "701", ago(30));

    await expect(reconcileShop(tend(), shop, admin(shop), clock)).rejects.toThrow("subscriber down");
    const order = await tend().order.findFirstOrThrow({ where: { shop }, include: { lines: true } });
    expect(order.lines.map((l) => l.title)).toEqual(["Tent"]);
    const mine = () => received.filter((r) => r.startsWith(`${shop} `));
    expect(mine()).toEqual([]);

    // As after a crash: the claim goes stale, is released, and the processor takes the outbox row.
    await releaseStaleClaims(tend(), 0);
    await drain();
    expect(mine()).toEqual([`${shop} ${order.shopifyId}`]);
    // The cursor did not move, so the next pass reads the order again: stored, so nothing new.
    await reconcileShop(tend(), shop, admin(shop), clock);
    expect(mine()).toHaveLength(1);
    expect(await tend().order.count({ where: { shop } })).toBe(1);
  });
});
