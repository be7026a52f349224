// The welcome series on a simulated clock: who enters (new subscribers who never ordered), what each
// email features (a different best seller), and who leaves (first order, unsubscribe). Also the
// post-purchase check-in's 14-21 day window and the welcome discount's cap.
import { describe, expect, it } from "vitest";
import { FLOW_CATALOG } from "../../../app/flows/catalog";
import { resolveDefinition, stepOffsets, validateFlowConfig } from "../../../app/flows/config";
import { FlowSim } from "./sim";

const T0 = new Date("2026-03-02T10:00:00.000Z");
const DAY = 24 * 60;
const BEST = ["best-1", "best-2", "best-3"];

function sim() {
  const s = new FlowSim({
    start: T0,
    flows: ["welcome", "post_purchase"],
    policy: { frequencyCapCount: 5 },
    enabledAt: new Date("2026-01-01T00:00:00Z"),
  });
  s.customer({ id: "c1", email: "ada@example.com", marketingState: "SUBSCRIBED" });
  return s;
}

const subscribe = (s: FlowSim, over: { hasOrdered?: boolean; at?: Date } = {}) =>
  s.event(
    {
      kind: "subscribed",
      customerShopifyId: "c1",
      email: "ada@example.com",
      hasOrdered: over.hasOrdered ?? false,
      bestSellers: BEST,
      at: over.at ?? s.now,
    },
    "c1",
  );

const order = (s: FlowSim) => {
  s.customers.get("c1")?.orders?.push(s.now);
  return s.event(
    {
      kind: "order_created",
      orderShopifyId: "o1",
      orderName: "#1001",
      customerShopifyId: "c1",
      email: "ada@example.com",
      checkoutToken: null,
      isFirstOrder: true,
      productShopifyIds: ["p-tent"],
      processedAt: s.now,
    },
    "c1",
  );
};

const welcomeRuns = (s: FlowSim) => [...s.runs.values()].filter((r) => r.flowKey === "welcome");

describe("welcome series: entry", () => {
  it("welcomes a new subscriber on day 0, 2 and 5, each email leading with another best seller", () => {
    const s = sim();
    subscribe(s);
    s.advanceBy(10 * DAY);
    expect(s.sentTo("c1")).toEqual([
      { at: "2026-03-02T10:00:00.000Z", step: "welcome.hello" },
      { at: "2026-03-04T10:00:00.000Z", step: "welcome.best_sellers" },
      { at: "2026-03-07T10:00:00.000Z", step: "welcome.first_order" },
    ]);
    expect(s.sent.map((m) => m.products[0])).toEqual(["best-1", "best-2", "best-3"]);
    expect(welcomeRuns(s)[0].status).toBe("completed");
  });

  it("never enrolls someone who already bought, and says why", () => {
    const s = sim();
    const actions = subscribe(s, { hasOrdered: true });
    expect(actions.some((a) => a.type === "enroll")).toBe(false);
    expect(welcomeRuns(s)).toHaveLength(0);
    expect(s.whyOf("c1", "not_enrolled")[0].reason).toMatch(/already a customer/);
  });

  it("does not enroll without consent, without an email, or for a sign-up before the flow was on", () => {
    const s = sim();
    s.customers.get("c1")!.marketingState = "NOT_SUBSCRIBED";
    subscribe(s);
    s.customers.get("c1")!.marketingState = "SUBSCRIBED";
    subscribe(s, { at: new Date("2025-12-31T00:00:00Z") });
    s.event(
      {
        kind: "subscribed",
        customerShopifyId: "c1",
        email: null,
        hasOrdered: false,
        bestSellers: BEST,
        at: T0,
      },
      "c1",
      null,
    );
    expect(welcomeRuns(s)).toHaveLength(0);
    expect(s.whyOf("c1", "not_enrolled").map((w) => w.reason)).toEqual([
      "no email-marketing consent",
      "subscribed before the flow was switched on",
      "customer has no email address",
    ]);
  });

  it("a redelivered sign-up while the series runs enrolls nobody twice", () => {
    const s = sim();
    subscribe(s);
    subscribe(s);
    expect(welcomeRuns(s)).toHaveLength(1);
  });
});

describe("welcome series: exits", () => {
  it("the first order ends the series (and starts post-purchase instead)", () => {
    const s = sim();
    subscribe(s);
    s.advanceBy(1 * DAY);
    order(s);
    s.advanceBy(10 * DAY);
    expect(s.sentTo("c1").map((m) => m.step)).toEqual([
      "welcome.hello",
      "post_purchase.thank_you",
      "post_purchase.tips",
    ]);
    expect(welcomeRuns(s)[0].status).toBe("exited");
    expect(s.whyOf("c1", "exited")[0].reason).toBe("placed their first order (#1001)");
  });

  it("an order the events missed still ends it when the next step comes due", () => {
    const s = sim();
    subscribe(s);
    s.advanceBy(1 * DAY);
    s.customers.get("c1")?.orders?.push(s.now); // no order_created reached the engine
    s.advanceBy(5 * DAY);
    expect(s.sentTo("c1").map((m) => m.step)).toEqual(["welcome.hello"]);
    expect(s.whyOf("c1", "exited")[0].reason).toBe("placed their first order");
  });

  it("unsubscribing ends it at once", () => {
    const s = sim();
    subscribe(s);
    s.advanceBy(1 * DAY);
    s.event({ kind: "unsubscribed", customerShopifyId: "c1", email: "ada@example.com" }, "c1");
    s.advanceBy(10 * DAY);
    expect(s.sentTo("c1")).toHaveLength(1);
    expect(s.whyOf("c1", "suppressed")[0].reason).toBe("unsubscribed from email marketing");
  });

  it("re-subscribing later does not start a second series, whether the first completed or exited", () => {
    for (const ending of ["completed", "exited"] as const) {
      const s = sim();
      subscribe(s);
      if (ending === "exited")
        s.event({ kind: "unsubscribed", customerShopifyId: "c1", email: "ada@example.com" }, "c1");
      s.advanceBy(30 * DAY);
      subscribe(s);
      expect(welcomeRuns(s)).toHaveLength(1);
      expect(welcomeRuns(s)[0].status).toBe(ending);
      expect(s.whyOf("c1", "not_enrolled").at(-1)?.reason).toBe(
        `already welcomed (an earlier series ${ending}): it runs once per customer`,
      );
    }
  });

  it("sends generic welcome copy when every best seller is sold out, rather than skipping", () => {
    const s = sim();
    for (const id of BEST) s.stock[id] = false;
    subscribe(s);
    s.advanceBy(1);
    expect(s.sent).toHaveLength(1);
    expect(s.sent[0].products).toEqual([]);
  });
});

describe("flow settings for the new steps", () => {
  const limits = { maxDiscountPercent: 15 };

  it("the check-in goes out on day 16 by default and may move only within days 14-21", () => {
    const def = resolveDefinition("post_purchase", {});
    const index = def.steps.findIndex((st) => st.key === "post_purchase.check_in");
    expect(stepOffsets(def)[index]).toBe(16 * DAY);
    expect(def.steps[index].type).toBe("check_in");
    const at = (delayDays: number) =>
      validateFlowConfig(
        "post_purchase",
        { steps: { "post_purchase.check_in": { delayMinutes: delayDays * DAY } } },
        limits,
      );
    expect(at(14).ok).toBe(true); // day 21
    expect(at(7).ok).toBe(true); // day 14
    const late = at(15); // day 22
    expect(late.ok).toBe(false);
    if (!late.ok)
      expect(late.fieldErrors["steps.post_purchase.check_in.delayMinutes"]).toMatch(/14 days and 21 days/);
    // Moving the tips later drags the check-in out of its window too.
    const viaTips = validateFlowConfig(
      "post_purchase",
      { steps: { "post_purchase.tips": { delayMinutes: 20 * DAY } } },
      limits,
    );
    expect(viaTips.ok).toBe(false);
  });

  it("the welcome discount is off by default, and never above the shop's cap", () => {
    expect(FLOW_CATALOG.welcome.steps.every((st) => st.discountPercent === null)).toBe(true);
    const on = { steps: { "welcome.hello": { discountPercent: 10 } } };
    expect(validateFlowConfig("welcome", on, limits).ok).toBe(true);
    expect(resolveDefinition("welcome", on, limits).steps[0].discountPercent).toBe(10);
    // The cap fell after the merchant chose 10%: the run's definition offers the cap.
    expect(resolveDefinition("welcome", on, { maxDiscountPercent: 5 }).steps[0].discountPercent).toBe(5);
    const over = validateFlowConfig(
      "welcome",
      { steps: { "welcome.hello": { discountPercent: 20 } } },
      limits,
    );
    expect(over.ok).toBe(false);
  });
});
