// Repeat purchase rate from hand-built first orders, repeat orders and post-purchase enrollments,
// through the real SQL (SQLite, and PostgreSQL with TEST_DB=postgresql).
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { buildReport } from "../../../app/insights/report.server";
import { countRepeats, type FirstTimeBuyer } from "../../../app/insights/repeat-rate";
import { loadRepeatCounts } from "../../../app/insights/repeat-rate.server";
import { uniqueShop } from "../../support/database";

const NOW = new Date("2026-06-01T00:00:00.000Z");
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const plus = (d: Date, days: number) => new Date(d.getTime() + days * DAY);

interface Buyer {
  id: string;
  holdout?: boolean;
  guest?: boolean;
  first: Date;
  firstCancelled?: boolean;
  /** Later orders: days after the first, and whether cancelled. */
  later?: Array<[number, boolean?]>;
  flowKey?: string;
}

const BUYERS: Buyer[] = [
  { id: "c1", first: ago(100), later: [[10]] },
  { id: "c2", first: ago(100), later: [[45]] },
  { id: "c3", first: ago(100), later: [[20, true], [95]] }, // cancelled reorder, then too late
  { id: "c4", first: ago(40) },
  { id: "g1", guest: true, first: ago(70), later: [[20]] }, // guest checkout: matched by email
  { id: "h1", holdout: true, first: ago(95), later: [[80]] },
  { id: "h2", holdout: true, first: ago(10), later: [[5]] }, // window not elapsed anywhere
  { id: "x1", first: ago(100), firstCancelled: true, later: [[5]] }, // never a buyer: first order cancelled
  { id: "x2", first: ago(100), later: [[5]], flowKey: "checkout_abandonment" }, // not a first-order enrollment
  { id: "x3", first: ago(500), later: [[5]] }, // before the report's year
];

async function seed(shop: string) {
  const db = getDb();
  for (const b of BUYERS) {
    const customerShopifyId = b.guest ? null : `cust-${b.id}`;
    const email = `${b.id.toUpperCase()}@Example.com`;
    const orders = [
      { days: 0, cancelled: b.firstCancelled ?? false },
      ...(b.later ?? []).map(([days, cancelled]) => ({ days, cancelled: cancelled ?? false })),
    ].map((o, k) => ({
      shop,
      shopifyId: `${b.id}-o${k}`,
      customerShopifyId,
      email: k === 0 ? email : email.toLowerCase(),
      processedAt: plus(b.first, o.days),
      cancelledAt: o.cancelled ? plus(b.first, o.days + 1) : null,
      totalMinor: 4_000,
    }));
    await db.order.createMany({ data: orders });
    const flowKey = b.flowKey ?? "post_purchase";
    await db.flowRun.create({
      data: {
        shop,
        flowKey,
        flowVersion: 1,
        enrollKey: `${flowKey}:${b.id}-o0`,
        customerShopifyId,
        email,
        status: "completed",
        holdout: b.holdout ?? false,
        startedAt: b.first,
      },
    });
  }
}

describe("repeat purchase rate", () => {
  it("counts first-time buyers whose window elapsed and their repeat orders, per group and window", async () => {
    const shop = uniqueShop("repeat");
    await seed(shop);
    await seed(uniqueShop("repeat-other")); // another shop's buyers must not count
    const counts = await loadRepeatCounts(getDb(), shop, { since: ago(365), now: NOW });
    expect(counts).toEqual([
      {
        windowDays: 30,
        treated: { buyers: 5, repeated: 2 },
        holdout: { buyers: 1, repeated: 0 },
        pending: 1,
      },
      {
        windowDays: 60,
        treated: { buyers: 4, repeated: 3 },
        holdout: { buyers: 1, repeated: 0 },
        pending: 2,
      },
      {
        windowDays: 90,
        treated: { buyers: 3, repeated: 2 },
        holdout: { buyers: 1, repeated: 1 },
        pending: 3,
      },
    ]);
    // The same as the pure rule applied to the buyers one by one.
    const reference: FirstTimeBuyer[] = BUYERS.filter((b) => b.id[0] !== "x").map((b) => {
      const next = (b.later ?? []).filter(([, cancelled]) => !cancelled)[0];
      return {
        holdout: b.holdout ?? false,
        firstOrderAt: b.first,
        nextOrderAt: next ? plus(b.first, next[0]) : null,
      };
    });
    expect(counts).toEqual(countRepeats(reference, NOW));
  });

  it("moves a buyer from pending to counted as the injected clock passes their window", async () => {
    const shop = uniqueShop("repeat-clock");
    await seed(shop);
    const later = await loadRepeatCounts(getDb(), shop, { since: ago(365), now: plus(NOW, 30) });
    expect(later[0].holdout).toEqual({ buyers: 2, repeated: 1 }); // h2 now counts: ordered 5 days after
    expect(later[2].treated).toEqual({ buyers: 4, repeated: 3 }); // the guest now counts at 90 days
    expect(later[2].pending).toBe(2); // c4 and h2 still inside 90 days
  });

  it("puts the rates with their intervals in the report", async () => {
    const shop = uniqueShop("repeat-report");
    await seed(shop);
    const report = await buildReport(getDb(), shop, { now: NOW, days: 30 });
    expect(report.repeatRates.map((r) => r.windowDays)).toEqual([30, 60, 90]);
    const [d30] = report.repeatRates;
    expect(d30.treated.rate.estimate).toBeCloseTo(2 / 5, 9);
    expect(d30.treated.rate.low).toBeLessThan(0.4);
    expect(d30.treated.rate.high).toBeGreaterThan(0.4);
    expect(d30.verdict).toBe("not_enough_data");
    expect(
      (await buildReport(getDb(), uniqueShop("repeat-empty"), { now: NOW, days: 30 })).repeatRates,
    ).toEqual([]);
  });
});
