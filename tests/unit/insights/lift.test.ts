import { describe, expect, it } from "vitest";
import { computeLift, type GroupOutcome } from "../../../app/insights/lift";
import { mulberry32, orderValueMinor } from "./rng";

function simulateGroup(
  random: () => number,
  customers: number,
  conversion: number,
  meanOrderMinor: number,
): GroupOutcome {
  let converted = 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < customers; i++) {
    if (random() < conversion) {
      converted++;
      const value = orderValueMinor(random, meanOrderMinor);
      sum += value;
      sumSq += value * value;
    }
  }
  return { customers, converted, revenue: { n: customers, sum, sumSq } };
}

describe("computeLift", () => {
  it("says not enough data while the holdout is small, and says why", () => {
    const r = computeLift(
      { customers: 900, converted: 90, revenue: { n: 900, sum: 9e5, sumSq: 9e9 } },
      { customers: 40, converted: 3, revenue: { n: 40, sum: 3e4, sumSq: 3e8 } },
    );
    expect(r.verdict).toBe("not_enough_data");
    expect(r.reason).toContain("holdout has 40");
  });

  it("says not enough data with too few orders overall", () => {
    const r = computeLift(
      { customers: 500, converted: 6, revenue: { n: 500, sum: 6e4, sumSq: 6e8 } },
      { customers: 500, converted: 4, revenue: { n: 500, sum: 4e4, sumSq: 4e8 } },
    );
    expect(r.verdict).toBe("not_enough_data");
  });

  // Repeated synthetic experiments: a 95% interval should cover the true effect ~95% of the time.
  it("its intervals cover the true conversion and revenue lift at about the stated rate", () => {
    const random = mulberry32(20260310);
    const trueConversion = 0.03; // 10% -> 13%
    const meanOrder = 6000;
    const trueRevenue = trueConversion * meanOrder; // expected revenue per customer differs by this
    let coverConv = 0;
    let coverRev = 0;
    const runs = 300;
    for (let i = 0; i < runs; i++) {
      const treated = simulateGroup(random, 1500, 0.13, meanOrder);
      const holdout = simulateGroup(random, 1500, 0.1, meanOrder);
      const r = computeLift(treated, holdout);
      if (r.conversionLift.low <= trueConversion && trueConversion <= r.conversionLift.high) coverConv++;
      if (r.revenueLiftMinor.low <= trueRevenue && trueRevenue <= r.revenueLiftMinor.high) coverRev++;
    }
    // Binomial(300, 0.95) lies in [0.91, 0.98] with probability > 99.5%.
    expect(coverConv / runs).toBeGreaterThan(0.91);
    expect(coverConv / runs).toBeLessThan(0.985);
    expect(coverRev / runs).toBeGreaterThan(0.91);
    expect(coverRev / runs).toBeLessThan(0.985);
  });

  it("finds no significant lift about 95% of the time when there is none", () => {
    const random = mulberry32(7);
    let falsePositives = 0;
    const runs = 300;
    for (let i = 0; i < runs; i++) {
      const r = computeLift(simulateGroup(random, 1500, 0.1, 6000), simulateGroup(random, 1500, 0.1, 6000));
      expect(r.verdict).not.toBe("not_enough_data");
      if (r.verdict !== "no_significant_lift") falsePositives++;
    }
    expect(falsePositives / runs).toBeLessThan(0.09);
  });

  it("reports rates and revenue per customer for each group", () => {
    const r = computeLift(
      { customers: 1000, converted: 150, revenue: { n: 1000, sum: 900_000, sumSq: 9e9 } },
      { customers: 1000, converted: 100, revenue: { n: 1000, sum: 600_000, sumSq: 6e9 } },
    );
    expect(r.treated.conversionRate).toBeCloseTo(0.15, 9);
    expect(r.holdout.revenuePerCustomerMinor).toBeCloseTo(600, 9);
    expect(r.verdict).toBe("positive");
    expect(r.minimumDetectable).toBeGreaterThan(0);
  });
});
