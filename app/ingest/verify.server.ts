// Shopify webhook authentication on the raw body: HMAC-SHA256 with the app secret, base64, compared
// in constant time. Done here rather than through authenticate.webhook so the exact bytes are kept
// (64-bit ids survive, and an authentic body that is not valid JSON can still be kept and acknowledged).
// The check is transport-neutral: the Remix route hands it a Fetch Request, the production server's
// webhook fast path (node-receiver.server.ts) hands it Node's headers and body bytes.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import {
  DESTRUCTIVE_MAX_AGE_MS,
  DESTRUCTIVE_TOPICS,
  routeAccepts,
  routeOfPath,
  shadowingFamilies,
  topicFamily,
  topicName,
} from "./topics";

export interface RawWebhook {
  shop: string;
  /** Shopify's slash form, e.g. "orders/create". */
  topic: string;
  webhookId: string;
  eventId: string | null;
  triggeredAt: Date | null;
  apiVersion: string | null;
  rawBody: string;
  /** One signed body is recorded once per topic family, for one shop (a replay is dropped). */
  contentKey: string;
  /** Keys of the same body under families that make this delivery a duplicate (topics.ts). */
  shadowKeys: string[];
}

/** What the verifier needs from any HTTP layer. */
export interface WebhookInput {
  method: string;
  /** The request path: each /webhooks/<route> accepts only its own topics. */
  path: string;
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

export interface WebhookPolicy {
  secret: string;
  /** SHOP_CUSTOM_DOMAIN: shops may live under it instead of myshopify.com. */
  customShopDomain?: string;
  now(): Date;
}

/** `<name>.myshopify.com` (or `<name>.<custom domain>`), lower case, as Shopify names a shop. */
export function isShopDomain(shop: string, customShopDomain?: string): boolean {
  const dot = shop.indexOf(".");
  if (dot < 1 || shop.length > 255) return false;
  const suffix = shop.slice(dot + 1);
  if (suffix !== "myshopify.com" && suffix !== customShopDomain?.toLowerCase()) return false;
  return /^[a-z0-9][a-z0-9-]*$/.test(shop.slice(0, dot));
}

export function signatureMatches(body: Buffer, signature: string, secret: string): boolean {
  const expected = createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Throws WebhookRefused (405, 400 or 401) when the delivery is not an authentic Shopify webhook. */
export function verifyWebhook(input: WebhookInput, policy: WebhookPolicy): RawWebhook {
  if (input.method !== "POST") throw new WebhookRefused(405, "Method not allowed");
  const signature = input.header("x-shopify-hmac-sha256");
  const shopHeader = input.header("x-shopify-shop-domain");
  const topicHeader = input.header("x-shopify-topic");
  const webhookId = input.header("x-shopify-webhook-id");
  if (!signature || !shopHeader || !topicHeader || !webhookId) {
    throw new WebhookRefused(400, "Missing Shopify webhook headers");
  }
  if (!policy.secret || !signatureMatches(input.body, signature, policy.secret)) {
    throw new WebhookRefused(401, "Unauthorized");
  }
  // The signature covers the body only: every header below is checked as untrusted input.
  const shop = shopHeader.toLowerCase();
  if (!isShopDomain(shop, policy.customShopDomain)) throw new WebhookRefused(400, "Invalid shop domain");
  const topic = topicName(topicHeader);
  if (!routeAccepts(routeOfPath(input.path), topic)) {
    throw new WebhookRefused(400, "Topic not accepted on this route");
  }
  const triggeredAt = parseTime(input.header("x-shopify-triggered-at"));
  if (DESTRUCTIVE_TOPICS.has(topic)) {
    const age = triggeredAt ? policy.now().getTime() - triggeredAt.getTime() : Number.POSITIVE_INFINITY;
    if (age > DESTRUCTIVE_MAX_AGE_MS)
      throw new WebhookRefused(400, "Delivery is older than Shopify's retry window");
  }
  return {
    shop,
    topic,
    webhookId,
    eventId: input.header("x-shopify-event-id"),
    triggeredAt,
    apiVersion: input.header("x-shopify-api-version"),
    rawBody: input.body.toString("utf8"),
    contentKey: contentKey(topicFamily(topic), input.body),
    shadowKeys: shadowingFamilies(topic).map((family) => contentKey(family, input.body)),
  };
}

function contentKey(family: string, body: Buffer): string {
  return createHash("sha256").update(`${family}\n`).update(body).digest("hex");
}

function parseTime(raw: string | null): Date | null {
  const at = raw ? new Date(raw) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
}

/** The Fetch flavour: throws a Response (405, 400 or 401) when the request is not authentic. */
export async function verifyShopifyWebhook(request: Request, policy: WebhookPolicy): Promise<RawWebhook> {
  const body = request.method === "POST" ? Buffer.from(await request.arrayBuffer()) : Buffer.alloc(0);
  const path = new URL(request.url).pathname;
  try {
    return verifyWebhook(
      { method: request.method, path, header: (n) => request.headers.get(n), body },
      policy,
    );
  } catch (error) {
    if (error instanceof WebhookRefused) throw new Response(error.message, { status: error.status });
    throw error;
  }
}
