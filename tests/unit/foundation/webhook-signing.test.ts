// The test harness signs webhooks exactly as Shopify does: shopify-api's own validator agrees.
import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { TEST_API_SECRET } from "../../support/env";
import { examplePayload, hmacBase64, signedWebhookRequest } from "../../support/webhooks";

const api = shopifyApi({
  apiKey: "k",
  apiSecretKey: TEST_API_SECRET,
  apiVersion: ApiVersion.October26,
  hostName: "tend.test",
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error, log: async () => undefined },
});

async function validate(request: Request, rawBody: string) {
  return api.webhooks.validate({ rawBody, rawRequest: request });
}

describe("signedWebhookRequest", () => {
  it("produces deliveries Shopify's validator accepts, with every X-Shopify header", async () => {
    const body = JSON.stringify(examplePayload("orders/create"));
    const request = signedWebhookRequest({
      topic: "orders/create",
      shop: "a.myshopify.com",
      body,
      webhookId: "w1",
    });
    const result = await validate(request, body);
    expect(result).toMatchObject({
      valid: true,
      topic: "ORDERS_CREATE",
      domain: "a.myshopify.com",
      webhookId: "w1",
    });
    for (const h of ["Triggered-At", "Event-Id", "API-Version"]) {
      expect(request.headers.get(`X-Shopify-${h}`)).toBeTruthy();
    }
  });

  it("is rejected when the body changes after signing or the secret is wrong", async () => {
    const body = JSON.stringify({ id: 1 });
    const request = signedWebhookRequest({ topic: "orders/create", shop: "a.myshopify.com", body });
    expect((await validate(request, JSON.stringify({ id: 2 }))).valid).toBe(false);
    const wrongSecret = signedWebhookRequest({
      topic: "orders/create",
      shop: "a.myshopify.com",
      body,
      secret: "other",
    });
    expect((await validate(wrongSecret, body)).valid).toBe(false);
  });

  it("computes the documented HMAC: base64 SHA-256 of the raw body", () => {
    expect(hmacBase64("hello", "secret")).toBe("iKqz7ejTrflNJquQ07r9SiCDBww7zOnAFO4EpEOEfAs=");
  });
});
