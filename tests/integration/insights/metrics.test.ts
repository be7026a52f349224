import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { segmentDefinitions } from "../../../app/domain/segments";
import { loadSegmentRules } from "../../../app/store/segments.server";
import { buildReport } from "../../../app/insights/report.server";
import { uniqueShop } from "../../support/database";

const NOW = new Date("2026-06-01T00:00:00.000Z");
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

async function seed(shop: string) {
  const db = getDb();
  await db.customer.createMany({
    data: [
      { shop, shopifyId: "c-repeat", email: "r@example.com", firstOrderAt: ago(200), ordersCount: 4 },
      { shop, shopifyId: "c-new", email: "n@example.com" },
      // A first-time buyer: one order, then the post-purchase email (the old split called them repeat).
      { shop, shopifyId: "c-first", email: "f@example.com", firstOrderAt: ago(5), ordersCount: 1 },
    ],
  });
  let n = 0;
  const message = (over: Record<string, unknown>) =>
    db.message.create({
      data: {
        shop,
        runId: `${shop}-r${++n}`,
        stepIndex: 0,
        flowKey: "checkout_abandonment",
        status: "sent",
        messageIdHeader: `<${n}@t>`,
        variant: 0,
        sentAt: ago(3),
        customerShopifyId: "c-new",
        segment: "new",
        ...over,
      },
    });
  const a = await message({ customerShopifyId: "c-repeat", email: "r@example.com", segment: "returning" });
  const b = await message({ variant: 1 });
  const c = await message({ variant: 1 });
  await message({ stepIndex: 1, segment: null }); // claimed before segments were recorded
  await message({ status: "complained", segment: "returning", customerShopifyId: "c-repeat" });
  await message({ status: "failed" }); // never counted
  await message({ sentAt: ago(60) }); // outside a 30-day period
  const w = await message({ flowKey: "win_back", customerShopifyId: "c-repeat", segment: "lapsed" });
  const p = await message({
    flowKey: "post_purchase",
    customerShopifyId: "c-first",
    email: "f@example.com",
    sentAt: ago(4),
  });
  await db.click.createMany({
    data: [
      { shop, messageId: a.id, url: "u", at: ago(2) },
      { shop, messageId: a.id, url: "u2", at: ago(2) }, // two clicks, one clicked message
      { shop, messageId: b.id, url: "u", at: ago(2) },
    ],
  });
  await db.suppression.create({
    data: { shop, emailLower: "x@example.com", reason: "unsubscribe", messageId: c.id },
  });
  await db.suppression.create({
    data: { shop, emailLower: "y@example.com", reason: "hard_bounce", messageId: b.id },
  });
  const attr = (
    order: string,
    messageId: string,
    flowKey: string,
    variant: number,
    revenueMinor: number,
    orderedAt: Date,
  ) => ({
    shop,
    orderShopifyId: order,
    messageId,
    flowKey,
    stepIndex: 0,
    variant,
    via: "click",
    revenueMinor,
    currency: "USD",
    orderedAt,
  });
  await db.attribution.createMany({
    data: [
      attr("o1", a.id, "checkout_abandonment", 0, 5_000, ago(2)),
      attr("o2", b.id, "checkout_abandonment", 1, 3_000, ago(1)),
      attr("o3", w.id, "win_back", 0, 10_000, ago(1)),
      attr("o4", p.id, "post_purchase", 0, 2_500, ago(1)), // their second order, through the email
    ],
  });
}

describe("flow metrics", () => {
  it("counts sends, clicks, unsubscribes, complaints, orders and revenue per flow, step, variant and segment", async () => {
    const shop = uniqueShop();
    await seed(shop);
    await seed(uniqueShop()); // another shop's data must not leak in
    const report = await buildReport(getDb(), shop, { now: NOW, days: 30 });

    expect(report.total).toMatchObject({
      sent: 7,
      clicked: 2,
      unsubscribed: 1,
      complained: 1,
      orders: 4,
      revenueMinor: 20_500,
    });
    expect(report.total.revenuePerEmailMinor).toBeCloseTo(20_500 / 7, 9);

    const checkout = report.flows.find((f) => f.flowKey === "checkout_abandonment")!;
    expect(checkout).toMatchObject({
      sent: 5,
      clicked: 2,
      unsubscribed: 1,
      complained: 1,
      orders: 2,
      revenueMinor: 8_000,
    });
    expect(checkout.unsubscribeRate).toBeCloseTo(0.2, 9);
    expect(checkout.complaintRate).toBeCloseTo(0.2, 9);
    expect(checkout.conversionRate).toBeCloseTo(0.4, 9);
    const step0 = checkout.steps.find((s) => s.stepIndex === 0)!;
    expect(step0.sent).toBe(4);
    expect(step0.variants.map((v) => [v.variant, v.sent, v.clicked, v.orders])).toEqual([
      [0, 2, 1, 1],
      [1, 2, 1, 1],
    ]);
    // The segment recorded on each email, in the admin's order; unrecorded ones last.
    expect(checkout.segments.map((s) => [s.segment, s.sent, s.revenueMinor, s.complained])).toEqual([
      ["new", 2, 3_000, 0],
      ["returning", 2, 5_000, 1],
      [null, 1, 0, 0],
    ]);
    // A first-time buyer's post-purchase email counts under New, even after they ordered again.
    const post = report.flows.find((f) => f.flowKey === "post_purchase")!;
    expect(post.segments.map((s) => [s.segment, s.sent, s.orders, s.revenueMinor])).toEqual([
      ["new", 1, 1, 2_500],
    ]);
    expect(report.segments.map((s) => [s.segment, s.sent, s.revenueMinor])).toEqual([
      ["new", 3, 5_500],
      ["returning", 2, 5_000],
      ["lapsed", 1, 10_000],
      [null, 1, 0],
    ]);
    expect(report.flows.map((f) => f.flowKey)).toEqual(["win_back", "checkout_abandonment", "post_purchase"]);

    expect(report.revenueByDay).toEqual([
      { day: "2026-05-30", flowKey: "checkout_abandonment", revenueMinor: 5_000, orders: 1 },
      { day: "2026-05-31", flowKey: "checkout_abandonment", revenueMinor: 3_000, orders: 1 },
      { day: "2026-05-31", flowKey: "post_purchase", revenueMinor: 2_500, orders: 1 },
      { day: "2026-05-31", flowKey: "win_back", revenueMinor: 10_000, orders: 1 },
    ]);
    const test = report.subjectTests.find((t) => t.flowKey === "checkout_abandonment" && t.stepIndex === 0);
    expect(test?.winner).toBeNull();
    expect(test?.summary).toMatch(/^No winner yet/);
  });

  it("counts revenue on the shop's own calendar day", async () => {
    const db = getDb();
    const shop = uniqueShop("tzreport");
    await db.shop.create({ data: { shop, timeZone: "America/Los_Angeles" } });
    const attribution = (orderShopifyId: string, orderedAt: string, revenueMinor: number) =>
      db.attribution.create({
        data: {
          shop,
          orderShopifyId,
          messageId: `m-${orderShopifyId}`,
          flowKey: "win_back",
          stepIndex: 0,
          via: "click",
          revenueMinor,
          currency: "USD",
          orderedAt: new Date(orderedAt),
        },
      });
    await attribution("o1", "2026-05-31T03:30:00Z", 4_000); // 30 May, 20:30 in Los Angeles
    await attribution("o2", "2026-05-31T06:59:00Z", 1_000); // 30 May, 23:59
    await attribution("o3", "2026-05-31T07:00:00Z", 2_500); // 31 May, 00:00
    const report = await buildReport(db, shop, { now: NOW, days: 30 });
    expect(report.timeZone).toBe("America/Los_Angeles");
    expect([report.sinceDay, report.untilDay]).toEqual(["2026-05-01", "2026-05-31"]);
    expect(report.revenueByDay).toEqual([
      { day: "2026-05-30", flowKey: "win_back", revenueMinor: 5_000, orders: 2 },
      { day: "2026-05-31", flowKey: "win_back", revenueMinor: 2_500, orders: 1 },
    ]);
  });

  it("names segments with the definitions the Segments page shows, the shop's VIP threshold included", async () => {
    const db = getDb();
    const shop = uniqueShop("segdefs");
    await db.shop.create({ data: { shop } });
    await db.shopSettings.create({ data: { shop, vipThresholdMinor: 50_000 } });
    const report = await buildReport(db, shop, { now: NOW, days: 30 });
    expect(report.segmentDefinitions).toEqual(segmentDefinitions(await loadSegmentRules(db, shop)));
    expect(report.segmentDefinitions.find((d) => d.key === "vip")?.definition).toMatch(/500\.00/);
  });

  it("is empty for a shop with no data", async () => {
    const report = await buildReport(getDb(), uniqueShop(), { now: NOW, days: 30 });
    expect(report.flows).toEqual([]);
    expect(report.lift).toEqual([]);
    expect(report.total.sent).toBe(0);
    expect(report.total.revenuePerEmailMinor).toBe(0);
  });
});
