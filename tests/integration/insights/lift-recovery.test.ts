// Must show: a synthetic shop whose true lift is known; the report recovers it within its
// confidence interval, and reports no significant lift when none was injected.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { buildReport } from "../../../app/insights/report.server";
import { uniqueShop } from "../../support/database";
import { createSyntheticShop } from "./synthetic-shop";

const NOW = new Date("2026-06-01T00:00:00.000Z");
// checkout_abandonment: three steps over three days + the default 5-day click window.
const WINDOW_DAYS = 8;
const MEAN_ORDER = 6_000;

async function reportFor(injectedLift: number, seed: number) {
  const db = getDb();
  const shop = uniqueShop("synthetic");
  const groups = await createSyntheticShop(db, {
    shop,
    seed,
    flowKey: "checkout_abandonment",
    windowDays: WINDOW_DAYS,
    enrollments: 6_000,
    holdoutShare: 0.25,
    baselineConversion: 0.1,
    injectedLift,
    meanOrderMinor: MEAN_ORDER,
    now: NOW,
  });
  const report = await buildReport(db, shop, { now: NOW, days: 30 });
  const lift = report.lift.find((l) => l.flowKey === "checkout_abandonment");
  if (!lift) throw new Error("no lift section for the flow");
  return { groups, lift };
}

describe("holdout lift on a synthetic shop", () => {
  it("recovers an injected +5 point conversion lift within its interval", async () => {
    const { groups, lift } = await reportFor(0.05, 4242);
    expect(lift.windowDays).toBe(WINDOW_DAYS);
    expect(lift.treated.customers).toBe(groups.treated);
    expect(lift.holdout.customers).toBe(groups.holdout);
    expect(lift.pending).toBe(0);
    expect(lift.verdict).toBe("positive");
    expect(lift.conversionLift.low).toBeLessThanOrEqual(0.05);
    expect(lift.conversionLift.high).toBeGreaterThanOrEqual(0.05);
    expect(lift.conversionLift.low).toBeGreaterThan(0);
    // Expected revenue per enrollment differs by lift x mean order value.
    const trueRevenueLift = 0.05 * MEAN_ORDER;
    expect(lift.revenueLiftMinor.low).toBeLessThanOrEqual(trueRevenueLift);
    expect(lift.revenueLiftMinor.high).toBeGreaterThanOrEqual(trueRevenueLift);
    expect(lift.revenueLiftMinor.low).toBeGreaterThan(0);
    expect(lift.holdout.conversionRate).toBeGreaterThan(0.08);
    expect(lift.holdout.conversionRate).toBeLessThan(0.12);
    console.info(
      "injected +0.05:",
      JSON.stringify({ conv: lift.conversionLift, rev: lift.revenueLiftMinor }),
    );
  });

  it("reports no significant lift when none was injected", async () => {
    const { lift } = await reportFor(0, 9001);
    expect(lift.verdict).toBe("no_significant_lift");
    expect(lift.conversionLift.low).toBeLessThanOrEqual(0);
    expect(lift.conversionLift.high).toBeGreaterThanOrEqual(0);
    expect(lift.revenueLiftMinor.low).toBeLessThanOrEqual(0);
    expect(lift.revenueLiftMinor.high).toBeGreaterThanOrEqual(0);
    console.info("injected 0:", JSON.stringify({ conv: lift.conversionLift, rev: lift.revenueLiftMinor }));
  });

  it("says not enough data for a shop with a tiny holdout", async () => {
    const db = getDb();
    const shop = uniqueShop("tiny");
    await createSyntheticShop(db, {
      shop,
      seed: 1,
      flowKey: "win_back",
      windowDays: 19,
      enrollments: 300,
      holdoutShare: 0.1,
      baselineConversion: 0.1,
      injectedLift: 0.05,
      meanOrderMinor: MEAN_ORDER,
      now: NOW,
    });
    const report = await buildReport(db, shop, { now: NOW, days: 30 });
    const lift = report.lift.find((l) => l.flowKey === "win_back");
    expect(lift?.verdict).toBe("not_enough_data");
    expect(lift?.reason).toMatch(/holdout has \d+ customers/);
  });
});
