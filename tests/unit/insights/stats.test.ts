import { describe, expect, it } from "vitest";
import {
  minimumDetectableDifference,
  newcombeDifference,
  normalCdf,
  normalQuantile,
  sampleVariance,
  tQuantile,
  twoProportionTest,
  welchDifference,
  wilsonInterval,
} from "../../../app/insights/stats";

describe("distributions", () => {
  it("normal CDF and quantile match tables and invert each other", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
    for (const p of [0.001, 0.2, 0.6, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
  });

  it("t quantile matches published tables", () => {
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228, 2);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
    expect(tQuantile(0.975, 120)).toBeCloseTo(1.98, 3);
    expect(tQuantile(0.975, Number.POSITIVE_INFINITY)).toBeCloseTo(1.96, 3);
  });
});

describe("intervals", () => {
  it("Wilson interval matches a worked example (81/263)", () => {
    const w = wilsonInterval(81, 263);
    expect(w.low).toBeCloseTo(0.2553, 3);
    expect(w.high).toBeCloseTo(0.3662, 3);
  });

  it("Newcombe interval matches Newcombe (1998) example 56/70 vs 48/80", () => {
    const d = newcombeDifference(56, 70, 48, 80);
    expect(d.estimate).toBeCloseTo(0.2, 6);
    expect(d.low).toBeCloseTo(0.0524, 3);
    expect(d.high).toBeCloseTo(0.3339, 3);
  });

  it("Welch interval agrees with a hand computation", () => {
    // a = [1,2,3,4,5] (mean 3, var 2.5); b = [2,4,6] (mean 4, var 4)
    const a = { n: 5, sum: 15, sumSq: 55 };
    const b = { n: 3, sum: 12, sumSq: 56 };
    expect(sampleVariance(a)).toBeCloseTo(2.5, 9);
    expect(sampleVariance(b)).toBeCloseTo(4, 9);
    const w = welchDifference(a, b);
    const se = Math.sqrt(2.5 / 5 + 4 / 3);
    const df = (2.5 / 5 + 4 / 3) ** 2 / ((2.5 / 5) ** 2 / 4 + (4 / 3) ** 2 / 2);
    expect(w.estimate).toBe(-1);
    expect(w.df).toBeCloseTo(df, 9);
    // df ~3.4 lies below the expansion's comfort zone; within 5% of the exact t (3.0 at 3.4 df).
    expect((w.high - w.estimate) / se).toBeGreaterThan(2.8);
    expect((w.high - w.estimate) / se).toBeLessThan(3.3);
  });

  it("Welch with too few values is unbounded rather than falsely precise", () => {
    const w = welchDifference({ n: 1, sum: 5, sumSq: 25 }, { n: 10, sum: 10, sumSq: 20 });
    expect(w.low).toBe(Number.NEGATIVE_INFINITY);
    expect(w.high).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("tests and power", () => {
  it("two-proportion test: clear difference is significant, equal rates are not", () => {
    const strong = twoProportionTest(120, 1000, 80, 1000);
    expect(strong.z).toBeCloseTo(2.98, 1);
    expect(strong.pValue).toBeLessThan(0.01);
    expect(twoProportionTest(50, 500, 50, 500).pValue).toBeCloseTo(1, 6);
    expect(twoProportionTest(0, 0, 5, 10).pValue).toBe(1);
  });

  it("minimum detectable difference shrinks as samples grow", () => {
    const small = minimumDetectableDifference(0.1, 100, 100);
    const large = minimumDetectableDifference(0.1, 10_000, 10_000);
    expect(small).toBeGreaterThan(0.08);
    expect(large).toBeLessThan(0.013);
  });
});
