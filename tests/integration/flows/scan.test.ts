// The daily enrollment scan against a real database: who enters win-back and anniversary, the
// daily limit ramp, re-running the same day, and per-product-type lapse thresholds.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { runDailyScan } from "../../../app/flows/scan.server";
import { setFlowEnabled } from "../../../app/flows/settings.server";
import { detectDialect } from "../../../app/scheduler/claim.server";
import { uniqueShop } from "../../support/database";
import { seedCustomer, seedShop } from "./seed";

const NOW = new Date("2026-06-15T12:00:00.000Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

async function setup(settings: Record<string, unknown> = {}) {
  const db = getDb();
  const shop = uniqueShop("scan");
  await seedShop(db, shop, settings);
  await setFlowEnabled(db, shop, "win_back", true, daysAgo(1));
  await setFlowEnabled(db, shop, "anniversary", true, daysAgo(1));
  return { db, shop, dialect: await detectDialect(db) };
}

describe("daily enrollment scan", () => {
  it("enrolls lapsed and anniversary customers with consent, once", async () => {
    const { db, shop, dialect } = await setup();
    await seedCustomer(db, shop, "lapsed95", {
      ordersCount: 2,
      firstOrderAt: daysAgo(200),
      lastOrderAt: daysAgo(95),
      firstOrderMonthDay: "01-01",
    });
    await seedCustomer(db, shop, "recent30", {
      ordersCount: 1,
      firstOrderAt: daysAgo(30),
      lastOrderAt: daysAgo(30),
      firstOrderMonthDay: "05-16",
    });
    await seedCustomer(db, shop, "noConsent", {
      ordersCount: 1,
      lastOrderAt: daysAgo(120),
      marketingState: "UNSUBSCRIBED",
    });
    await seedCustomer(db, shop, "ancient", { ordersCount: 1, lastOrderAt: daysAgo(2000) });
    await seedCustomer(db, shop, "anniv", {
      ordersCount: 1,
      firstOrderAt: new Date("2025-06-15T09:00:00Z"),
      lastOrderAt: daysAgo(20),
      firstOrderMonthDay: "06-15",
    });
    await seedCustomer(db, shop, "annivTooNew", {
      ordersCount: 1,
      firstOrderAt: daysAgo(0.1),
      lastOrderAt: daysAgo(0.1),
      firstOrderMonthDay: "06-15",
    });
    const first = await runDailyScan(db, shop, NOW, dialect);
    expect(first).toEqual({ anniversary: 1, winBack: 1, limit: 500 });
    const runs = await db.flowRun.findMany({ where: { shop }, orderBy: { flowKey: "asc" } });
    expect(runs.map((r) => [r.flowKey, r.customerShopifyId])).toEqual([
      ["anniversary", "anniv"],
      ["win_back", "lapsed95"],
    ]);
    expect(await db.dueStep.count({ where: { shop, status: "pending" } })).toBe(2);
    expect(
      (await db.customerEvent.findFirstOrThrow({ where: { shop, customerShopifyId: "lapsed95" } })).reason,
    ).toBe("no order for 95 days (threshold 90 days)");
    const again = await runDailyScan(db, shop, new Date(NOW.getTime() + 3_600_000), dialect);
    expect(again).toEqual({ anniversary: 0, winBack: 0, limit: 500 });
  });

  it("the daily limit ramps a newly enabled win-back over days, newest lapses first", async () => {
    const { db, shop, dialect } = await setup({ dailySendLimit: 2 });
    for (let i = 0; i < 5; i++)
      await seedCustomer(db, shop, `w${i}`, { ordersCount: 1, lastOrderAt: daysAgo(100 + i) });
    const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
    expect((await runDailyScan(db, shop, day(0), dialect)).winBack).toBe(2);
    expect((await runDailyScan(db, shop, day(0), dialect)).winBack).toBe(0); // same day: limit used
    expect((await runDailyScan(db, shop, day(1), dialect)).winBack).toBe(2);
    expect((await runDailyScan(db, shop, day(2), dialect)).winBack).toBe(1);
    const order = await db.flowRun.findMany({
      where: { shop },
      orderBy: { startedAt: "asc" },
      select: { customerShopifyId: true },
    });
    expect(order.map((r) => r.customerShopifyId)).toEqual(["w0", "w1", "w2", "w3", "w4"]);
  });

  it("a product type with a longer observed reorder cycle waits longer", async () => {
    const { db, shop, dialect } = await setup();
    for (const [id, type] of [
      ["tentBuyer", "Tents"],
      ["coffeeBuyer", "Coffee"],
    ]) {
      await seedCustomer(db, shop, id, { ordersCount: 1, lastOrderAt: daysAgo(95) });
      await db.order.create({
        data: {
          shop,
          shopifyId: `o-${id}`,
          customerShopifyId: id,
          processedAt: daysAgo(95),
          lines: { create: [{ shop, title: type, productType: type, priceMinor: 1000 }] },
        },
      });
    }
    const thresholds = [{ productType: "Tents", days: 200, basis: "observed" as const, samples: 40 }];
    const result = await runDailyScan(db, shop, NOW, dialect, thresholds);
    expect(result.winBack).toBe(1);
    expect((await db.flowRun.findFirstOrThrow({ where: { shop } })).customerShopifyId).toBe("coffeeBuyer");
  });
});
