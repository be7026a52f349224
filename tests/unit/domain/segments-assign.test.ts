// Segment rules on hand-built order histories: each segment, each boundary (one millisecond
// either side), the precedence, the VIP decile with ties, affinity tie-breaks and engagement.
import { describe, expect, it } from "vitest";
import {
  assignSegment,
  categoryAffinity,
  DAY_MS,
  decileCutoff,
  isEngaged,
  type SegmentFacts,
  vipMinimum,
} from "../../../app/domain/segments-assign";
import { DEFAULT_SEGMENT_RULES, SEGMENT_PRECEDENCE, segmentDefinitions } from "../../../app/domain/segments";

const NOW = new Date("2026-06-01T12:00:00.000Z");
const at = (daysBeforeNow: number, extraMs = 0) => new Date(NOW.getTime() - daysBeforeNow * DAY_MS + extraMs);

/** Facts from a history of (days before now, amount) orders, as the statistics would hold them. */
function history(orders: Array<[days: number, minor: number]>, extraMsOnLast = 0): SegmentFacts {
  if (orders.length === 0)
    return { ordersCount: 0, totalSpentMinor: 0, firstOrderAt: null, lastOrderAt: null };
  const times = orders.map(([d]) => d);
  const latest = Math.min(...times);
  return {
    ordersCount: orders.length,
    totalSpentMinor: orders.reduce((s, [, m]) => s + m, 0),
    firstOrderAt: at(Math.max(...times)),
    lastOrderAt: at(latest, extraMsOnLast),
  };
}

const segment = (f: SegmentFacts, vipMin: number | null = null) => assignSegment(f, vipMin, NOW);

describe("segment assignment", () => {
  it("new: no order, or exactly one recent order", () => {
    expect(segment(history([]))).toBe("new");
    expect(segment(history([[3, 5000]]))).toBe("new");
  });

  it("returning: two or more orders at their usual pace", () => {
    expect(
      segment(
        history([
          [40, 5000],
          [20, 5000],
        ]),
      ),
    ).toBe("returning");
    expect(
      segment(
        history([
          [90, 1000],
          [60, 1000],
          [30, 1000],
          [10, 1000],
        ]),
      ),
    ).toBe("returning");
  });

  it("at risk: more than 1.5× the own average gap since the last order, strictly", () => {
    // Orders 50 and 30 days ago: gap 20 days, so exactly 30 days since the last one is the line.
    const boundary = (ms: number) =>
      history(
        [
          [50, 5000],
          [30, 5000],
        ],
        ms,
      );
    expect(segment(boundary(0))).toBe("returning"); // exactly 1.5× gap: not yet
    expect(segment(boundary(-1))).toBe("at_risk"); // one millisecond further back
    expect(segment(boundary(1))).toBe("returning");
    // Three orders over 60 days: average gap 30 days, so 45 days is the line.
    expect(
      segment(
        history([
          [105, 1],
          [75, 1],
          [45, 1],
        ]),
      ),
    ).toBe("returning");
    expect(
      segment(
        history(
          [
            [105, 1],
            [75, 1],
            [45, 1],
          ],
          -1,
        ),
      ),
    ).toBe("at_risk");
  });

  it("at risk needs orders at two different moments; one order never is", () => {
    expect(
      segment(
        history([
          [100, 5000],
          [100, 5000],
        ]),
      ),
    ).toBe("returning");
    expect(segment(history([[170, 5000]]))).toBe("new");
  });

  it("lapsed: last order more than 180 days ago, strictly, whatever the count", () => {
    expect(segment(history([[180, 5000]]))).toBe("new"); // exactly 180 days
    expect(segment(history([[180, 5000]], -1))).toBe("lapsed");
    expect(
      segment(
        history([
          [400, 5000],
          [181, 5000],
        ]),
      ),
    ).toBe("lapsed");
  });

  it("VIP: at or above the minimum (inclusive), even with one order; needs an order", () => {
    expect(segment(history([[5, 10_000]]), 10_000)).toBe("vip");
    expect(segment(history([[5, 9_999]]), 10_000)).toBe("new");
    expect(
      segment(
        history([
          [30, 5_000],
          [5, 5_000],
        ]),
        10_000,
      ),
    ).toBe("vip");
    expect(
      segment({ ordersCount: 0, totalSpentMinor: 50_000, firstOrderAt: null, lastOrderAt: null }, 1),
    ).toBe("new");
  });

  it("precedence: lapsed over at risk over VIP over returning over new", () => {
    expect(SEGMENT_PRECEDENCE).toEqual(["lapsed", "at_risk", "vip", "returning", "new"]);
    const bigAndGone = history([
      [300, 90_000],
      [200, 90_000],
    ]); // at risk and lapsed and VIP
    expect(segment(bigAndGone, 1)).toBe("lapsed");
    const bigAndLate = history([
      [100, 90_000],
      [80, 90_000],
    ]); // at risk and VIP
    expect(segment(bigAndLate, 1)).toBe("at_risk");
  });

  it("rules are tunable: another multiple and lapse window move the lines", () => {
    const rules = { ...DEFAULT_SEGMENT_RULES, atRiskGapMultiple: 2, lapsedDays: 60 };
    const f = history([
      [50, 1],
      [30, 1],
    ]); // gap 20 days, 30 days since
    expect(assignSegment(f, null, NOW, rules)).toBe("returning");
    expect(assignSegment(history([[61, 1]]), null, NOW, rules)).toBe("lapsed");
  });
});

describe("VIP decile", () => {
  it("is the spend of the ⌊n/10⌋-th biggest spender; nobody below 10 buyers", () => {
    expect(decileCutoff([9, 8, 7, 6, 5, 4, 3, 2, 1])).toBeNull();
    expect(decileCutoff([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(10);
    const twenty = Array.from({ length: 20 }, (_, i) => (i + 1) * 100);
    expect(decileCutoff(twenty)).toBe(1900);
  });

  it("includes everyone tied with the last of the decile; a zero cutoff makes nobody VIP", () => {
    const spends = [500, 500, 500, 100, 100, 100, 100, 100, 100, 100, 100];
    expect(decileCutoff(spends)).toBe(500);
    expect(spends.filter((s) => s >= 500)).toHaveLength(3);
    expect(decileCutoff(Array(10).fill(0))).toBeNull();
  });

  it("a merchant threshold replaces the decile", () => {
    expect(vipMinimum({ ...DEFAULT_SEGMENT_RULES, vipThresholdMinor: 25_000 }, 900)).toBe(25_000);
    expect(vipMinimum(DEFAULT_SEGMENT_RULES, 900)).toBe(900);
  });
});

describe("category affinity and engagement", () => {
  it("most-bought type by quantity; ties to the type that sorts first; blank types ignored", () => {
    expect(
      categoryAffinity([
        { productType: "Tea", quantity: 1 },
        { productType: "Coffee", quantity: 2 },
        { productType: "Tea", quantity: 2 },
      ]),
    ).toBe("Tea");
    expect(
      categoryAffinity([
        { productType: "Mugs", quantity: 2 },
        { productType: "Coffee", quantity: 2 },
      ]),
    ).toBe("Coffee");
    expect(
      categoryAffinity([
        { productType: "", quantity: 5 },
        { productType: null, quantity: 1 },
      ]),
    ).toBeNull();
  });

  it("engaged: a click at most 90 days old, inclusive", () => {
    expect(isEngaged(at(90), NOW)).toBe(true);
    expect(isEngaged(at(90, -1), NOW)).toBe(false);
    expect(isEngaged(null, NOW)).toBe(false);
  });
});

describe("definitions", () => {
  it("state the boundaries the rules use", () => {
    const text = Object.fromEntries(segmentDefinitions().map((d) => [d.key, d.definition]));
    expect(text.lapsed).toContain("more than 180 days");
    expect(text.at_risk).toContain("more than 1.5×");
    expect(text.vip).toContain("top 10%");
    const custom = segmentDefinitions({ ...DEFAULT_SEGMENT_RULES, vipThresholdMinor: 25_000 });
    expect(custom.find((d) => d.key === "vip")?.definition).toContain("250.00");
  });
});
