import { describe, expect, it } from "vitest";
import { judgeSubjectTest } from "../../../app/insights/subject-test";

const v = (variant: number, sent: number, clicks: number) => ({
  variant,
  sent,
  clicks,
  orders: 0,
  revenueMinor: 0,
});

describe("judgeSubjectTest", () => {
  it("declares a winner when the click-rate difference is significant", () => {
    const r = judgeSubjectTest([v(0, 1000, 80), v(1, 1000, 130)]);
    expect(r.winner).toBe(1);
    expect(r.pValue).toBeLessThan(0.05);
    expect(r.summary).toContain("Subject B wins");
  });

  it("says no winner yet when the difference could be chance", () => {
    const r = judgeSubjectTest([v(0, 1000, 100), v(1, 1000, 110)]);
    expect(r.winner).toBeNull();
    expect(r.summary).toMatch(/^No winner yet/);
  });

  it("says no winner yet below the minimum sample even with a large gap", () => {
    const r = judgeSubjectTest([v(0, 150, 5), v(1, 150, 40)]);
    expect(r.winner).toBeNull();
    expect(r.pValue).toBeNull();
    expect(r.summary).toContain("A has 150");
  });

  it("corrects for several comparisons with three variants", () => {
    // Leader vs runner-up p ~0.03 alone; doubled by Bonferroni it is no longer significant.
    const r = judgeSubjectTest([v(0, 2000, 200), v(1, 2000, 242), v(2, 2000, 150)]);
    expect(r.winner).toBeNull();
    expect(r.pValue).toBeGreaterThan(0.05);
  });

  it("reports per-variant rates with intervals, in variant order", () => {
    const r = judgeSubjectTest([v(1, 400, 40), v(0, 400, 20)]);
    expect(r.variants.map((x) => x.variant)).toEqual([0, 1]);
    expect(r.variants[1].clickRate).toBeCloseTo(0.1, 9);
    expect(r.variants[1].clickRateLow).toBeLessThan(0.1);
    expect(r.variants[1].clickRateHigh).toBeGreaterThan(0.1);
  });

  it("has nothing to compare with one variant", () => {
    expect(judgeSubjectTest([v(0, 5000, 500)]).winner).toBeNull();
  });
});
