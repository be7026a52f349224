import { describe, expect, it } from "vitest";
import {
  attributeOrder,
  type MessageClick,
  type OrderFacts,
  type SentMessage,
} from "../../../app/insights/attribution";

const T = (iso: string) => new Date(iso);
const ORDER_AT = "2026-03-10T12:00:00.000Z";

function order(over: Partial<OrderFacts> = {}): OrderFacts {
  return {
    shopifyId: "o1",
    customerShopifyId: "c1",
    email: "Ann@Example.com",
    processedAt: T(ORDER_AT),
    totalMinor: 10_000,
    refundedMinor: 0,
    currency: "USD",
    cancelledAt: null,
    discountCodes: [],
    ...over,
  };
}

function message(id: string, over: Partial<SentMessage> = {}): SentMessage {
  return {
    id,
    flowKey: "checkout_abandonment",
    stepIndex: 0,
    variant: 0,
    customerShopifyId: "c1",
    email: "ann@example.com",
    discountCode: null,
    sentAt: T("2026-03-08T09:00:00.000Z"),
    ...over,
  };
}

const click = (messageId: string, at: string): MessageClick => ({ messageId, at: T(at) });

describe("attributeOrder", () => {
  it("credits a click within the window", () => {
    const d = attributeOrder(order(), [message("m1")], [click("m1", "2026-03-09T10:00:00.000Z")], 5);
    expect(d).toMatchObject({
      messageId: "m1",
      via: "click",
      revenueMinor: 10_000,
      flowKey: "checkout_abandonment",
    });
  });

  it("gives nothing without a click or code (being sent an email is not a touch)", () => {
    expect(attributeOrder(order(), [message("m1")], [], 5)).toBeNull();
  });

  it("counts a click exactly at the window start and ignores one a millisecond earlier", () => {
    const edge = "2026-03-05T12:00:00.000Z"; // exactly 5 days before
    const tooEarly = "2026-03-05T11:59:59.999Z";
    const m = message("m1", { sentAt: T("2026-03-01T00:00:00.000Z") });
    expect(attributeOrder(order(), [m], [click("m1", edge)], 5)?.messageId).toBe("m1");
    expect(attributeOrder(order(), [m], [click("m1", tooEarly)], 5)).toBeNull();
  });

  it("counts a click at the order instant but never one after the order", () => {
    const m = message("m1");
    expect(attributeOrder(order(), [m], [click("m1", ORDER_AT)], 5)?.via).toBe("click");
    expect(attributeOrder(order(), [m], [click("m1", "2026-03-10T12:00:00.001Z")], 5)).toBeNull();
  });

  it("respects a configured window", () => {
    const m = message("m1", { sentAt: T("2026-03-01T00:00:00.000Z") });
    const clicks = [click("m1", "2026-03-07T00:00:00.000Z")]; // 3.5 days before
    expect(attributeOrder(order(), [m], clicks, 3)).toBeNull();
    expect(attributeOrder(order(), [m], clicks, 4)?.messageId).toBe("m1");
  });

  it("two messages clicked: the last click wins", () => {
    const m1 = message("m1", { sentAt: T("2026-03-07T00:00:00.000Z") });
    const m2 = message("m2", { stepIndex: 1, sentAt: T("2026-03-08T00:00:00.000Z") });
    const clicks = [click("m2", "2026-03-08T01:00:00.000Z"), click("m1", "2026-03-09T01:00:00.000Z")];
    const d = attributeOrder(order(), [m1, m2], clicks, 5);
    expect(d?.messageId).toBe("m1");
    expect(d?.stepIndex).toBe(0);
  });

  it("click then code: the code used at checkout wins over an earlier click on another email", () => {
    const m1 = message("m1", { stepIndex: 0, sentAt: T("2026-03-07T00:00:00.000Z") });
    const m3 = message("m3", {
      stepIndex: 2,
      discountCode: "TEND-AB12",
      sentAt: T("2026-03-09T00:00:00.000Z"),
    });
    const d = attributeOrder(
      order({ discountCodes: ["tend-ab12"] }),
      [m1, m3],
      [click("m1", "2026-03-10T11:00:00.000Z")],
      5,
    );
    expect(d).toMatchObject({ messageId: "m3", via: "code", stepIndex: 2 });
  });

  it("credits a code even outside the click window (the code is unique to that email)", () => {
    const m = message("m1", { discountCode: "WELCOME-XY", sentAt: T("2026-02-01T00:00:00.000Z") });
    expect(attributeOrder(order({ discountCodes: ["WELCOME-XY"] }), [m], [], 5)?.via).toBe("code");
  });

  it("ignores a code on a message sent after the order", () => {
    const m = message("m1", { discountCode: "LATE", sentAt: T("2026-03-11T00:00:00.000Z") });
    expect(attributeOrder(order({ discountCodes: ["LATE"] }), [m], [], 5)).toBeNull();
  });

  it("ignores clicks on another customer's message", () => {
    const other = message("m9", { customerShopifyId: "c2", email: "bob@example.com" });
    expect(attributeOrder(order(), [other], [click("m9", "2026-03-09T00:00:00.000Z")], 5)).toBeNull();
  });

  it("matches a guest order to a message by email, case-insensitively", () => {
    const m = message("m1", { customerShopifyId: null, email: "ANN@example.COM" });
    const d = attributeOrder(
      order({ customerShopifyId: null }),
      [m],
      [click("m1", "2026-03-09T00:00:00.000Z")],
      5,
    );
    expect(d?.messageId).toBe("m1");
  });

  it("redacted customer (no email): still attributed by customer id or by code", () => {
    const byId = message("m1", { email: null });
    const redactedOrder = order({ email: null });
    expect(attributeOrder(redactedOrder, [byId], [click("m1", "2026-03-09T00:00:00.000Z")], 5)?.via).toBe(
      "click",
    );

    const anonymous = message("m2", { email: null, customerShopifyId: null, discountCode: "ANON-1" });
    const anonOrder = order({ email: null, customerShopifyId: null, discountCodes: ["ANON-1"] });
    expect(attributeOrder(anonOrder, [anonymous], [], 5)).toMatchObject({ messageId: "m2", via: "code" });
    // ... but a click alone cannot be tied to a customer nobody can identify any more.
    expect(
      attributeOrder(
        anonOrder,
        [message("m3", { email: null, customerShopifyId: null })],
        [click("m3", "2026-03-09T00:00:00.000Z")],
        5,
      ),
    ).toBeNull();
  });

  it("partial refund reduces the credited revenue", () => {
    const d = attributeOrder(
      order({ refundedMinor: 2_500 }),
      [message("m1")],
      [click("m1", "2026-03-09T00:00:00.000Z")],
      5,
    );
    expect(d?.revenueMinor).toBe(7_500);
  });

  it("fully refunded or cancelled orders earn nothing", () => {
    const clicks = [click("m1", "2026-03-09T00:00:00.000Z")];
    expect(attributeOrder(order({ refundedMinor: 10_000 }), [message("m1")], clicks, 5)).toBeNull();
    expect(attributeOrder(order({ refundedMinor: 12_000 }), [message("m1")], clicks, 5)).toBeNull();
    expect(attributeOrder(order({ cancelledAt: T(ORDER_AT) }), [message("m1")], clicks, 5)).toBeNull();
  });

  it("carries the subject variant of the credited message", () => {
    const d = attributeOrder(
      order(),
      [message("m1", { variant: 1 })],
      [click("m1", "2026-03-09T00:00:00.000Z")],
      5,
    );
    expect(d?.variant).toBe(1);
  });
});
