// Segments through the real entry points, from an empty shop: signed orders/create webhooks
// processed by the real ingest processor move a customer from new to returning with the catalog's
// product type as affinity; the daily scan (worker task) moves them to at risk, then lapsed, as the
// process clock passes; customers/redact clears what was inferred.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { scanDueShops } from "../../../app/scheduler/task.server";
import {
  clock,
  HOURS,
  type LineItem,
  nextId,
  orderPayload,
  type Shopper,
  setUpShop,
  webhook,
} from "../../support/journey";
import { compliancePayload, EXAMPLE_SHOP_ID } from "../../support/webhooks";

const DAY = 24 * HOURS;

async function segmentOf(shop: string, customerId: string) {
  return getDb().customer.findUniqueOrThrow({
    where: { shop_shopifyId: { shop, shopifyId: customerId } },
    select: { segment: true, categoryAffinity: true, engaged: true, segmentUpdatedAt: true },
  });
}

describe("segments from webhooks and the daily scan", () => {
  it("new → VIP → returning (refund) on order webhooks, at risk and lapsed as time passes, erased on redact", async () => {
    const tent = { id: nextId(), variantId: nextId(), title: "Ridgeline 2P Tent", price: "249.00" };
    const { shop } = await setUpShop({ flows: [], products: [tent] });
    const shopper: Shopper = { customerId: nextId(), email: `ana.${nextId()}@example.com`, firstName: "Ana" };
    const line: LineItem = {
      productId: tent.id,
      variantId: tent.variantId,
      title: tent.title,
      variantTitle: null,
      quantity: 1,
      price: tent.price,
    };
    const orderAt = (at: Date, orderId = nextId()) =>
      orderPayload({
        orderId,
        name: `#${orderId}`,
        checkoutToken: null,
        shopper,
        lines: [line],
        processedAt: at,
      });
    const buy = (at: Date) => webhook({ topic: "orders/create", shop, body: orderAt(at) });

    await buy(clock.now());
    expect(await segmentOf(shop, shopper.customerId)).toMatchObject({
      segment: "new",
      categoryAffinity: "Camping",
    });
    clock.advance(10 * DAY);
    // The merchant's VIP threshold: 400.00. Two tents (498.00) make a VIP ...
    await getDb().shopSettings.update({ where: { shop }, data: { vipThresholdMinor: 40_000 } });
    const before = clock.now();
    const second = orderAt(before);
    await webhook({ topic: "orders/create", shop, body: second });
    expect((await segmentOf(shop, shopper.customerId)).segment).toBe("vip");
    // ... until one is refunded (orders/updated, which names no customer in its event).
    const refundedAt = clock.advance(60_000);
    const refund = {
      id: 1,
      created_at: refundedAt.toISOString(),
      transactions: [{ kind: "refund", status: "success", amount: "249.00" }],
    };
    await webhook({
      topic: "orders/updated",
      shop,
      body: {
        ...second,
        refunds: [refund],
        financial_status: "refunded",
        updated_at: refundedAt.toISOString(),
      },
    });
    const returning = await segmentOf(shop, shopper.customerId);
    expect(returning.segment).toBe("returning");
    // Stamped with the process clock the subscribers read (simulated time, not the wall's).
    expect(returning.segmentUpdatedAt?.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(returning.segmentUpdatedAt?.getTime()).toBeLessThanOrEqual(clock.now().getTime());

    // Gap 10 days: 15 days since the last order is the line; the daily scan sees day 16.
    clock.advance(16 * DAY);
    await scanDueShops(getDb(), clock.now());
    expect((await segmentOf(shop, shopper.customerId)).segment).toBe("at_risk");
    clock.advance(170 * DAY);
    await scanDueShops(getDb(), clock.now());
    expect((await segmentOf(shop, shopper.customerId)).segment).toBe("lapsed");

    await getDb().shop.update({ where: { shop }, data: { shopifyShopId: EXAMPLE_SHOP_ID } }); // as install stores it
    const redact = compliancePayload("customers/redact", shop) as Record<string, unknown>;
    const customer = { ...(redact.customer as object), id: Number(shopper.customerId), email: shopper.email };
    await webhook({ topic: "customers/redact", shop, body: { ...redact, customer, orders_to_redact: [] } });
    expect(await segmentOf(shop, shopper.customerId)).toEqual({
      segment: null,
      categoryAffinity: null,
      engaged: false,
      segmentUpdatedAt: null,
    });
  });
});
