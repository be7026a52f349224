import { describe, expect, it } from "vitest";
import {
  countRepeats,
  isCounted,
  MIN_BUYERS_PER_GROUP,
  repeatedWithin,
  repeatRate,
} from "../../../app/insights/repeat-rate";
import { repeatSeries } from "../../../app/insights/repeat-series";

const NOW = new Date("2026-06-01T00:00:00.000Z");
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const plusDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

describe("repeat purchase rate intervals", () => {
  it("gives each group its Wilson interval, checked by hand", () => {
    const r = repeatRate({
      windowDays: 30,
      treated: { buyers: 200, repeated: 30 },
      holdout: { buyers: 100, repeated: 12 },
      pending: 7,
    });
    // 12/100, z = 1.96: centre (0.12 + z²/200) / (1 + z²/100) = 0.13406,
    // half-width z·√(0.12·0.88/100 + z²/40000) / (1 + z²/100) = 0.06406 → 0.0700 to 0.1981.
    expect(r.holdout.rate.estimate).toBeCloseTo(0.12, 9);
    expect(r.holdout.rate.low).toBeCloseTo(0.07, 4);
    expect(r.holdout.rate.high).toBeCloseTo(0.19812, 4);
    // 30/200 → 0.1071 to 0.2061.
    expect(r.treated.rate.low).toBeCloseTo(0.10714, 4);
    expect(r.treated.rate.high).toBeCloseTo(0.20606, 4);
    // Newcombe: 0.03 − √((0.15−0.10714)² + (0.19812−0.12)²) = −0.0591; 0.03 + √((0.20606−0.15)² + (0.12−0.07)²) = 0.1051.
    expect(r.difference.estimate).toBeCloseTo(0.03, 9);
    expect(r.difference.low).toBeCloseTo(-0.05911, 4);
    expect(r.difference.high).toBeCloseTo(0.10512, 4);
    expect(r.verdict).toBe("no_significant_difference");
    expect(r.pending).toBe(7);
  });

  it("bounds a zero count away from nothing: 0/50 is 0 to z²/(n + z²) = 0.0713", () => {
    const r = repeatRate({
      windowDays: 60,
      treated: { buyers: 50, repeated: 0 },
      holdout: { buyers: 50, repeated: 0 },
      pending: 0,
    });
    expect(r.treated.rate.low).toBeCloseTo(0, 9);
    expect(r.treated.rate.high).toBeCloseTo(3.841459 / 53.841459, 5);
  });

  it("calls a difference only when its interval excludes zero, and only with enough buyers", () => {
    const sized = (treated: number, holdout: number, n = 400) =>
      repeatRate({
        windowDays: 90,
        treated: { buyers: n, repeated: treated },
        holdout: { buyers: n, repeated: holdout },
        pending: 0,
      }).verdict;
    expect(sized(120, 60)).toBe("higher");
    expect(sized(60, 120)).toBe("lower");
    expect(sized(62, 60)).toBe("no_significant_difference");
    expect(sized(20, 0, MIN_BUYERS_PER_GROUP - 1)).toBe("not_enough_data");
  });

  it("has an uninformative interval for an empty group", () => {
    const r = repeatRate({
      windowDays: 30,
      treated: { buyers: 0, repeated: 0 },
      holdout: { buyers: 0, repeated: 0 },
      pending: 3,
    });
    expect([r.treated.rate.low, r.treated.rate.high]).toEqual([0, 1]);
    expect(r.verdict).toBe("not_enough_data");
  });
});

describe("who counts", () => {
  it("counts a buyer only once their whole window has passed", () => {
    expect(isCounted(ago(30), 30, NOW)).toBe(true);
    expect(isCounted(new Date(ago(30).getTime() + 1), 30, NOW)).toBe(false);
  });

  it("counts an order on the window's last instant, not one a moment later, nor the first order itself", () => {
    const first = ago(100);
    expect(repeatedWithin(first, plusDays(first, 30), 30)).toBe(true);
    expect(repeatedWithin(first, new Date(plusDays(first, 30).getTime() + 1), 30)).toBe(false);
    expect(repeatedWithin(first, first, 30)).toBe(false);
    expect(repeatedWithin(first, null, 30)).toBe(false);
  });

  it("splits buyers by group and window", () => {
    const counts = countRepeats(
      [
        { holdout: false, firstOrderAt: ago(100), nextOrderAt: plusDays(ago(100), 10) }, // repeats in all
        { holdout: false, firstOrderAt: ago(100), nextOrderAt: plusDays(ago(100), 45) }, // 60 and 90
        { holdout: false, firstOrderAt: ago(40), nextOrderAt: null }, // counted at 30 only
        { holdout: true, firstOrderAt: ago(95), nextOrderAt: plusDays(ago(95), 80) }, // 90 only
        { holdout: true, firstOrderAt: ago(10), nextOrderAt: ago(5) }, // pending everywhere
      ],
      NOW,
    );
    expect(counts).toEqual([
      {
        windowDays: 30,
        treated: { buyers: 3, repeated: 1 },
        holdout: { buyers: 1, repeated: 0 },
        pending: 1,
      },
      {
        windowDays: 60,
        treated: { buyers: 2, repeated: 2 },
        holdout: { buyers: 1, repeated: 0 },
        pending: 2,
      },
      {
        windowDays: 90,
        treated: { buyers: 2, repeated: 2 },
        holdout: { buyers: 1, repeated: 1 },
        pending: 2,
      },
    ]);
  });
});

describe("repeat-rate chart series", () => {
  it("draws a line per group and each group's 95% band between its upper and lower series", () => {
    const rates = [
      repeatRate({
        windowDays: 30,
        treated: { buyers: 200, repeated: 30 },
        holdout: { buyers: 100, repeated: 12 },
        pending: 0,
      }),
      repeatRate({
        windowDays: 60,
        treated: { buyers: 10, repeated: 2 },
        holdout: { buyers: 0, repeated: 0 },
        pending: 0,
      }),
    ];
    const s = repeatSeries(rates);
    expect(s.map((x) => x.name)).toEqual([
      "Emailed",
      "Holdout (not emailed)",
      "Emailed: 95% upper",
      "Emailed: 95% lower",
      "Holdout (not emailed): 95% upper",
      "Holdout (not emailed): 95% lower",
    ]);
    expect(s[0].data).toEqual([
      { key: "30 days", value: 15 },
      { key: "60 days", value: 20 },
    ]);
    expect(s[1].data[1].value).toBeNull(); // no holdout buyer at 60 days: no point, not 0%
    expect(s[2].metadata?.relatedIndex).toBe(3);
    expect(s[4].metadata?.relatedIndex).toBe(5);
    expect(s[2].metadata?.legendLabel).toBe("95% interval (shaded)");
    expect(s[3].data[0].value).toBe(10.7);
    expect(s[5].data[0].value).toBe(7);
  });
});
