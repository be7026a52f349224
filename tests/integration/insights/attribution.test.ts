import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { publish } from "../../../app/domain/bus.server";
import "../../../app/domain/subscribers.server";
import { recomputeOrderAttribution } from "../../../app/insights/attribute.server";
import { uniqueShop } from "../../support/database";

const ORDER_AT = new Date("2026-03-10T12:00:00.000Z");
const daysBefore = (d: number) => new Date(ORDER_AT.getTime() - d * 86_400_000);

async function seedMessage(shop: string, id: string, over: Record<string, unknown> = {}) {
  return getDb().message.create({
    data: {
      id: `${shop}-${id}`,
      shop,
      runId: `${shop}-run-${id}`,
      stepIndex: 0,
      flowKey: "checkout_abandonment",
      customerShopifyId: "c1",
      email: "ann@example.com",
      status: "sent",
      messageIdHeader: `<${id}@tend>`,
      variant: 0,
      sentAt: daysBefore(2),
      ...over,
    },
  });
}

async function seedOrder(shop: string, over: Record<string, unknown> = {}) {
  return getDb().order.create({
    data: {
      shop,
      shopifyId: "1001",
      customerShopifyId: "c1",
      email: "ann@example.com",
      totalMinor: 12_000,
      processedAt: ORDER_AT,
      ...over,
    },
  });
}

const orderCreated = (shop: string) =>
  ({
    type: "order_created",
    shop,
    orderShopifyId: "1001",
    customerShopifyId: "c1",
    checkoutToken: null,
    at: ORDER_AT,
  }) as const;

describe("order attribution (subscriber)", () => {
  it("attributes on order_created, once, and follows refunds and cancellation", async () => {
    const db = getDb();
    const shop = uniqueShop();
    const m = await seedMessage(shop, "m1");
    await db.click.create({ data: { shop, messageId: m.id, url: "https://x", at: daysBefore(1) } });
    await seedOrder(shop);

    await publish(db, orderCreated(shop));
    await publish(db, orderCreated(shop)); // redelivery
    const rows = await db.attribution.findMany({ where: { shop } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      messageId: m.id,
      via: "click",
      revenueMinor: 12_000,
      flowKey: "checkout_abandonment",
    });

    await db.order.update({
      where: { shop_shopifyId: { shop, shopifyId: "1001" } },
      data: { refundedMinor: 2_000 },
    });
    await publish(db, { type: "order_updated", shop, orderShopifyId: "1001", at: ORDER_AT });
    expect((await db.attribution.findFirstOrThrow({ where: { shop } })).revenueMinor).toBe(10_000);

    await db.order.update({
      where: { shop_shopifyId: { shop, shopifyId: "1001" } },
      data: { cancelledAt: ORDER_AT },
    });
    await publish(db, {
      type: "order_cancelled",
      shop,
      orderShopifyId: "1001",
      customerShopifyId: "c1",
      at: ORDER_AT,
    });
    expect(await db.attribution.count({ where: { shop } })).toBe(0);
  });

  it("uses the shop's attribution window", async () => {
    const db = getDb();
    const shop = uniqueShop();
    const m = await seedMessage(shop, "m1", { sentAt: daysBefore(10) });
    await db.click.create({ data: { shop, messageId: m.id, url: "https://x", at: daysBefore(6) } });
    await seedOrder(shop);
    expect(await recomputeOrderAttribution(db, shop, "1001")).toBe("none"); // default 5 days
    await db.shopSettings.create({ data: { shop, attributionWindowDays: 7 } });
    expect(await recomputeOrderAttribution(db, shop, "1001")).toBe("attributed");
  });

  it("a code beats an earlier click on another message; codes match case-insensitively", async () => {
    const db = getDb();
    const shop = uniqueShop();
    const m1 = await seedMessage(shop, "m1", { sentAt: daysBefore(3) });
    const m3 = await seedMessage(shop, "m3", {
      stepIndex: 2,
      discountCode: "TEND-7Q2",
      sentAt: daysBefore(1),
      variant: 1,
    });
    await db.click.create({ data: { shop, messageId: m1.id, url: "https://x", at: daysBefore(0.5) } });
    await seedOrder(shop, { discountCodes: JSON.stringify(["tend-7q2"]) });
    await recomputeOrderAttribution(db, shop, "1001");
    expect(await db.attribution.findFirstOrThrow({ where: { shop } })).toMatchObject({
      messageId: m3.id,
      via: "code",
      stepIndex: 2,
      variant: 1,
    });
  });

  it("a redacted customer's order is still attributed by code, and the row holds no personal data", async () => {
    const db = getDb();
    const shop = uniqueShop();
    const m = await seedMessage(shop, "m1", { email: null, customerShopifyId: null, discountCode: "ANON-9" });
    await seedOrder(shop, {
      email: null,
      customerShopifyId: null,
      discountCodes: JSON.stringify(["ANON-9"]),
    });
    expect(await recomputeOrderAttribution(db, shop, "1001")).toBe("attributed");
    const row = await db.attribution.findFirstOrThrow({ where: { shop } });
    expect(row.messageId).toBe(m.id);
    expect(JSON.stringify(row)).not.toContain("@");
  });

  it("ignores other shops' messages and unsent messages", async () => {
    const db = getDb();
    const shop = uniqueShop();
    const other = uniqueShop();
    const foreign = await seedMessage(other, "m1");
    await db.click.create({
      data: { shop: other, messageId: foreign.id, url: "https://x", at: daysBefore(1) },
    });
    const failed = await seedMessage(shop, "m2", { status: "failed", discountCode: "F-1" });
    await db.click.create({ data: { shop, messageId: failed.id, url: "https://x", at: daysBefore(1) } });
    await seedOrder(shop, { discountCodes: JSON.stringify(["F-1"]) });
    expect(await recomputeOrderAttribution(db, shop, "1001")).toBe("none");
  });

  it("removes an attribution when the order disappears", async () => {
    const db = getDb();
    const shop = uniqueShop();
    await db.attribution.create({
      data: {
        shop,
        orderShopifyId: "1001",
        messageId: "x",
        flowKey: "win_back",
        stepIndex: 0,
        via: "click",
        revenueMinor: 1,
        currency: "USD",
        orderedAt: ORDER_AT,
      },
    });
    expect(await recomputeOrderAttribution(db, shop, "1001")).toBe("removed");
  });
});
