import { describe, expect, it } from "vitest";
import { isShopDomain, verifyShopifyWebhook, type WebhookPolicy } from "../../../app/ingest/verify.server";
import { TEST_API_SECRET } from "../../support/env";
import { signedWebhookRequest, tamperSignature } from "../../support/webhooks";

const shop = "verify-test.myshopify.com";
const at = new Date("2026-01-01T06:00:00Z");
const policy: WebhookPolicy = { secret: TEST_API_SECRET, now: () => at };

async function status(p: Promise<unknown>): Promise<number> {
  return p.then(
    () => 200,
    (r: Response) => r.status,
  );
}

describe("verifyShopifyWebhook", () => {
  it("accepts a signed delivery and returns the exact raw body and headers", async () => {
    const raw = '{"id": 820982911946154508}';
    const hook = await verifyShopifyWebhook(
      signedWebhookRequest({
        topic: "orders/create",
        shop,
        body: raw,
        webhookId: "w1",
        triggeredAt: "2026-01-01T00:00:00Z",
      }),
      policy,
    );
    expect(hook).toMatchObject({ shop, topic: "orders/create", webhookId: "w1", rawBody: raw });
    expect(hook.triggeredAt?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("refuses a forged signature (401), missing headers (400) and other methods (405)", async () => {
    const raw = '{"a":1}';
    const good = signedWebhookRequest({ topic: "orders/create", shop, body: raw });
    expect(await status(verifyShopifyWebhook(tamperSignature(good, raw), policy))).toBe(401);
    const other = signedWebhookRequest({ topic: "orders/create", shop, body: raw, secret: "another-secret" });
    expect(await status(verifyShopifyWebhook(other, policy))).toBe(401);
    const headers = new Headers(good.headers);
    headers.delete("X-Shopify-Webhook-Id");
    expect(
      await status(
        verifyShopifyWebhook(new Request(good.url, { method: "POST", headers, body: raw }), policy),
      ),
    ).toBe(400);
    expect(await status(verifyShopifyWebhook(new Request(good.url, { method: "GET" }), policy))).toBe(405);
  });

  it("refuses a topic its route does not take, and an unknown route (400)", async () => {
    const raw = '{"shop_id":1,"shop_domain":"verify-test.myshopify.com"}';
    const url = "https://tend.test/webhooks/orders";
    const wrongRoute = signedWebhookRequest({ topic: "shop/redact", shop, body: raw, url });
    expect(await status(verifyShopifyWebhook(wrongRoute, policy))).toBe(400);
    const unknown = signedWebhookRequest({
      topic: "orders/create",
      shop,
      body: raw,
      url: "https://tend.test/webhooks/x",
    });
    expect(await status(verifyShopifyWebhook(unknown, policy))).toBe(400);
  });

  it("refuses a destructive topic triggered longer ago than Shopify's retry window", async () => {
    const raw = '{"shop_id":1,"shop_domain":"verify-test.myshopify.com"}';
    const send = (triggeredAt: string) =>
      status(
        verifyShopifyWebhook(
          signedWebhookRequest({ topic: "shop/redact", shop, body: raw, triggeredAt }),
          policy,
        ),
      );
    expect(await send("2026-01-01T01:30:00Z")).toBe(200); // 4.5 h: Shopify's last retry
    expect(await send("2025-12-31T23:59:00Z")).toBe(400); // 6 h
    expect(await send("not a date")).toBe(400);
  });
});

describe("isShopDomain", () => {
  it("takes <name>.myshopify.com and the configured custom domain only", () => {
    expect(isShopDomain("cedar-ember.myshopify.com")).toBe(true);
    expect(isShopDomain("cedar.shops.example", "shops.example")).toBe(true);
    for (const bad of [
      "evil.com",
      "127.0.0.1",
      "a..b",
      "a..myshopify.com",
      ".myshopify.com",
      "x.evil.com.myshopify.co",
      "a_b.myshopify.com",
      "x.myshopify.com.evil.com",
    ]) {
      expect(isShopDomain(bad), bad).toBe(false);
    }
  });
});
