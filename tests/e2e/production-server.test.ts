// The production build as an operator runs it (`npm run build && npm start`, live mode): health,
// request ids, signed webhooks accepted over HTTP, forged ones refused, no demo bypass.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";
import { TEST_API_KEY, TEST_API_SECRET } from "../support/env";
import { examplePayload, installShop, signedWebhookRequest, tamperSignature } from "../support/webhooks";

let server: AppServer;
const SHOP = "prod-check.myshopify.com";

beforeAll(async () => {
  server = await startAppServer({
    env: {
      TEND_MODE: "live",
      SHOPIFY_API_KEY: TEST_API_KEY,
      SHOPIFY_API_SECRET: TEST_API_SECRET,
      SHOPIFY_APP_URL: "https://tend.test",
    },
  });
  await installShop(server.db, SHOP); // Tend takes webhooks only for installed shops
});

afterAll(async () => {
  await server?.stop();
});

async function post(request: Request): Promise<Response> {
  const url = new URL(request.url);
  return fetch(`${server.url}${url.pathname}`, {
    method: "POST",
    headers: request.headers,
    body: await request.text(),
  });
}

describe("production server", () => {
  it("answers /healthz with 200 while the database answers, with a request id", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("serves the favicon and app icons from public/ as real images", async () => {
    const png = [0x89, 0x50, 0x4e, 0x47];
    for (const [path, type, magic] of [
      ["/favicon.ico", "image/", [0, 0, 1, 0]],
      ["/apple-touch-icon.png", "image/png", png],
      ["/app-icon.png", "image/png", png],
      ["/favicon.svg", "image/svg+xml", [0x3c, 0x73, 0x76, 0x67]], // "<svg"
    ] as const) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toContain(type);
      expect([...new Uint8Array(await res.arrayBuffer()).slice(0, 4)], path).toEqual(magic);
    }
    // The Shopify App Store asks for a 1200 x 1200 icon: the PNG header says so.
    const icon = new DataView(await (await fetch(`${server.url}/app-icon.png`)).arrayBuffer());
    expect([icon.getUint32(16), icon.getUint32(20)]).toEqual([1200, 1200]);
  });

  it("records a signed orders/create delivery and refuses the same body with a changed HMAC", async () => {
    const body = JSON.stringify(examplePayload("orders/create"));
    const good = signedWebhookRequest({ topic: "orders/create", shop: SHOP, body, webhookId: "prod-1" });
    expect((await post(good)).status).toBe(200);
    const forged = tamperSignature(
      signedWebhookRequest({ topic: "orders/create", shop: SHOP, body, webhookId: "prod-2" }),
      body,
    );
    expect((await post(forged)).status).toBe(401);
    const rows = await server.db.webhookEvent.findMany({
      where: { shop: SHOP },
      select: { webhookId: true },
    });
    expect(rows.map((r) => r.webhookId)).toEqual(["prod-1"]);
  });

  it("does not let a loopback request into the admin without Shopify's session in live mode", async () => {
    const res = await fetch(`${server.url}/app`, { redirect: "manual" });
    expect(res.status).not.toBe(200);
    expect(await res.text()).not.toContain("tend-demo.myshopify.com");
  });
});
