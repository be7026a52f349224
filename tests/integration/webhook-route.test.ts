// The signed route end to end: authentic deliveries are recorded once, forged ones leave no trace.
import { describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { action } from "../../app/routes/webhooks.orders";
import {
  examplePayload,
  installedShop,
  shopsOwnBody,
  signedWebhookRequest,
  tamperSignature,
} from "../support/webhooks";

function call(request: Request) {
  return action({ request, params: {}, context: {} });
}

describe("webhooks.orders route", () => {
  it("accepts Shopify's signed orders/create example and records it by webhook id", async () => {
    const shop = await installedShop(getDb());
    const body = examplePayload("orders/create");
    const response = await call(
      signedWebhookRequest({ topic: "orders/create", shop, body, webhookId: "wh-1" }),
    );
    expect(response.status).toBe(200);
    const rows = await getDb().webhookEvent.findMany({ where: { shop } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ topic: "orders/create", webhookId: "wh-1" });
    expect(["received", "processed"]).toContain(rows[0].status); // the processor may already have run
    expect(JSON.parse(rows[0].payload).admin_graphql_api_id).toBe(body.admin_graphql_api_id);
  });

  it("refuses a delivery whose HMAC has one byte changed, storing nothing", async () => {
    const shop = await installedShop(getDb());
    const raw = JSON.stringify(examplePayload("orders/create"));
    const good = signedWebhookRequest({ topic: "orders/create", shop, body: raw });
    const forged = tamperSignature(good, raw);
    const response = await call(forged).catch((thrown: unknown) => thrown as Response);
    expect(response.status).toBe(401);
    expect(await getDb().webhookEvent.count({ where: { shop } })).toBe(0);
    expect(await getDb().deadLetter.count({ where: { shop } })).toBe(0);
  });

  it("acknowledges a redelivery with the same webhook id without recording it twice", async () => {
    const shop = await installedShop(getDb());
    const body = examplePayload("orders/create");
    for (let i = 0; i < 5; i++) {
      const response = await call(
        signedWebhookRequest(shopsOwnBody({ topic: "orders/create", shop, body, webhookId: "same-id" })),
      );
      expect(response.status).toBe(200);
    }
    expect(await getDb().webhookEvent.count({ where: { shop } })).toBe(1);
  });
});
