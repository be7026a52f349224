// The pixel collector refuses malformed, oversized, replayed, cross-shop, forged and flooding
// events and stores nothing for them; a valid event of a browser tied to a customer (by a signed
// checkout carrying the checkout token it reported) is stored and published on the domain bus.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { publish, subscribe } from "../../../app/domain/bus.server";
import type { DomainEvent } from "../../../app/domain/events";
import { createCollector } from "../../../app/pixel/collector.server";
import { createSharedLimiter } from "../../../app/pixel/limits.server";
import { pixelToken } from "../../../app/pixel/token";
import { uniqueShop } from "../../support/database";

const SECRET = "pixel-test-secret-0123456789";
const shopA = uniqueShop("pixa");
const shopB = uniqueShop("pixb");
const published: DomainEvent[] = [];
subscribe("test.pixel-collector", "pixel_event", async (_db, event) => {
  if (event.shop === shopA || event.shop === shopB) published.push(event);
});

let clockMs = Date.parse("2026-11-20T10:30:00.000Z");
let collector: ReturnType<typeof createCollector>;

let seq = 0;
function body(shop: string, overrides: Record<string, unknown> = {}, token = pixelToken(shop, SECRET)) {
  seq++;
  return {
    shop,
    token,
    event: {
      id: `evt-${shop}-${seq}`,
      name: "product_viewed",
      timestamp: "2026-11-20T10:00:00.000Z",
      customerId: "gid://shopify/Customer/111",
      productId: "gid://shopify/Product/900",
      variantId: "gid://shopify/ProductVariant/901",
      checkoutToken: null,
      clientId: "client-111",
      ...overrides,
    },
  };
}

function post(payload: unknown, init: { origin?: string; ip?: string; raw?: string } = {}) {
  const raw = init.raw ?? JSON.stringify(payload);
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (init.origin !== undefined) headers.Origin = init.origin;
  return collector.handle(
    new Request("https://tend.test/api/pixel", { method: "POST", headers, body: raw }),
    init.ip ?? `203.0.113.${seq % 250}`,
  );
}

const stored = (shop: string) => getDb().pixelEvent.count({ where: { shop } });

beforeAll(async () => {
  const db = getDb(); // the worker's test database exists from here on
  collector = createCollector({
    db,
    secret: SECRET,
    publish,
    limiter: createSharedLimiter(db, { now: () => new Date(clockMs) }),
    limits: {
      badTokenPerAddress: 1_000,
      perAddress: 5,
      perClient: 1_000,
      perCustomer: 1_000,
      perShop: 1_000,
    },
    now: () => new Date(clockMs),
  });
  for (const shop of [shopA, shopB]) {
    await db.shop.create({ data: { shop } });
    await db.customer.create({
      data: { shop, shopifyId: "111", email: "ada@example.com", emailLower: "ada@example.com" },
    });
  }
  // The browser "client-111" reports each shop's checkout, which a signed webhook tied to customer 111.
  for (const shop of [shopA, shopB]) {
    await db.checkout.create({ data: { shop, token: `tok-${shop.slice(0, 12)}`, customerShopifyId: "111" } });
    const tie = await post(
      body(shop, { name: "checkout_started", customerId: null, checkoutToken: `tok-${shop.slice(0, 12)}` }),
    );
    expect(await tie.json()).toEqual({ outcome: "stored" });
  }
});

describe("pixel collector", () => {
  it("stores and publishes a valid event from an identified customer", async () => {
    const res = await post(body(shopA), { origin: `https://${shopA}` });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ outcome: "stored" });
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(`https://${shopA}`);
    const row = await getDb().pixelEvent.findFirst({ where: { shop: shopA, name: "product_viewed" } });
    expect(row).toMatchObject({
      name: "product_viewed",
      customerShopifyId: "111",
      productShopifyId: "900",
      variantShopifyId: "901",
    });
    expect(published).toContainEqual(
      expect.objectContaining({
        type: "pixel_event",
        shop: shopA,
        customerShopifyId: "111",
        productShopifyId: "900",
      }),
    );
  });

  it("identifies a guest through the checkout token joined to our checkouts", async () => {
    const token = `tok-${shopA.slice(0, 12)}`;
    const res = await post(
      body(shopA, { name: "checkout_started", customerId: null, clientId: "client-x", checkoutToken: token }),
    );
    expect(await res.json()).toEqual({ outcome: "stored" });
    expect(
      await getDb().pixelEvent.count({
        where: { shop: shopA, checkoutToken: token, clientId: "client-x", customerShopifyId: "111" },
      }),
    ).toBe(1);
  });

  it("keeps nothing for an anonymous visitor", async () => {
    const before = await stored(shopA);
    const res = await post(
      body(shopA, { customerId: "gid://shopify/Customer/999999", checkoutToken: "unknown-token" }),
    );
    expect(await res.json()).toEqual({ outcome: "anonymous" });
    expect(await stored(shopA)).toBe(before);
  });

  it("refuses malformed events and stores nothing", async () => {
    const before = await stored(shopA);
    const cases = [
      post(null, { raw: "{not json" }),
      post(body(shopA, { name: "page_viewed" })),
      post(body(shopA, { timestamp: "yesterday" })),
      post({ ...body(shopA), extra: "field" }),
      post(body("evil.example.com")),
      post(body(shopA, { checkoutToken: "<script>" })),
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ outcome: "malformed" });
    }
    expect(await stored(shopA)).toBe(before);
  });

  it("refuses an oversized body, declared or streamed, and stores nothing", async () => {
    const before = await stored(shopA);
    const big = JSON.stringify(body(shopA, { id: "x".repeat(10_000) }));
    const declared = await post(null, { raw: big });
    expect(declared.status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await collector.handle(
      new Request("https://tend.test/api/pixel", {
        method: "POST",
        body: stream,
        duplex: "half",
      } as RequestInit),
      "203.0.113.8",
    );
    expect(streamed.status).toBe(413);
    expect(await stored(shopA)).toBe(before);
  });

  it("refuses a replayed event id and stores it once", async () => {
    const payload = body(shopA, { id: "evt-replay-1" });
    expect((await post(payload, { ip: "198.51.100.1" })).status).toBe(202);
    const again = await post(payload, { ip: "198.51.100.1" });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ outcome: "replayed" });
    expect(await getDb().pixelEvent.count({ where: { shop: shopA, eventId: "evt-replay-1" } })).toBe(1);
    expect(published.filter((e) => e.type === "pixel_event" && e.shop === shopA).length).toBe(
      await stored(shopA),
    );
  });

  it("refuses another shop's token (cross-shop) and a forged token, storing nothing", async () => {
    const beforeA = await stored(shopA);
    const beforeB = await stored(shopB);
    const crossShop = await post(body(shopA, {}, pixelToken(shopB, SECRET)));
    expect(crossShop.status).toBe(401);
    const forged = await post(body(shopA, {}, pixelToken(shopA, "some-other-secret-value")));
    expect(forged.status).toBe(401);
    expect([await stored(shopA), await stored(shopB)]).toEqual([beforeA, beforeB]);
  });

  it("refuses browser origins that are not storefronts and answers preflights for storefronts only", async () => {
    const before = await stored(shopA);
    const res = await post(body(shopA), { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect((await post(body(shopA), { origin: `http://${shopA}` })).status).toBe(403);
    expect(await stored(shopA)).toBe(before);
    const preflight = (origin: string) =>
      collector.handle(
        new Request("https://tend.test/api/pixel", {
          method: "OPTIONS",
          headers: { Origin: origin, "Access-Control-Request-Method": "POST" },
        }),
        "203.0.113.7",
      );
    const ok = await preflight(`https://${shopA}`);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("Access-Control-Allow-Methods")).toContain("POST");
    expect((await preflight("https://evil.example")).status).toBe(403);
    expect((await collector.handle(new Request("https://tend.test/api/pixel"), "203.0.113.7")).status).toBe(
      405,
    );
  });

  it("rate-limits one visitor address of a shop, then lets them through in the next window", async () => {
    const ip = "192.0.2.50";
    const before = await stored(shopB);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await post(body(shopB), { ip })).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429]);
    expect(await stored(shopB)).toBe(before + 5);
    expect((await post(body(shopB), { ip: "192.0.2.51" })).status).toBe(202); // another visitor is unaffected
    clockMs += 60_000; // the next one-minute window
    expect((await post(body(shopB), { ip })).status).toBe(202);
  });

  it("refuses events for a shop that is not installed", async () => {
    const ghost = uniqueShop("ghost");
    const res = await post(body(ghost));
    expect(res.status).toBe(401);
    expect(await stored(ghost)).toBe(0);
  });
});
