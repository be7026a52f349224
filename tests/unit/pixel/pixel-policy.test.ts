import { describe, expect, it } from "vitest";
import { originAllowed } from "../../../app/pixel/cors";
import { pixelPayloadSchema } from "../../../app/pixel/payload";
import { parseEnv } from "../../../app/env.server";
import { clientAddress } from "../../../app/pixel/client-address";
import { acceptedEventTime } from "../../../app/pixel/time-window";
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

describe("client address behind proxies", () => {
  it("TRUST_PROXY is a hop count, 0 by default, and anything else refuses to boot", () => {
    expect(parseEnv({ TEND_MODE: "demo" }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TEND_MODE: "demo", TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    for (const bad of ["true", "-1", "1.5", "99"])
      expect(() => parseEnv({ TEND_MODE: "demo", TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
  });

  it("uses the socket peer unless proxies are trusted", () => {
    expect(clientAddress("10.0.0.2", "198.51.100.9", 0)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", null, 1)).toBe("10.0.0.2");
  });

  it("takes the n-th address from the right and ignores what the client wrote further left", () => {
    // A shopper forging "1.2.3.4" ahead of their real address, behind one load balancer.
    expect(clientAddress("10.0.0.2", "1.2.3.4, 198.51.100.9", 1)).toBe("198.51.100.9");
    // CDN + load balancer: two hops.
    expect(clientAddress("10.0.0.2", "1.2.3.4, 198.51.100.9, 172.16.0.5", 2)).toBe("198.51.100.9");
    // Fewer entries than hops: the leftmost one is the best there is.
    expect(clientAddress("10.0.0.2", "198.51.100.9", 3)).toBe("198.51.100.9");
    // A garbled entry never becomes a bucket of its own.
    expect(clientAddress("10.0.0.2", "not-an-ip, junk", 1)).toBe("10.0.0.2");
  });
});

describe("pixel event time window", () => {
  const now = new Date("2026-11-20T12:00:00.000Z");
  it("accepts the last 24 hours as given and clamps a slightly fast clock to now", () => {
    expect(acceptedEventTime("2026-11-20T11:59:00.000Z", now)?.toISOString()).toBe(
      "2026-11-20T11:59:00.000Z",
    );
    expect(acceptedEventTime("2026-11-19T12:00:01.000Z", now)).not.toBeNull();
    expect(acceptedEventTime("2026-11-20T12:04:00.000Z", now)?.toISOString()).toBe(now.toISOString());
  });

  it("refuses older than a day, more than five minutes ahead, and the 1971 / 2099 classics", () => {
    expect(acceptedEventTime("2026-11-19T11:59:59.000Z", now)).toBeNull();
    expect(acceptedEventTime("2026-11-20T12:05:01.000Z", now)).toBeNull();
    expect(acceptedEventTime("1971-01-01T00:00:00.000Z", now)).toBeNull();
    expect(acceptedEventTime("2099-01-01T00:00:00.000Z", now)).toBeNull();
  });
});
