// Attacks on the webhook door, each correctly signed (the HMAC covers the body only): a topic sent
// to another topic's route, domains that are not Shopify shops, shops not installed or uninstalled,
// a destructive delivery triggered too long ago, a destructive body naming another shop or shop id,
// and duplicates under new webhook or event ids. Each is refused and every table is unchanged.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { handleWebhookRequest } from "../../app/ingest/webhook-route.server";
import { TEST_APP_URL } from "../support/env";
import { examplePayload, installShop, signedWebhookRequest } from "../support/webhooks";
import { addedRows, drainAll, send, tableSnapshot } from "./support";

const A = "attack-a.myshopify.com";
const C = "attack-c.myshopify.com";
const GONE = "attack-gone.myshopify.com";
const HOURS = 3_600_000;

/**
 * Runs an attack and proves nothing changed. Bodies that reach the processor (authentic, for an
 * installed shop) but fail their checks are kept for inspection: exactly one dead delivery and one
 * dead letter per such attempt, and not a single other row added, changed or removed.
 */
async function unchanged(attack: () => Promise<number[]>, allowed: number[] = [400], kept = 0) {
  const before = await tableSnapshot();
  const statuses = await attack();
  await drainAll();
  const after = await tableSnapshot();
  const added = addedRows(before, after);
  const events = (added.WebhookEvent ?? []) as { status: string; webhookId: string }[];
  const letters = (added.DeadLetter ?? []) as { webhookId: string }[];
  expect(Object.keys(added).filter((m) => m !== "WebhookEvent" && m !== "DeadLetter")).toEqual([]);
  expect(events.map((e) => e.status)).toEqual(Array(kept).fill("dead"));
  expect(letters.map((l) => l.webhookId).sort()).toEqual(events.map((e) => e.webhookId).sort());
  for (const [model, rows] of Object.entries(before)) {
    expect(after[model].length - rows.length, model).toBe((added[model] ?? []).length);
  }
  for (const s of statuses) expect(allowed).toContain(s);
  return statuses.length;
}

/** Runs `fn` inside the shop's redaction window (uninstalled), then reinstates it. */
async function whileUninstalled<T>(shop: string, fn: () => Promise<T>): Promise<T> {
  await getDb().shop.update({ where: { shop }, data: { uninstalledAt: new Date() } });
  try {
    return await fn();
  } finally {
    await getDb().shop.update({ where: { shop }, data: { uninstalledAt: null } });
  }
}

let server: Server;
let fastUrl: string;

beforeAll(async () => {
  const db = getDb();
  await installShop(db, A, { shopifyShopId: "1001" });
  await installShop(db, C, { shopifyShopId: "3003" });
  await installShop(db, GONE, { shopifyShopId: "4004" });
  await db.shop.update({ where: { shop: GONE }, data: { uninstalledAt: new Date() } });
  // C has a customer picture a forged shop/redact would erase.
  for (const topic of ["customers/create", "orders/create", "products/create"]) {
    const body = { ...examplePayload(topic), tend_test_shop: C };
    expect((await send({ topic, shop: C, body })).status).toBe(200);
  }
  // The products/update delivery of shop A an attacker captured.
  expect(
    (await send({ topic: "products/update", shop: A, body: examplePayload("products/update") })).status,
  ).toBe(200);
  await drainAll();
  // The production server's fast path (mounted by app/cli/run.mjs for POST /webhooks/*).
  server = createServer(handleWebhookRequest);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fastUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function fastPath(request: Request): Promise<number> {
  const url = new URL(request.url);
  const res = await fetch(`${fastUrl}${url.pathname}`, {
    method: "POST",
    headers: request.headers,
    body: await request.text(),
  });
  return res.status;
}

describe("webhook attacks", () => {
  it("refuses a topic on a route that does not take it, on both doors", async () => {
    const body = JSON.stringify({ shop_id: 1001, shop_domain: A });
    const wrong = [
      ["shop/redact", "/webhooks/orders"],
      ["customers/redact", "/webhooks/products"],
      ["orders/create", "/webhooks/compliance"],
      ["app/uninstalled", "/webhooks/customers"],
      ["products/delete", "/webhooks/app"],
      ["orders/create", "/webhooks/nowhere"],
    ];
    await unchanged(async () => {
      const out: number[] = [];
      for (const [topic, uri] of wrong) {
        const request = signedWebhookRequest({ topic, shop: A, body, url: `${TEST_APP_URL}${uri}` });
        out.push(await fastPath(request.clone()));
        if (!uri.endsWith("nowhere")) out.push((await send({ topic, shop: A, body, uri })).status);
      }
      return out;
    });
  });

  it("refuses shop domains that are not Shopify shops, and shops not installed", async () => {
    const body = JSON.stringify(examplePayload("products/update"));
    const bad = [
      "evil.com",
      "127.0.0.1",
      "a..b",
      "a..b.myshopify.com",
      "attack-a.myshopify.com.evil.com",
      "never-installed.myshopify.com",
    ];
    await unchanged(async () => {
      const out: number[] = [];
      for (const shop of bad) {
        out.push((await send({ topic: "products/update", shop, body: `${body} ` })).status);
        out.push(await fastPath(signedWebhookRequest({ topic: "products/update", shop, body: `${body}  ` })));
      }
      return out;
    });
    expect(await getDb().shop.count({ where: { shop: { in: bad } } })).toBe(0);
  });

  it("takes only uninstall and compliance topics for an uninstalled shop", async () => {
    const body = { ...examplePayload("products/create"), tend_test_shop: GONE };
    await unchanged(async () => [(await send({ topic: "products/create", shop: GONE, body })).status]);
  });

  it("refuses the captured products/update re-sent as shop/redact for another shop (the reported attack)", async () => {
    const captured = JSON.stringify(examplePayload("products/update"));
    // C is installed: Shopify never sends it shop/redact, so the door refuses it.
    await unchanged(async () => [(await send({ topic: "shop/redact", shop: C, body: captured })).status]);
    // Even inside C's real redaction window the body's identity does not match: kept, nothing erased.
    await whileUninstalled(C, () =>
      unchanged(
        async () => [(await send({ topic: "shop/redact", shop: C, body: captured })).status],
        [200],
        1,
      ),
    );
    expect(await getDb().customer.count({ where: { shop: C } })).toBe(2); // both of C's customers kept
  });

  it("refuses shop/redact and customers/redact naming another shop, another shop id, or no stored id", async () => {
    const redact = (shop_domain: string, shop_id: number) => ({ shop_domain, shop_id });
    const customer = (shop_domain: string, shop_id: number) => ({
      ...examplePayload("customers/redact"),
      shop_domain,
      shop_id,
    });
    await getDb().shop.update({ where: { shop: GONE }, data: { shopifyShopId: null } });
    await whileUninstalled(C, () =>
      unchanged(
        async () => [
          (await send({ topic: "shop/redact", shop: C, body: redact(A, 3003) })).status,
          (await send({ topic: "shop/redact", shop: C, body: redact(C, 1001) })).status,
          (await send({ topic: "shop/redact", shop: C, body: { ...redact(C, 3003), extra: 1 } })).status,
          (await send({ topic: "shop/redact", shop: GONE, body: redact(GONE, 4004) })).status,
          (await send({ topic: "customers/redact", shop: C, body: customer(A, 1001) })).status,
          (await send({ topic: "customers/redact", shop: C, body: customer(C, 1001) })).status,
        ],
        [200],
        6,
      ),
    );
  });

  it("refuses a destructive delivery triggered longer ago than Shopify's retry window", async () => {
    const triggeredAt = new Date(Date.now() - 6 * HOURS).toISOString();
    const body = { shop_domain: C, shop_id: 3003 };
    await whileUninstalled(C, () =>
      unchanged(async () => [
        (await send({ topic: "shop/redact", shop: C, body, triggeredAt })).status,
        (await send({ topic: "shop/redact", shop: C, body: JSON.stringify(body), triggeredAt: "yesterday" }))
          .status,
      ]),
    );
  });

  it("records a delivery once: same webhook id, same (topic, event id), or same body under new ids", async () => {
    const body = { ...examplePayload("customers/update"), tend_test_shop: `${C}-dupes` };
    const first = await send({
      topic: "customers/update",
      shop: C,
      body,
      webhookId: "dup-1",
      eventId: "ev-1",
    });
    expect(first.status).toBe(200);
    await drainAll();
    await unchanged(
      async () => [
        (await send({ topic: "customers/update", shop: C, body, webhookId: "dup-1", eventId: "ev-1" }))
          .status,
        (
          await send({
            topic: "customers/update",
            shop: C,
            body: { ...body, note: "x" },
            webhookId: "dup-2",
            eventId: "ev-1",
          })
        ).status,
        (await send({ topic: "customers/update", shop: C, body, webhookId: "dup-3", eventId: "ev-3" }))
          .status,
        (await send({ topic: "customers/create", shop: C, body, webhookId: "dup-4", eventId: "ev-4" }))
          .status,
        (await send({ topic: "customers/update", shop: A, body, webhookId: "dup-5", eventId: "ev-5" }))
          .status,
      ],
      [200, 400],
    );
  });
});
