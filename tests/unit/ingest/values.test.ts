import { describe, expect, it } from "vitest";
import { checkoutTokenFromUrl } from "../../../app/shopify/graphql-map";
import { parseExactJson } from "../../../app/ingest/json";
import { checkoutCompletion, isNewer, mergeCustomer } from "../../../app/store/merge";
import {
  monthDay,
  preferGid,
  productContentHash,
  shopifyId,
  stripHtml,
  toMinor,
} from "../../../app/store/values";

describe("store values", () => {
  it("keeps ids as exact text, preferring the gid", () => {
    expect(shopifyId("gid://shopify/Customer/706405506930370084")).toBe("706405506930370084");
    expect(shopifyId("gid://shopify/Checkout/abc?key=1")).toBe("abc");
    expect(preferGid("gid://shopify/Order/820982911946154508", 820982911946154500)).toBe(
      "820982911946154508",
    );
    expect(preferGid(null, 42)).toBe("42");
    expect(shopifyId(null)).toBeNull();
  });

  it("parses JSON keeping integers beyond 2^53 exact", () => {
    const parsed = parseExactJson('{"id": 820982911946154508, "n": 3, "price": 1.5}') as Record<
      string,
      unknown
    >;
    expect(parsed).toEqual({ id: "820982911946154508", n: 3, price: 1.5 });
  });

  it("converts money to minor units without float drift", () => {
    expect(toMinor("19.99")).toBe(1999);
    expect(toMinor("0.1")).toBe(10);
    expect(toMinor("404.95")).toBe(40495);
    expect(toMinor(19.99)).toBe(1999);
    expect(toMinor("-5.00")).toBe(-500);
    expect(toMinor("1.005")).toBe(101);
    expect(toMinor(null)).toBe(0);
    expect(() => toMinor("abc")).toThrow();
  });

  it("strips HTML to plain text", () => {
    expect(stripHtml("<p>A <strong>2-person</strong> tent &amp; fly.</p><script>x()</script>")).toBe(
      "A 2-person tent & fly.",
    );
    expect(stripHtml("<ul><li>One</li><li>Two&#39;s</li></ul>")).toBe("One\nTwo's");
  });

  it("hashes what copy depends on, not the variant order", () => {
    const a = productContentHash("Tent", "Dry", [
      { id: "1", title: "S", priceMinor: 100 },
      { id: "2", title: "M", priceMinor: 200 },
    ]);
    const b = productContentHash("Tent", "Dry", [
      { id: "2", title: "M", priceMinor: 200 },
      { id: "1", title: "S", priceMinor: 100 },
    ]);
    expect(a).toBe(b);
    expect(productContentHash("Tent", "Dry", [{ id: "1", title: "S", priceMinor: 101 }])).not.toBe(a);
  });

  it("formats the anniversary month-day in the shop's zone (UTC by default)", () => {
    expect(monthDay(new Date("2025-02-03T23:30:00Z"))).toBe("02-03");
    // An evening order in Los Angeles is still that day's anniversary there; Tokyo is a day ahead.
    expect(monthDay(new Date("2025-12-03T04:00:00Z"), "America/Los_Angeles")).toBe("12-02");
    expect(monthDay(new Date("2025-12-02T16:00:00Z"), "Asia/Tokyo")).toBe("12-03");
    expect(monthDay(new Date("2024-03-01T07:30:00Z"), "America/Los_Angeles")).toBe("02-29");
  });

  it("finds the checkout token in an abandoned checkout URL", () => {
    expect(checkoutTokenFromUrl("https://shop.example/548380009/checkouts/123123123/recover?key=x")).toBe(
      "123123123",
    );
    expect(checkoutTokenFromUrl("https://shop.example/cart")).toBeNull();
  });
});

describe("merge rules", () => {
  const stored = {
    email: "a@x.com",
    firstName: "A",
    lastName: null,
    locale: null,
    countryCode: null,
    timeZone: null,
    tags: "",
    marketingState: "SUBSCRIBED",
    marketingUpdatedAt: new Date("2026-01-02T00:00:00Z"),
    sourceUpdatedAt: new Date("2026-01-02T00:00:00Z"),
    redactedAt: null,
  };
  const input = {
    shopifyId: "1",
    email: "b@x.com",
    firstName: "B",
    lastName: null,
    locale: null,
    tags: "",
    countryCode: null,
    timeZone: null,
    consent: { state: "UNSUBSCRIBED", optInLevel: null, updatedAt: new Date("2026-01-01T00:00:00Z") },
    updatedAt: new Date("2026-01-01T00:00:00Z"),
  };

  it("ignores an older payload entirely", () => {
    expect(mergeCustomer(stored, input)).toBeNull();
  });

  it("applies a newer profile and reports a consent change", () => {
    const at = new Date("2026-01-03T00:00:00Z");
    const merged = mergeCustomer(stored, {
      ...input,
      updatedAt: at,
      consent: { ...input.consent, updatedAt: at },
    });
    expect(merged?.data).toMatchObject({
      email: "b@x.com",
      emailLower: "b@x.com",
      marketingState: "UNSUBSCRIBED",
    });
    expect(merged?.consentChangedFrom).toBe("SUBSCRIBED");
  });

  it("lets a stub only fill gaps, and never touches a redacted customer", () => {
    const stub = { ...input, updatedAt: null, consent: null, lastName: "Z" };
    expect(mergeCustomer({ ...stored, sourceUpdatedAt: null }, stub)?.data).toEqual({ lastName: "Z" });
    expect(mergeCustomer(stored, stub)).toBeNull();
    expect(
      mergeCustomer({ ...stored, redactedAt: new Date() }, { ...input, updatedAt: new Date("2027-01-01") }),
    ).toBeNull();
  });

  it("strict mode does not re-apply an equal timestamp", () => {
    const t = new Date("2026-01-02T00:00:00Z");
    expect(isNewer(t, t)).toBe(true);
    expect(isNewer(t, t, true)).toBe(false);
    expect(isNewer(null, t)).toBe(false);
  });

  it("a checkout completed by an order stays converted", () => {
    const order = { shopifyId: "9", processedAt: new Date("2026-01-05T00:00:00Z") };
    expect(checkoutCompletion(null, order, null)).toEqual({
      completedAt: order.processedAt,
      convertedOrderId: "9",
    });
    expect(checkoutCompletion(null, null, "9")).toEqual({ completedAt: null, convertedOrderId: "9" });
  });
});
