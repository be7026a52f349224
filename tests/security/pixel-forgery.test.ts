// The storefront token is public: anyone can post pixel events for a shop. These attacks go through
// the real /api/pixel route and must not make Tend email anyone or store anything about anyone.
import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { now } from "../../app/clock.server";
import { getDb } from "../../app/db.server";
import "../../app/domain/subscribers.server";
import { setFlowEnabled } from "../../app/flows/settings.server";
import { pixelToken } from "../../app/pixel/token";
import { pixelSigningSecret } from "../../app/pixel/wiring.server";
import { action as pixelRoute } from "../../app/routes/api.pixel";
import { uniqueShop } from "../support/database";

const shop = uniqueShop("forge");
const VICTIM = "7001"; // a real, subscribed customer of the shop
let seq = 0;

function event(overrides: Record<string, unknown>) {
  seq++;
  return {
    id: `forged-${seq}-${Math.random().toString(36).slice(2)}`,
    name: "product_added_to_cart",
    timestamp: now().toISOString(),
    customerId: `gid://shopify/Customer/${VICTIM}`,
    productId: "gid://shopify/Product/800",
    variantId: "gid://shopify/ProductVariant/801",
    checkoutToken: null,
    clientId: `attacker-${seq}`,
    quantity: 1,
    ...overrides,
  };
}

async function post(ev: Record<string, unknown>, ip = `203.0.113.${(seq % 200) + 1}`) {
  const request = new Request("https://tend.test/api/pixel", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ shop, token: pixelToken(shop, pixelSigningSecret()), event: ev }),
  });
  return pixelRoute({ request, params: {}, context: { remoteAddress: ip } } as ActionFunctionArgs);
}

const rows = async () => ({
  events: await getDb().pixelEvent.count({ where: { shop } }),
  runs: await getDb().flowRun.count({ where: { shop } }),
  clients: await getDb().pixelClient.count({ where: { shop, customerShopifyId: { not: null } } }),
});

beforeAll(async () => {
  const db = getDb();
  await db.shop.create({ data: { shop, name: "Forge Test", currency: "USD", timeZone: "UTC" } });
  await db.customer.create({
    data: {
      shop,
      shopifyId: VICTIM,
      email: "victim@example.com",
      emailLower: "victim@example.com",
      marketingState: "SUBSCRIBED",
    },
  });
  // The victim's real browser, tied to her by her signed checkout.
  await db.checkout.create({ data: { shop, token: "victim-checkout", customerShopifyId: VICTIM } });
  await db.pixelClient.create({
    data: {
      shop,
      clientId: "victim-browser",
      checkoutToken: "victim-checkout",
      customerShopifyId: VICTIM,
      boundAt: now(),
    },
  });
  for (const flow of ["cart_abandonment", "browse_abandonment"] as const)
    await setFlowEnabled(db, shop, flow, true, new Date(now().getTime() - 3_600_000));
});

describe("forged pixel events", () => {
  it("a claimed customer id without a signed tie to the browser is dropped: no row, no run", async () => {
    const before = await rows();
    for (const name of ["product_added_to_cart", "product_viewed", "product_viewed"]) {
      const res = await post(event({ name, clientId: "attacker-browser" }));
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ outcome: "anonymous" });
    }
    expect(await rows()).toEqual(before);
  });

  it("a forged claim from a browser tied to someone else is dropped too (shared computer, forgery)", async () => {
    await getDb().customer.create({
      data: {
        shop,
        shopifyId: "7002",
        email: "other@example.com",
        emailLower: "other@example.com",
        marketingState: "SUBSCRIBED",
      },
    });
    const before = await rows();
    const res = await post(event({ clientId: "victim-browser", customerId: "gid://shopify/Customer/7002" }));
    expect(await res.json()).toEqual({ outcome: "anonymous" });
    expect(await rows()).toEqual(before);
  });

  it("a made-up checkout token ties nothing", async () => {
    const before = await rows();
    const res = await post(
      event({ name: "checkout_started", checkoutToken: "guessed-token-123", clientId: "attacker-x" }),
    );
    expect(await res.json()).toEqual({ outcome: "anonymous" });
    expect(await rows()).toEqual(before);
    const pending = await getDb().pixelClient.findUniqueOrThrow({
      where: { shop_clientId: { shop, clientId: "attacker-x" } },
    });
    expect(pending.customerShopifyId).toBeNull();
  });

  it("timestamps of 1971, 2099, a day old or ten minutes ahead are refused with 422 and store nothing", async () => {
    const before = await rows();
    const t = now().getTime();
    for (const timestamp of [
      "1971-01-01T00:00:00.000Z",
      "2099-12-31T23:59:59.000Z",
      new Date(t - 25 * 3_600_000).toISOString(),
      new Date(t + 10 * 60_000).toISOString(),
    ]) {
      const res = await post(event({ clientId: "victim-browser", customerId: null, timestamp }));
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({ outcome: "bad_time" });
    }
    expect(await rows()).toEqual(before);
  });

  it("the tied browser itself is heard, with the time it reported (control: the checks can pass)", async () => {
    const at = new Date(now().getTime() - 60_000);
    const res = await post(
      event({ clientId: "victim-browser", customerId: null, timestamp: at.toISOString() }),
    );
    expect(await res.json()).toEqual({ outcome: "stored" });
    const row = await getDb().pixelEvent.findFirstOrThrow({ where: { shop, clientId: "victim-browser" } });
    expect(row).toMatchObject({ customerShopifyId: VICTIM, occurredAt: at });
    expect(
      await getDb().flowRun.count({
        where: { shop, flowKey: "cart_abandonment", customerShopifyId: VICTIM },
      }),
    ).toBe(1);
  });
});
