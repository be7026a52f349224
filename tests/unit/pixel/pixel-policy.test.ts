import { describe, expect, it } from "vitest";
import { originAllowed } from "../../../app/pixel/cors";
import { pixelPayloadSchema } from "../../../app/pixel/payload";
import { createRateLimiter } from "../../../app/pixel/rate-limit";
import { pixelToken, pixelTokenValid } from "../../../app/pixel/token";

describe("pixel shop token", () => {
  it("is valid only for its own shop and secret", () => {
    const token = pixelToken("a.myshopify.com", "secret-1");
    expect(pixelTokenValid("a.myshopify.com", token, "secret-1")).toBe(true);
    expect(pixelTokenValid("A.myshopify.com", token, "secret-1")).toBe(true);
    expect(pixelTokenValid("b.myshopify.com", token, "secret-1")).toBe(false);
    expect(pixelTokenValid("a.myshopify.com", token, "secret-2")).toBe(false);
    expect(pixelTokenValid("a.myshopify.com", `${token}x`, "secret-1")).toBe(false);
  });
});

describe("pixel origin policy", () => {
  it("accepts storefront origins over https and no origin at all", () => {
    expect(originAllowed("https://a.myshopify.com", "a.myshopify.com")).toBe(true);
    expect(originAllowed("https://checkout.shopify.com", "a.myshopify.com")).toBe(true);
    expect(
      originAllowed("https://shop.example.com", "a.myshopify.com", { extraHosts: ["shop.example.com"] }),
    ).toBe(true);
    expect(originAllowed(null, "a.myshopify.com")).toBe(true);
  });

  it("refuses other sites, plain http, and loopback outside the demo", () => {
    expect(originAllowed("https://evil.example", "a.myshopify.com")).toBe(false);
    expect(originAllowed("https://a.myshopify.com.evil.example", "a.myshopify.com")).toBe(false);
    expect(originAllowed("http://a.myshopify.com", "a.myshopify.com")).toBe(false);
    expect(originAllowed("http://127.0.0.1:3000", "a.myshopify.com")).toBe(false);
    expect(originAllowed("http://127.0.0.1:3000", "a.myshopify.com", { allowLoopbackHttp: true })).toBe(true);
    expect(originAllowed("null", "a.myshopify.com")).toBe(false);
  });
});

describe("pixel payload", () => {
  it("normalises Shopify gids to numeric ids", () => {
    const parsed = pixelPayloadSchema.parse({
      shop: "a.myshopify.com",
      token: "tp1.abcdefghijk",
      event: {
        id: "e1",
        name: "product_viewed",
        timestamp: "2026-11-20T10:00:00Z",
        customerId: "gid://shopify/Customer/42",
        productId: 7,
      },
    });
    expect(parsed.event).toMatchObject({ customerId: "42", productId: "7", variantId: null });
  });
});

describe("rate limiter", () => {
  it("allows a burst, then the refill rate, per key", () => {
    let t = 0;
    const limiter = createRateLimiter({ capacity: 2, refillPerSecond: 1 }, () => t);
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a"), limiter.take("b")]).toEqual([
      true,
      true,
      false,
      true,
    ]);
    t += 1_000;
    expect([limiter.take("a"), limiter.take("a")]).toEqual([true, false]);
  });

  it("forgets the least recently used keys beyond its size", () => {
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 0 }, () => 0, 2);
    expect(limiter.take("a")).toBe(true);
    limiter.take("b");
    limiter.take("c"); // evicts "a"
    expect(limiter.take("a")).toBe(true);
  });
});
