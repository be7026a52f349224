// Shopify webhook authentication on the raw body: HMAC-SHA256 with the app secret, base64, compared
// in constant time. Done here rather than through authenticate.webhook so the exact bytes are kept
// (64-bit ids survive, and an authentic body that is not valid JSON can still be kept and acknowledged).
import { createHmac, timingSafeEqual } from "node:crypto";

export interface RawWebhook {
  shop: string;
  topic: string;
  webhookId: string;
  eventId: string | null;
  triggeredAt: Date | null;
  apiVersion: string | null;
  rawBody: string;
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/i;

function reject(status: number, message: string): never {
  throw new Response(message, { status });
}

export function signatureMatches(body: Buffer, signature: string, secret: string): boolean {
  const expected = createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Throws a Response (405, 400 or 401) when the request is not an authentic Shopify webhook. */
export async function verifyShopifyWebhook(request: Request, secret: string): Promise<RawWebhook> {
  if (request.method !== "POST") reject(405, "Method not allowed");
  const signature = request.headers.get("x-shopify-hmac-sha256");
  const shop = request.headers.get("x-shopify-shop-domain");
  const topic = request.headers.get("x-shopify-topic");
  const webhookId = request.headers.get("x-shopify-webhook-id");
  if (!signature || !shop || !topic || !webhookId) reject(400, "Missing Shopify webhook headers");
  const body = Buffer.from(await request.arrayBuffer());
  if (!secret || !signatureMatches(body, signature, secret)) reject(401, "Unauthorized");
  if (!SHOP_DOMAIN.test(shop) || shop.length > 255) reject(400, "Invalid shop domain");
  const triggeredRaw = request.headers.get("x-shopify-triggered-at");
  const triggeredAt = triggeredRaw ? new Date(triggeredRaw) : null;
  return {
    shop: shop.toLowerCase(),
    topic,
    webhookId,
    eventId: request.headers.get("x-shopify-event-id"),
    triggeredAt: triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : null,
    apiVersion: request.headers.get("x-shopify-api-version"),
    rawBody: body.toString("utf8"),
  };
}
