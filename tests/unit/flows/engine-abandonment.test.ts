// Checkout, cart and browse abandonment on a simulated clock: exact sequences and every exit.
import { describe, expect, it } from "vitest";
import type { RunItem } from "../../../app/flows/actions";
import type { CheckoutFacts } from "../../../app/flows/enrollment";
import { FlowSim } from "./sim";

const T0 = new Date("2026-03-02T10:00:00.000Z"); // a Monday morning, UTC shop

const tent: RunItem = {
  productShopifyId: "p-tent",
  variantShopifyId: "v-tent",
  title: "Tent",
  quantity: 1,
  priceMinor: 24900,
};
const stove: RunItem = {
  productShopifyId: "p-stove",
  variantShopifyId: "v-stove",
  title: "Stove",
  quantity: 1,
  priceMinor: 5900,
};

function checkout(over: Partial<CheckoutFacts> = {}): CheckoutFacts {
  return {
    token: "tok-1",
    email: "ana@example.com",
    customerShopifyId: "c1",
    acceptsMarketing: true,
    items: [tent],
    recoveryUrl: "https://shop.example/recover/tok-1",
    currency: "USD",
    totalMinor: 24900,
    createdAt: T0,
    updatedAt: T0,
    completed: false,
    ...over,
  };
}

function sim(policy = {}) {
  const s = new FlowSim({
    start: T0,
    flows: ["checkout_abandonment", "cart_abandonment", "browse_abandonment", "post_purchase", "win_back"],
    policy,
    enabledAt: new Date("2026-01-01T00:00:00Z"),
  });
  s.customer({ id: "c1", email: "ana@example.com", marketingState: "SUBSCRIBED" });
  return s;
}

const abandon = (s: FlowSim, over: Partial<CheckoutFacts> = {}) =>
  s.event({ kind: "checkout_updated", checkout: checkout(over), orderedSinceCheckout: false }, "c1");

describe("checkout abandonment", () => {
  it("sends the three reminders at 1 h, 24 h and 72 h with the abandoned items", () => {
    const s = sim({ frequencyCapCount: 3 });
    abandon(s);
    s.advanceBy(10 * 24 * 60);
    expect(s.sentTo("c1")).toEqual([
      { at: "2026-03-02T11:00:00.000Z", step: "checkout_abandonment.reminder" },
      { at: "2026-03-03T10:00:00.000Z", step: "checkout_abandonment.nudge" },
      { at: "2026-03-05T10:00:00.000Z", step: "checkout_abandonment.last_call" },
    ]);
    expect(s.sent.every((m) => m.products.join() === "p-tent")).toBe(true);
    expect(s.whyOf("c1", "completed")).toHaveLength(1);
  });

  it("under the default cap (2 per 7 days) defers the last call to the next free slot instead of dropping it", () => {
    const s = sim();
    abandon(s);
    s.advanceBy(10 * 24 * 60);
    expect(s.sentTo("c1").map((m) => m.at)).toEqual([
      "2026-03-02T11:00:00.000Z",
      "2026-03-03T10:00:00.000Z",
      "2026-03-09T11:01:00.000Z", // first send + 7 days + 1 minute
    ]);
    const capped = s.whyOf("c1", "capped");
    expect(capped).toHaveLength(1);
    expect(capped[0].reason).toContain("frequency cap reached");
  });

  it("exits when the customer places an order, and sends nothing after it", () => {
    const s = sim();
    abandon(s);
    s.advanceBy(2 * 60);
    s.customers.get("c1")!.orders!.push(s.now);
    s.event(
      {
        kind: "order_created",
        orderShopifyId: "o1",
        orderName: "#1001",
        customerShopifyId: "c1",
        email: "ana@example.com",
        checkoutToken: "tok-1",
        isFirstOrder: false,
        productShopifyIds: ["p-tent"],
        processedAt: s.now,
      },
      "c1",
    );
    s.advanceBy(10 * 24 * 60);
    expect(s.sentTo("c1")).toHaveLength(1);
    expect(s.whyOf("c1", "exited").map((w) => w.reason)).toContain("placed order #1001");
  });

  it("an order that arrives before the checkout's last update prevents any reminder (another device)", () => {
    const s = sim();
    s.event({ kind: "checkout_updated", checkout: checkout(), orderedSinceCheckout: true }, "c1");
    s.advanceBy(5 * 24 * 60);
    expect(s.sent).toHaveLength(0);
    expect(s.runs.size).toBe(0);
  });

  it("exits at send time when the checkout completed without an event reaching the flow", () => {
    const s = sim();
    abandon(s);
    s.completedCheckouts.add("tok-1");
    s.advanceBy(3 * 60);
    expect(s.sent).toHaveLength(0);
    expect(s.whyOf("c1", "exited")[0].reason).toBe("checkout completed");
  });

  it("a completed checkout update exits the run", () => {
    const s = sim();
    abandon(s);
    s.advanceBy(30);
    abandon(s, { completed: true, updatedAt: s.now });
    s.advanceBy(5 * 24 * 60);
    expect(s.sent).toHaveLength(0);
  });

  it("unsubscribing stops every run at once", () => {
    const s = sim();
    abandon(s);
    s.advanceBy(2 * 60);
    s.customers.get("c1")!.marketingState = "UNSUBSCRIBED";
    s.event({ kind: "unsubscribed", customerShopifyId: "c1", email: "ana@example.com" }, "c1");
    s.advanceBy(5 * 24 * 60);
    expect(s.sentTo("c1")).toHaveLength(1);
    expect(s.whyOf("c1", "suppressed")[0].reason).toBe("unsubscribed from email marketing");
  });

  it("consent lost without an event is caught at send time", () => {
    const s = sim();
    abandon(s);
    s.customers.get("c1")!.marketingState = "UNSUBSCRIBED";
    s.advanceBy(5 * 24 * 60);
    expect(s.sent).toHaveLength(0);
    expect(s.whyOf("c1", "suppressed")[0].reason).toContain("no email-marketing consent (UNSUBSCRIBED)");
  });

  it("a suppressed address is never mailed", () => {
    const s = sim();
    s.customers.get("c1")!.suppressed = true;
    abandon(s);
    s.advanceBy(5 * 24 * 60);
    expect(s.sent).toHaveLength(0);
    expect(s.whyOf("c1", "suppressed")[0].reason).toBe("email is on the suppression list");
  });

  it("switching the flow off exits waiting runs", () => {
    const s = sim();
    abandon(s);
    delete s.flows.checkout_abandonment;
    s.advanceBy(5 * 24 * 60);
    expect(s.sent).toHaveLength(0);
    expect(s.whyOf("c1", "exited")[0].reason).toBe("flow switched off");
  });

  it("does not enroll without consent or email, and says why", () => {
    const s = sim();
    s.customers.get("c1")!.marketingState = "NOT_SUBSCRIBED";
    abandon(s, { acceptsMarketing: false });
    abandon(s, { token: "tok-2", email: null });
    expect(s.runs.size).toBe(0);
    expect(s.whyOf("c1", "not_enrolled").map((w) => w.reason)).toEqual([
      "no email-marketing consent",
      "checkout has no email address",
    ]);
  });

  it("new items restart the clock instead of doubling the run; the same items change nothing", () => {
    const s = sim({ frequencyCapCount: 5 });
    abandon(s);
    s.advanceBy(30);
    abandon(s, { updatedAt: s.now }); // same contents, later timestamp
    expect([...s.runs.values()].filter((r) => r.status === "active")).toHaveLength(1);
    s.advanceBy(15);
    abandon(s, { items: [tent, stove], updatedAt: s.now }); // 10:45
    const active = [...s.runs.values()].filter((r) => r.status === "active");
    expect(active).toHaveLength(1);
    expect(s.whyOf("c1", "exited")[0].reason).toContain("clock restarts");
    s.advanceBy(2 * 60);
    expect(s.sentTo("c1")).toEqual([
      { at: "2026-03-02T11:45:00.000Z", step: "checkout_abandonment.reminder" },
    ]);
    expect(s.sent[0].products).toEqual(["p-tent", "p-stove"]);
  });

  it("a newer checkout replaces the older run: never two active runs of one flow per customer", () => {
    const s = sim();
    abandon(s);
    abandon(s, { token: "tok-2" });
    const active = [...s.runs.values()].filter((r) => r.status === "active");
    expect(active.map((r) => r.context.checkoutToken)).toEqual(["tok-2"]);
  });

  it("quiet hours defer a reminder to 08:00 in the shop's time zone, not drop it", () => {
    // 20:30 in Toronto (EST, UTC-5) = 01:30Z; reminder due 21:30 local → quiet until 08:00 local = 13:00Z.
    const late = new Date("2026-03-03T01:30:00.000Z");
    const s = new FlowSim({
      start: late,
      flows: ["checkout_abandonment"],
      policy: { timeZone: "America/Toronto" },
      enabledAt: T0,
    });
    s.customer({ id: "c1", email: "ana@example.com", marketingState: "SUBSCRIBED" });
    s.event(
      {
        kind: "checkout_updated",
        checkout: checkout({ createdAt: late, updatedAt: late }),
        orderedSinceCheckout: false,
      },
      "c1",
    );
    s.advanceBy(20 * 60);
    expect(s.sentTo("c1")[0]).toEqual({
      at: "2026-03-03T13:00:00.000Z",
      step: "checkout_abandonment.reminder",
    });
    expect(s.whyOf("c1", "deferred")[0].reason).toContain("2026-03-03 08:00 (America/Toronto)");
  });

  it("holdout customers are enrolled and recorded at every step but never mailed", () => {
    const s = sim({ holdoutPercent: 100, frequencyCapCount: 5 });
    abandon(s);
    s.advanceBy(10 * 24 * 60);
    expect(s.sent).toHaveLength(0);
    expect(s.whyOf("c1", "holdout")).toHaveLength(4); // enrollment + three steps
  });

  it("skips a step whose items are all out of stock and leaves out the ones that are", () => {
    const s = sim({ frequencyCapCount: 5 });
    abandon(s, { items: [tent, stove] });
    s.stock["p-stove"] = false;
    s.advanceBy(2 * 60);
    expect(s.sent[0].products).toEqual(["p-tent"]);
    s.stock["p-tent"] = false;
    s.advanceBy(24 * 60);
    expect(s.sent).toHaveLength(1);
    expect(s.whyOf("c1", "skipped")[0].reason).toBe("every item is out of stock");
  });

  it("a step processed long after its time is skipped as expired", () => {
    const s = sim({ frequencyCapCount: 5 });
    abandon(s);
    s.due[0].dueAt = new Date(T0.getTime() + 3 * 86_400_000); // the worker was down for three days
    s.advanceBy(5 * 24 * 60);
    expect(s.whyOf("c1", "expired").map((w) => w.at.toISOString())).toEqual([
      "2026-03-05T10:00:00.000Z", // reminder: planned 11:00 on day one, meaningful for a day
      "2026-03-05T22:00:00.000Z", // nudge: moved 12 hours on, already past its day (not sent in quiet hours)
    ]);
    expect(s.sentTo("c1").map((m) => m.step)).toEqual(["checkout_abandonment.last_call"]);
  });
});

describe("cart and browse abandonment", () => {
  const at = new Date("2026-03-02T12:00:00.000Z");

  it("a cart add by an identified, consenting customer gets one reminder 4 hours later", () => {
    const s = sim();
    s.now = at;
    s.event(
      {
        kind: "storefront_activity",
        name: "product_added_to_cart",
        customerShopifyId: "c1",
        email: "ana@example.com",
        productShopifyId: "p-tent",
        recentViews: 0,
        at,
      },
      "c1",
    );
    s.advanceBy(24 * 60);
    expect(s.sentTo("c1")).toEqual([{ at: "2026-03-02T16:00:00.000Z", step: "cart_abandonment.reminder" }]);
  });

  it("starting a checkout exits the cart reminder; one run per customer per 7 days", () => {
    const s = sim();
    s.now = at;
    const add = () =>
      s.event(
        {
          kind: "storefront_activity",
          name: "product_added_to_cart",
          customerShopifyId: "c1",
          email: "ana@example.com",
          productShopifyId: "p-tent",
          recentViews: 0,
          at: s.now,
        },
        "c1",
      );
    add();
    s.event(
      {
        kind: "storefront_activity",
        name: "checkout_started",
        customerShopifyId: "c1",
        email: "ana@example.com",
        productShopifyId: null,
        recentViews: 0,
        at: s.now,
      },
      "c1",
    );
    s.advanceBy(2 * 24 * 60);
    add();
    s.advanceBy(24 * 60);
    expect(s.sent).toHaveLength(0);
    expect(s.whyOf("c1", "not_enrolled")[0].reason).toBe("already followed up in the last 7 days");
    s.advanceBy(6 * 24 * 60);
    add();
    s.advanceBy(24 * 60);
    expect(s.sentTo("c1")).toHaveLength(1);
  });

  it("browse abandonment needs a second view and an identified customer with consent", () => {
    const s = sim();
    s.now = at;
    const view = (recentViews: number) =>
      s.event(
        {
          kind: "storefront_activity",
          name: "product_viewed",
          customerShopifyId: "c1",
          email: "ana@example.com",
          productShopifyId: "p-tent",
          recentViews,
          at: s.now,
        },
        "c1",
      );
    view(1);
    expect(s.runs.size).toBe(0);
    view(2);
    s.advanceBy(24 * 60);
    expect(s.sentTo("c1")).toEqual([{ at: "2026-03-02T18:00:00.000Z", step: "browse_abandonment.reminder" }]);
  });
});
