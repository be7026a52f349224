// Pixel limits hold where abuse happens: across web processes (the counters live in the database),
// per shopper behind a load balancer (TRUST_PROXY reads X-Forwarded-For, a forged entry gains
// nothing), and for floods of invalid tokens.
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { now } from "../../app/clock.server";
import { createDb, type Db } from "../../app/db/client.server";
import { databaseUrl } from "../../app/db/url";
import { getDb } from "../../app/db.server";
import { publish } from "../../app/domain/bus.server";
import { resetEnvForTests } from "../../app/env.server";
import { createCollector, DEFAULT_PIXEL_LIMITS } from "../../app/pixel/collector.server";
import { createSharedLimiter } from "../../app/pixel/limits.server";
import { pixelToken } from "../../app/pixel/token";
import { pixelSigningSecret } from "../../app/pixel/wiring.server";
import { action as pixelRoute } from "../../app/routes/api.pixel";
import { uniqueShop } from "../support/database";

const shop = uniqueShop("limit");
let seq = 0;
let second: Db;
const previousTrustProxy = process.env.TRUST_PROXY;

function payload(overrides: Record<string, unknown> = {}, token = pixelToken(shop, pixelSigningSecret())) {
  seq++;
  return JSON.stringify({
    shop,
    token,
    event: {
      id: `lim-${seq}-${Math.random().toString(36).slice(2)}`,
      name: "product_viewed",
      timestamp: now().toISOString(),
      customerId: null,
      productId: "gid://shopify/Product/800",
      variantId: null,
      checkoutToken: null,
      clientId: `browser-${seq}`,
      ...overrides,
    },
  });
}

const request = (body: string, headers: Record<string, string> = {}) =>
  new Request("https://tend.test/api/pixel", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body,
  });

/** Through the real route, from the load balancer's socket, with this X-Forwarded-For. */
const viaBalancer = (body: string, forwardedFor: string) =>
  pixelRoute({
    request: request(body, { "X-Forwarded-For": forwardedFor }),
    params: {},
    context: { remoteAddress: "10.0.0.2" },
  } as ActionFunctionArgs);

const counters = (prefix: string) =>
  getDb().rateCounter.findMany({
    where: { key: { startsWith: prefix } },
    select: { key: true, count: true },
  });

beforeAll(async () => {
  process.env.TRUST_PROXY = "1";
  resetEnvForTests();
  await getDb().shop.create({ data: { shop } });
  second = createDb(databaseUrl()); // a second web process's own connection
});

afterAll(async () => {
  if (previousTrustProxy === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = previousTrustProxy;
  resetEnvForTests();
  await second.$disconnect();
});

describe("pixel limits", () => {
  it("one browser's limit holds across two web processes sharing the database", async () => {
    const make = (db: Db) =>
      createCollector({
        db,
        secret: pixelSigningSecret(),
        publish,
        limiter: createSharedLimiter(db, { now: () => fixed }),
        limits: { ...DEFAULT_PIXEL_LIMITS, perClient: 10 },
        now: () => fixed,
      });
    const fixed = new Date(Math.floor(now().getTime() / 60_000) * 60_000 + 1_000);
    const processes = [make(getDb()), make(second)];
    // Both processes at once, as a load balancer would spread one browser's burst.
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        processes[i % 2]
          .handle(request(payload({ clientId: "one-browser" })), `198.51.100.${i}`)
          .then((r) => r.status),
      ),
    );
    // Each process alone would have allowed 10; together they allow 10 in all.
    expect(statuses.filter((s) => s === 202)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    const [row] = await counters(`client|${shop}|one-browser`);
    expect(row.count).toBeGreaterThanOrEqual(11);
  });

  it("shoppers behind the load balancer get their own buckets; a forged X-Forwarded-For entry does not", async () => {
    const limit = DEFAULT_PIXEL_LIMITS.perAddress;
    const statuses: number[] = [];
    // One shopper rotating fake left-hand entries: every request still counts against 203.0.113.177.
    for (let i = 0; i < limit + 5; i++)
      statuses.push((await viaBalancer(payload(), `1.2.3.${i % 250}, 203.0.113.177`)).status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(limit);
    expect(statuses.slice(limit).every((s) => s === 429)).toBe(true);
    // Another shopper through the same balancer (same socket address) is not affected.
    expect((await viaBalancer(payload(), "203.0.113.178")).status).toBe(202);
    const keys = (await counters(`ip|${shop}|203.0.113.`)).map((c) => c.key).sort();
    expect(keys).toEqual([`ip|${shop}|203.0.113.177`, `ip|${shop}|203.0.113.178`]);
  });

  it("a flood of invalid tokens is limited per address and stores nothing", async () => {
    const before = await getDb().pixelEvent.count({ where: { shop } });
    const statuses: number[] = [];
    for (let i = 0; i < DEFAULT_PIXEL_LIMITS.badTokenPerAddress + 10; i++)
      statuses.push(
        (await viaBalancer(payload({}, `tp1.forged-${i}-aaaaaaaaaaaaaaaaaaaa`), "192.0.2.99")).status,
      );
    expect(statuses.slice(0, DEFAULT_PIXEL_LIMITS.badTokenPerAddress).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(DEFAULT_PIXEL_LIMITS.badTokenPerAddress).every((s) => s === 429)).toBe(true);
    expect(await getDb().pixelEvent.count({ where: { shop } })).toBe(before);
    // Refusals after the first are answered from memory: the counter stopped at limit + 1.
    const [row] = await counters("bad|192.0.2.99");
    expect(row.count).toBe(DEFAULT_PIXEL_LIMITS.badTokenPerAddress + 1);
    // A valid shopper elsewhere is still heard.
    expect((await viaBalancer(payload(), "192.0.2.100")).status).toBe(202);
  });
});
