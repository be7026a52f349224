import { describe, expect, it } from "vitest";
import { verifyShopifyWebhook } from "../../../app/ingest/verify.server";
import { TEST_API_SECRET } from "../../support/env";
import { signedWebhookRequest, tamperSignature } from "../../support/webhooks";

const shop = "verify-test.myshopify.com";

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
      TEST_API_SECRET,
    );
    expect(hook).toMatchObject({ shop, topic: "orders/create", webhookId: "w1", rawBody: raw });
    expect(hook.triggeredAt?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("refuses a forged signature (401), missing headers (400) and other methods (405)", async () => {
    const raw = '{"a":1}';
    const good = signedWebhookRequest({ topic: "orders/create", shop, body: raw });
    expect(await status(verifyShopifyWebhook(tamperSignature(good, raw), TEST_API_SECRET))).toBe(401);
    const other = signedWebhookRequest({ topic: "orders/create", shop, body: raw, secret: "another-secret" });
    expect(await status(verifyShopifyWebhook(other, TEST_API_SECRET))).toBe(401);
    const headers = new Headers(good.headers);
    headers.delete("X-Shopify-Webhook-Id");
    expect(
      await status(
        verifyShopifyWebhook(new Request(good.url, { method: "POST", headers, body: raw }), TEST_API_SECRET),
      ),
    ).toBe(400);
    expect(
      await status(verifyShopifyWebhook(new Request(good.url, { method: "GET" }), TEST_API_SECRET)),
    ).toBe(405);
  });
});
