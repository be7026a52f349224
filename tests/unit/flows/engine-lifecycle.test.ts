// Post-purchase, win-back and anniversary on a simulated clock, and the cross-flow cap priority.
import { describe, expect, it } from "vitest";
import { FlowSim } from "./sim";

const T0 = new Date("2026-03-02T10:00:00.000Z");

function sim(policy = {}) {
  const s = new FlowSim({
    start: T0,
    flows: ["checkout_abandonment", "post_purchase", "win_back", "anniversary"],
    policy,
    enabledAt: new Date("2026-01-01T00:00:00Z"),
  });
  s.customer({ id: "c1", email: "ben@example.com", marketingState: "SUBSCRIBED" });
  return s;
}

const firstOrder = (s: FlowSim, over: { isFirstOrder?: boolean; id?: string } = {}) =>
  s.event(
    {
      kind: "order_created",
      orderShopifyId: over.id ?? "o1",
      orderName: "#1001",
      customerShopifyId: "c1",
      email: "ben@example.com",
      checkoutToken: null,
      isFirstOrder: over.isFirstOrder ?? true,
      productShopifyIds: ["p-tent"],
      processedAt: s.now,
    },
    "c1",
  );

describe("post-purchase", () => {
  it("thanks a first-time buyer on day 1, tips on day 7, checks in on day 16, cross-sell on day 30", () => {
    const s = sim();
    firstOrder(s);
    s.advanceBy(40 * 24 * 60);
    expect(s.sentTo("c1")).toEqual([
      { at: "2026-03-03T10:00:00.000Z", step: "post_purchase.thank_you" },
      { at: "2026-03-09T10:00:00.000Z", step: "post_purchase.tips" },
      { at: "2026-03-18T10:00:00.000Z", step: "post_purchase.check_in" },
      { at: "2026-04-01T10:00:00.000Z", step: "post_purchase.cross_sell" },
    ]);
    // The check-in is about what they bought, like the thank-you and the tips.
    expect(s.sent.map((m) => m.products)).toEqual([["p-tent"], ["p-tent"], ["p-tent"], ["cross-1"]]);
  });

  it("is not for repeat buyers, and says so", () => {
    const s = sim();
    firstOrder(s, { isFirstOrder: false });
    expect(s.runs.size).toBe(0);
    expect(s.whyOf("c1", "not_enrolled")[0].reason).toBe("order #1001 is not their first order");
  });

  it("exits on cancellation or refund of that order", () => {
    for (const why of ["cancelled", "refunded"] as const) {
      const s = sim();
      firstOrder(s);
      s.advanceBy(2 * 24 * 60);
      s.event({ kind: "order_ended", orderShopifyId: "o1", customerShopifyId: "c1", why }, "c1");
      s.advanceBy(40 * 24 * 60);
      expect(s.sentTo("c1")).toHaveLength(1);
      expect(s.whyOf("c1", "exited")[0].reason).toBe(`order o1 was ${why}`);
    }
  });

  it("an order placed before the flow was switched on does not enroll (switching on starts from now)", () => {
    const s = new FlowSim({
      start: T0,
      flows: ["post_purchase"],
      enabledAt: new Date(T0.getTime() + 60_000),
    });
    s.customer({ id: "c1", email: "ben@example.com", marketingState: "SUBSCRIBED" });
    firstOrder(s);
    expect(s.runs.size).toBe(0);
  });
});

describe("win-back", () => {
  it("first touch when enrolled, second 14 days later; a new order exits", () => {
    const s = sim();
    s.enrollScanned("win_back", "c1", new Date("2025-12-01T15:00:00Z"));
    s.advanceBy(20 * 24 * 60);
    expect(s.sentTo("c1")).toEqual([
      { at: "2026-03-02T10:00:00.000Z", step: "win_back.first_touch" },
      { at: "2026-03-16T10:00:00.000Z", step: "win_back.second_touch" },
    ]);
    expect(s.whyOf("c1", "enrolled")[0].reason).toMatch(/^no order for 90 days/);

    const t = sim();
    t.enrollScanned("win_back", "c1", new Date("2025-12-01T15:00:00Z"));
    t.advanceBy(60);
    t.customers.get("c1")!.orders!.push(t.now);
    firstOrder(t, { isFirstOrder: false, id: "o9" });
    t.advanceBy(20 * 24 * 60);
    expect(t.sentTo("c1")).toHaveLength(1);
    expect(t.whyOf("c1", "exited")[0].reason).toBe("ordered again (#1001)");
  });

  it("the shop's daily send limit ramps a newly enabled win-back over several days", () => {
    const s = sim({ dailySendLimit: 2, frequencyCapCount: 9 });
    for (let i = 0; i < 5; i++) {
      s.customer({ id: `w${i}`, email: `w${i}@example.com`, marketingState: "SUBSCRIBED" });
      s.enrollScanned("win_back", `w${i}`, new Date("2025-11-01T00:00:00Z"));
    }
    s.advanceBy(3 * 24 * 60);
    const firstTouches = s.sent
      .filter((m) => m.stepKey === "win_back.first_touch")
      .map((m) => m.at.toISOString().slice(0, 10));
    expect(firstTouches).toEqual(["2026-03-02", "2026-03-02", "2026-03-03", "2026-03-03", "2026-03-04"]);
    expect(s.why.filter((w) => w.kind === "capped")[0].reason).toContain("daily send limit of 2");
  });
});

describe("anniversary", () => {
  it("one note on the anniversary; the same year's scan never enrolls twice", () => {
    const s = sim();
    s.enrollScanned("anniversary", "c1", new Date("2025-03-02T09:00:00Z"));
    s.advanceBy(60);
    s.enrollScanned("anniversary", "c1", new Date("2025-03-02T09:00:00Z"));
    s.advanceBy(5 * 24 * 60);
    expect(s.sentTo("c1")).toEqual([{ at: "2026-03-02T10:00:00.000Z", step: "anniversary.note" }]);
    expect(s.sent[0].products).toEqual(["first-1"]);
    expect(s.whyOf("c1", "enrolled")[0].reason).toBe("1 year since their first order");
  });
});

describe("frequency cap with priority", () => {
  it("a win-back yields the last free slot to a checkout reminder due soon, then goes when the cap allows", () => {
    const s = sim({ frequencyCapCount: 2 });
    s.enrollScanned("anniversary", "c1", new Date("2025-03-02T09:00:00Z"));
    s.advanceBy(1); // anniversary note sent: one slot left this week
    s.event(
      {
        kind: "checkout_updated",
        orderedSinceCheckout: false,
        checkout: {
          token: "t1",
          email: "ben@example.com",
          customerShopifyId: "c1",
          acceptsMarketing: true,
          items: [
            { productShopifyId: "p", variantShopifyId: "v", title: "Tent", quantity: 1, priceMinor: 100 },
          ],
          recoveryUrl: null,
          currency: "USD",
          totalMinor: 100,
          createdAt: s.now,
          completed: false,
          updatedAt: s.now,
        },
      },
      "c1",
    );
    s.enrollScanned("win_back", "c1", new Date("2025-11-01T00:00:00Z"));
    s.advanceBy(14 * 24 * 60);
    const order = s.sentTo("c1").map((m) => m.step);
    expect(order.slice(0, 2)).toEqual(["anniversary.note", "checkout_abandonment.reminder"]);
    const yielded = s.whyOf("c1", "capped").find((w) => w.flowKey === "win_back");
    expect(yielded?.reason).toContain("yields to Checkout abandonment (higher priority)");
    // Never more than 2 in any 7-day window.
    const times = s.sent.map((m) => m.at.getTime());
    for (const t of times)
      expect(times.filter((u) => u > t - 7 * 86_400_000 && u <= t).length).toBeLessThanOrEqual(2);
    expect(order).toContain("win_back.first_touch");
  });
});

describe("shop uninstalled", () => {
  it("cancels everything", () => {
    const s = sim();
    firstOrder(s);
    s.event({ kind: "shop_uninstalled" }, null);
    s.advanceBy(40 * 24 * 60);
    expect(s.sent).toHaveLength(0);
    expect([...s.runs.values()][0].status).toBe("cancelled");
  });
});
