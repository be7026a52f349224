// The Web Pixel collector: CORS, size limit, schema, shop token, rate limit, replay refusal and
// identification, in that order, before anything is stored. Only events that can be attached to a
// known customer (the pixel's logged-in customer, or a checkout token joined to our checkouts and
// orders) are kept; each stored event is published as a `pixel_event` domain event.
import type { Db } from "../db.server";
import type { DomainEvent } from "../domain/events";
import { corsHeaders, type OriginPolicy, originAllowed } from "./cors";
import { PIXEL_BODY_LIMIT_BYTES, type PixelPayload, pixelPayloadSchema } from "./payload";
import type { RateLimiter } from "./rate-limit";
import { pixelTokenValid } from "./token";

export interface CollectorDeps {
  db: Db;
  secret: string;
  publish: (db: Db, event: DomainEvent) => Promise<void>;
  /** Per shop + visitor IP. */
  visitorLimiter: RateLimiter;
  /** Per shop, across visitors. */
  shopLimiter: RateLimiter;
  originPolicy?: OriginPolicy;
}

export type CollectOutcome =
  | "stored"
  | "preflight"
  | "bad_method"
  | "bad_origin"
  | "too_large"
  | "malformed"
  | "bad_token"
  | "unknown_shop"
  | "rate_limited"
  | "replayed"
  | "anonymous";

const STATUS: Record<CollectOutcome, number> = {
  stored: 202,
  preflight: 204,
  bad_method: 405,
  bad_origin: 403,
  too_large: 413,
  malformed: 400,
  bad_token: 401,
  unknown_shop: 401,
  rate_limited: 429,
  replayed: 409,
  anonymous: 202, // accepted and dropped: an unidentified visitor is not an error
};

/** Reads at most `limit` bytes; null when the body is larger. */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function identify(db: Db, shop: string, p: PixelPayload["event"]): Promise<string | null> {
  if (p.customerId) {
    const known = await db.customer.findUnique({
      where: { shop_shopifyId: { shop, shopifyId: p.customerId } },
      select: { shopifyId: true, redactedAt: true },
    });
    if (known && !known.redactedAt) return known.shopifyId;
  }
  if (p.checkoutToken) {
    const checkout = await db.checkout.findUnique({
      where: { shop_token: { shop, token: p.checkoutToken } },
      select: { customerShopifyId: true },
    });
    if (checkout?.customerShopifyId) return checkout.customerShopifyId;
    const order = await db.order.findFirst({
      where: { shop, checkoutToken: p.checkoutToken },
      select: { customerShopifyId: true },
    });
    if (order?.customerShopifyId) return order.customerShopifyId;
  }
  return null;
}

export function createCollector(deps: CollectorDeps) {
  async function decide(
    request: Request,
    remoteAddress: string,
  ): Promise<{ outcome: CollectOutcome; origin: string | null }> {
    const origin = request.headers.get("origin");
    if (request.method === "OPTIONS") return { outcome: "preflight", origin };
    if (request.method !== "POST") return { outcome: "bad_method", origin };
    const raw = await readLimited(request, PIXEL_BODY_LIMIT_BYTES);
    if (raw === null) return { outcome: "too_large", origin };
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return { outcome: "malformed", origin };
    }
    const parsed = pixelPayloadSchema.safeParse(json);
    if (!parsed.success) return { outcome: "malformed", origin };
    const { shop, token, event } = parsed.data;
    if (!originAllowed(origin, shop, deps.originPolicy)) return { outcome: "bad_origin", origin };
    if (!pixelTokenValid(shop, token, deps.secret)) return { outcome: "bad_token", origin };
    if (!deps.visitorLimiter.take(`${shop}|${remoteAddress}`) || !deps.shopLimiter.take(shop)) {
      return { outcome: "rate_limited", origin };
    }
    const installed = await deps.db.shop.findUnique({ where: { shop }, select: { uninstalledAt: true } });
    if (!installed || installed.uninstalledAt) return { outcome: "unknown_shop", origin };
    const customerShopifyId = await identify(deps.db, shop, event);
    if (!customerShopifyId) return { outcome: "anonymous", origin };
    const occurredAt = new Date(event.timestamp);
    try {
      await deps.db.pixelEvent.create({
        data: {
          shop,
          eventId: event.id,
          name: event.name,
          customerShopifyId,
          productShopifyId: event.productId,
          variantShopifyId: event.variantId,
          checkoutToken: event.checkoutToken ?? null,
          occurredAt,
        },
      });
    } catch (error) {
      if ((error as { code?: string })?.code === "P2002") return { outcome: "replayed", origin };
      throw error;
    }
    await deps.publish(deps.db, {
      type: "pixel_event",
      shop,
      name: event.name,
      customerShopifyId,
      productShopifyId: event.productId,
      checkoutToken: event.checkoutToken ?? null,
      at: occurredAt,
    });
    return { outcome: "stored", origin };
  }

  // A browser only reads answers carrying these headers; give them to storefront origins only.
  const cors = (origin: string | null) =>
    origin && originAllowed(origin, "", deps.originPolicy) ? corsHeaders(origin) : {};

  return {
    async handle(request: Request, remoteAddress: string): Promise<Response> {
      const { outcome, origin } = await decide(request, remoteAddress);
      const headers: Record<string, string> = outcome === "bad_origin" ? {} : cors(origin);
      if (outcome === "preflight")
        return new Response(null, {
          status: origin && !headers["Access-Control-Allow-Origin"] ? 403 : 204,
          headers,
        });
      if (outcome === "rate_limited") headers["Retry-After"] = "60";
      return Response.json({ outcome }, { status: STATUS[outcome], headers });
    },
  };
}
