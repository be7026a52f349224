// The production server's webhook door (a Node handler mounted ahead of Remix), over real HTTP:
// the same verification and the same one-row-per-webhook-id recording as the Remix route, with the
// insert going straight to the driver — so it must also stay out of any open Prisma transaction.
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { directSql } from "../../../app/db/direct.server";
import { insertDeliveries } from "../../../app/ingest/delivery-writer.server";
import { handleWebhookRequest } from "../../../app/ingest/webhook-route.server";
import { examplePayload, installedShop, webhookHeaders } from "../../support/webhooks";

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer(handleWebhookRequest);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function post(raw: string, headers: Record<string, string>, method = "POST") {
  return fetch(`${base}/webhooks/orders`, { method, headers, body: method === "POST" ? raw : undefined });
}

describe("webhook Node handler", () => {
  it("records Shopify's signed example byte for byte, 64-bit ids and trigger time intact", async () => {
    const shop = await installedShop(getDb());
    const raw = JSON.stringify(examplePayload("orders/create")).replace(
      /"id":\s*\d+/,
      '"id":9007199254740993123',
    );
    const triggeredAt = "2026-11-20T10:11:12.345Z";
    const headers = webhookHeaders(
      { topic: "orders/create", shop, body: raw, webhookId: "n-1", triggeredAt },
      raw,
    );
    const res = await post(raw, headers);
    expect(res.status).toBe(200);
    const rows = await getDb().webhookEvent.findMany({ where: { shop } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ topic: "orders/create", webhookId: "n-1", apiVersion: "2026-10" });
    expect(rows[0].payload).toBe(raw);
    expect(rows[0].triggeredAt?.toISOString()).toBe(triggeredAt);
    expect(Math.abs(rows[0].receivedAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("refuses forged, unsigned and non-POST deliveries and stores nothing", async () => {
    const shop = await installedShop(getDb());
    const raw = JSON.stringify(examplePayload("orders/create"));
    const headers = webhookHeaders({ topic: "orders/create", shop, body: raw }, raw);
    const forged = {
      ...headers,
      "X-Shopify-Hmac-Sha256": webhookHeaders(
        { topic: "orders/create", shop, body: raw, secret: "other" },
        raw,
      )["X-Shopify-Hmac-Sha256"],
    };
    expect((await post(raw, forged)).status).toBe(401);
    expect((await post(`${raw} `, headers)).status).toBe(401); // one byte more than was signed
    const { "X-Shopify-Webhook-Id": _, ...noId } = headers;
    expect((await post(raw, noId)).status).toBe(400);
    expect((await post(raw, headers, "PUT")).status).toBe(405);
    expect(await getDb().webhookEvent.count({ where: { shop } })).toBe(0);
  });

  it("answers 413 to a body no webhook has, without storing it", async () => {
    const shop = await installedShop(getDb());
    const raw = JSON.stringify({ note: "x".repeat(11 * 1024 * 1024) });
    const res = await post(raw, webhookHeaders({ topic: "orders/create", shop, body: raw }, raw));
    expect(res.status).toBe(413);
    expect(await getDb().webhookEvent.count({ where: { shop } })).toBe(0);
  });

  it("keeps one row for concurrent redeliveries of the same webhook id", async () => {
    const shop = await installedShop(getDb());
    const raw = JSON.stringify(examplePayload("orders/create"));
    const headers = webhookHeaders({ topic: "orders/create", shop, body: raw, webhookId: "same" }, raw);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () => post(raw, headers).then((r) => r.status)),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(await getDb().webhookEvent.count({ where: { shop } })).toBe(1);
  });

  it("goes to the driver directly, never into a Prisma transaction that is rolled back", async () => {
    const db = getDb();
    await db.$queryRawUnsafe("SELECT 1"); // connected
    expect(directSql(db)).toBeDefined();
    const shop = await installedShop(getDb());
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const rolledBack = db
      .$transaction(async (tx) => {
        await tx.webhookEvent.create({
          data: { shop, webhookId: "tx-row", topic: "orders/create", payload: "{}", status: "received" },
        });
        await held;
        throw new Error("roll back");
      })
      .catch((error: Error) => error.message);
    await new Promise((r) => setTimeout(r, 20)); // the transaction is open now
    const row = {
      shop,
      webhookId: "direct-row",
      eventId: null,
      topic: "orders/create",
      apiVersion: null,
      triggeredAt: null,
      payload: "{}",
    };
    const inserted = insertDeliveries(db, [row]);
    await new Promise((r) => setTimeout(r, 20));
    release();
    expect(await rolledBack).toBe("roll back");
    expect(await inserted).toBe(1);
    const ids = (await db.webhookEvent.findMany({ where: { shop } })).map((r) => r.webhookId);
    expect(ids).toEqual(["direct-row"]);
  });
});
