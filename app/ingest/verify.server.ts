// Shopify webhook authentication on the raw body: HMAC-SHA256 with the app secret, base64, compared
// in constant time. Done here rather than through authenticate.webhook so the exact bytes are kept
// (64-bit ids survive, and an authentic body that is not valid JSON can still be kept and acknowledged).
// The check is transport-neutral: the Remix route hands it a Fetch Request, the production server's
// webhook fast path (node-receiver.server.ts) hands it Node's headers and body bytes.
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

/** What the verifier needs from any HTTP layer. */
export interface WebhookInput {
  method: string;
  /** Header value by lower-case name, or null when absent. */
  header(name: string): string | null;
  body: Buffer;
}

/** A delivery that is not an authentic Shopify webhook: nothing may be stored. */
export class WebhookRefused extends Error {
  constructor(
    readonly status: 400 | 401 | 405 | 413,
    message: string,
  ) {
    super(message);
  }
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/i;

export function signatureMatches(body: Buffer, signature: string, secret: string): boolean {
  const expected = createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Throws WebhookRefused (405, 400 or 401) when the delivery is not an authentic Shopify webhook. */
export function verifyWebhook(input: WebhookInput, secret: string): RawWebhook {
  if (input.method !== "POST") throw new WebhookRefused(405, "Method not allowed");
  const signature = input.header("x-shopify-hmac-sha256");
  const shop = input.header("x-shopify-shop-domain");
  const topic = input.header("x-shopify-topic");
  const webhookId = input.header("x-shopify-webhook-id");
  if (!signature || !shop || !topic || !webhookId) {
    throw new WebhookRefused(400, "Missing Shopify webhook headers");
  }
  if (!secret || !signatureMatches(input.body, signature, secret)) {
    throw new WebhookRefused(401, "Unauthorized");
  }
  if (!SHOP_DOMAIN.test(shop) || shop.length > 255) throw new WebhookRefused(400, "Invalid shop domain");
  const triggeredRaw = input.header("x-shopify-triggered-at");
  const triggeredAt = triggeredRaw ? new Date(triggeredRaw) : null;
  return {
    shop: shop.toLowerCase(),
    topic,
    webhookId,
    eventId: input.header("x-shopify-event-id"),
    triggeredAt: triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : null,
    apiVersion: input.header("x-shopify-api-version"),
    rawBody: input.body.toString("utf8"),
  };
}

/** The Fetch flavour: throws a Response (405, 400 or 401) when the request is not authentic. */
export async function verifyShopifyWebhook(request: Request, secret: string): Promise<RawWebhook> {
  const body = request.method === "POST" ? Buffer.from(await request.arrayBuffer()) : Buffer.alloc(0);
  try {
    return verifyWebhook({ method: request.method, header: (n) => request.headers.get(n), body }, secret);
  } catch (error) {
    if (error instanceof WebhookRefused) throw new Response(error.message, { status: error.status });
    throw error;
  }
}
