// The demo's seeded first-time buyers (demo seed data): deterministic, held out by the flows
// engine's rule, emailed only when treated and only after their first order, each email's segment
// "new" until the second order and "returning" after it, and every window closed by the anchor.
import { describe, expect, it } from "vitest";
import { demoProducts } from "../../../app/demo/generate";
import {
  generateRepeatHistory,
  REPEAT_FLOW,
  REPEAT_FROM_DAYS,
  REPEAT_TO_DAYS,
  type RepeatHistoryInput,
} from "../../../app/demo/repeat-history";
import { isHoldout } from "../../../app/flows/holdout";

const DAY = 86_400_000;
const anchor = new Date("2026-11-20T18:00:00Z");
const input: RepeatHistoryInput = {
  anchor,
  shop: "tend-demo.myshopify.com",
  holdoutPercent: 10,
  products: demoProducts(anchor),
  policy: { quiet: { timeZone: "America/Denver", start: 21 * 60, end: 8 * 60 }, capCount: 2, capDays: 7 },
};
const buyers = generateRepeatHistory(input);

describe("the demo's first-time buyers", () => {
  it("are the same for the same anchor", () => {
    expect(generateRepeatHistory(input)).toEqual(buyers);
  });

  it("start at their first order, inside the seeded span, enrolled as the engine enrolls", () => {
    for (const b of buyers) {
      const age = (anchor.getTime() - b.startedAt.getTime()) / DAY;
      expect(age).toBeGreaterThanOrEqual(REPEAT_TO_DAYS);
      expect(age).toBeLessThanOrEqual(REPEAT_FROM_DAYS);
      expect(b.firstOrder.processedAt).toEqual(b.startedAt);
      expect(b.enrollKey).toBe(`${REPEAT_FLOW}:${b.firstOrder.shopifyId}`);
      expect(b.holdout).toBe(isHoldout(input.shop, REPEAT_FLOW, b.customer.shopifyId, 10));
      if (b.reorder) expect(b.reorder.processedAt.getTime()).toBeGreaterThan(b.startedAt.getTime());
    }
    expect(new Set(buyers.map((b) => b.firstOrder.shopifyId)).size).toBe(buyers.length);
  });

  it("emails only the treated, before the anchor, recording New until the second order", () => {
    const held = buyers.filter((b) => b.holdout);
    expect(held.length).toBeGreaterThan(50);
    expect(held.every((b) => b.sends.length === 0)).toBe(true);
    const segments = new Set<string>();
    for (const b of buyers.filter((x) => !x.holdout)) {
      expect(b.sends.length).toBeGreaterThan(0);
      for (const s of b.sends) {
        expect(s.at.getTime()).toBeLessThan(anchor.getTime());
        const afterReorder = b.reorder !== null && b.reorder.processedAt < s.at;
        expect(s.segment).toBe(afterReorder ? "returning" : "new");
        segments.add(s.segment);
      }
    }
    expect(segments).toEqual(new Set(["new", "returning"]));
  });

  it("has both groups come back, the emailed ones somewhat more often", () => {
    const rate = (group: typeof buyers) => group.filter((b) => b.reorder).length / group.length;
    const held = buyers.filter((b) => b.holdout);
    const treated = buyers.filter((b) => !b.holdout);
    expect(rate(held)).toBeGreaterThan(0.1);
    expect(rate(treated)).toBeGreaterThan(rate(held));
  });
});
