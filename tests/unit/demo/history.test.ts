// The demo's seeded Tend history (demo seed data): deterministic, assigned to the holdout by the
// flows engine's rule, emailed within the engine's send policies, and with outcomes inside the
// window the lift estimate watches.
import { describe, expect, it } from "vitest";
import { demoProducts } from "../../../app/demo/generate";
import {
  generateDemoHistory,
  HISTORY_FLOW,
  HISTORY_FROM_DAYS,
  HISTORY_TO_DAYS,
  type HistoryInput,
} from "../../../app/demo/history";
import { FLOW_CATALOG } from "../../../app/flows/catalog";
import { isHoldout } from "../../../app/flows/holdout";
import { localParts } from "../../../app/flows/time";
import { outcomeWindowDays } from "../../../app/insights/metrics";

const DAY = 86_400_000;
const anchor = new Date("2026-11-20T18:00:00Z");
const input: HistoryInput = {
  anchor,
  shop: "tend-demo.myshopify.com",
  holdoutPercent: 10,
  products: demoProducts(anchor),
  policy: { quiet: { timeZone: "America/Denver", start: 21 * 60, end: 8 * 60 }, capCount: 2, capDays: 7 },
};
const runs = generateDemoHistory(input);
const windowDays = outcomeWindowDays(
  FLOW_CATALOG[HISTORY_FLOW].steps.map((s) => s.delayMinutes),
  5,
);

describe("the demo's seeded history", () => {
  it("is the same for the same anchor and shop, and differs for another anchor", () => {
    expect(generateDemoHistory(input)).toEqual(runs);
    const later = generateDemoHistory({ ...input, anchor: new Date(anchor.getTime() + DAY) });
    expect(later[0].startedAt.getTime()).toBe(runs[0].startedAt.getTime() + DAY);
    expect(later[0].enrollKey).not.toBe(runs[0].enrollKey);
  });

  it("holds out customers by the flows engine's rule and percentage, and emails only the others", () => {
    for (const r of runs) {
      expect(r.holdout).toBe(isHoldout(input.shop, HISTORY_FLOW, r.customer.shopifyId, 10));
      if (r.holdout) expect(r.sends).toEqual([]);
    }
    const held = runs.filter((r) => r.holdout).length;
    expect(held).toBeGreaterThanOrEqual(100);
    expect(held / runs.length).toBeGreaterThan(0.07);
    expect(held / runs.length).toBeLessThan(0.13);
    expect(new Set(runs.map((r) => r.customer.shopifyId)).size).toBe(runs.length);
    expect(generateDemoHistory({ ...input, holdoutPercent: 0 }).some((r) => r.holdout)).toBe(false);
  });

  it("sends within quiet hours and the frequency cap, and never after the shopper bought", () => {
    for (const r of runs.filter((x) => !x.holdout)) {
      for (const [k, s] of r.sends.entries()) {
        const hour = localParts(s.at, "America/Denver").hour;
        expect(hour >= 8 && hour < 21, s.at.toISOString()).toBe(true);
        expect(s.at.getTime()).toBeGreaterThanOrEqual(s.plannedAt.getTime());
        const lastWeek = r.sends.filter((o) => o.at <= s.at && s.at.getTime() - o.at.getTime() < 7 * DAY);
        expect(lastWeek.length, `step ${k}`).toBeLessThanOrEqual(2);
        if (r.order) expect(s.at.getTime()).toBeLessThan(r.order.processedAt.getTime());
        if (s.clickAt) expect(s.clickAt.getTime()).toBeGreaterThan(s.at.getTime());
        if (s.clickAt && r.order) expect(s.clickAt.getTime()).toBeLessThan(r.order.processedAt.getTime());
      }
    }
  });

  it("starts every run in the history's weeks and places every order inside its outcome window", () => {
    for (const r of runs) {
      const daysAgo = (anchor.getTime() - r.startedAt.getTime()) / DAY;
      expect(daysAgo).toBeGreaterThanOrEqual(HISTORY_TO_DAYS);
      expect(daysAgo).toBeLessThanOrEqual(HISTORY_FROM_DAYS);
      expect(r.status).toBe(r.order ? "exited" : "completed");
      if (!r.order) continue;
      const after = r.order.processedAt.getTime() - r.startedAt.getTime();
      expect(after).toBeGreaterThan(0);
      expect(after).toBeLessThanOrEqual(windowDays * DAY);
      expect(r.order.checkoutToken).toBe(r.context.checkoutToken);
      expect(r.order.customerShopifyId).toBe(r.customer.shopifyId);
    }
  });

  it("credits emails for some shoppers who would have bought anyway: clicks, not lift", () => {
    const bought = runs.filter((r) => !r.holdout && r.order);
    const throughClick = bought.filter((r) => r.sends.some((s) => s.clickAt));
    expect(throughClick.length).toBeGreaterThan(0);
    expect(throughClick.length).toBeLessThan(bought.length);
  });

  it("simulates a modest effect: emailed shoppers buy a few points more often", () => {
    const rate = (holdout: boolean) => {
      const group = runs.filter((r) => r.holdout === holdout);
      return group.filter((r) => r.order).length / group.length;
    };
    expect(rate(false) - rate(true)).toBeGreaterThan(0);
    expect(rate(false) - rate(true)).toBeLessThan(0.15);
    expect(rate(true)).toBeGreaterThan(0.02);
  });
});
