// The Web Pixel collector: CORS, size limit, schema, shop token (bad ones are limited per address),
// event time window, shared rate limits, identification and replay refusal, in that order, before
// anything is stored. Only events tied to a customer by a signed Shopify fact (identity.server.ts)
// are kept; each stored event is published as a `pixel_event` domain event.
import type { Db } from "../db.server";
import type { DomainEvent } from "../domain/events";
import { corsHeaders, type OriginPolicy, originAllowed } from "./cors";
import { PIXEL_BODY_LIMIT_BYTES, pixelPayloadSchema } from "./payload";
import { identify } from "./identity.server";
import type { SharedLimiter } from "./limits.server";
import { acceptedEventTime } from "./time-window";
import { pixelTokenValid } from "./token";

export interface CollectorDeps {
  db: Db;
  secret: string;
  publish: (db: Db, event: DomainEvent) => Promise<void>;
  /** Limits shared by all web processes (database-backed). */
  limiter: SharedLimiter;
  limits?: PixelLimits;
  now: () => Date;
  originPolicy?: OriginPolicy;
}

/** Requests per one-minute window. */
export interface PixelLimits {
  /** Bad-token posts per client address (any shop): guessing and floods. */
  badTokenPerAddress: number;
  /** Per shop and client address (shoppers behind one NAT share it). */
  perAddress: number;
  /** Per shop and browser (clientId). */
  perClient: number;
  /** Per shop and identified customer. */
  perCustomer: number;
  /** Per shop, all visitors together. */
  perShop: number;
}

export const DEFAULT_PIXEL_LIMITS: PixelLimits = {
  badTokenPerAddress: 20,
  perAddress: 300,
  perClient: 60,
  perCustomer: 60,
  perShop: 12_000,
};

export type CollectOutcome =
  | "stored"
  | "preflight"
  | "bad_method"
  | "bad_origin"
  | "too_large"
  | "malformed"
  | "bad_token"
  | "bad_time"
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
  bad_time: 422,
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

export function createCollector(deps: CollectorDeps) {
  async function decide(
    request: Request,
    address: string,
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
    const limits = deps.limits ?? DEFAULT_PIXEL_LIMITS;
    if (!pixelTokenValid(shop, token, deps.secret)) {
      const over = await deps.limiter.take([{ key: `bad|${address}`, max: limits.badTokenPerAddress }]);
      return { outcome: over ? "rate_limited" : "bad_token", origin };
    }
    const now = deps.now();
    const occurredAt = acceptedEventTime(event.timestamp, now);
    if (!occurredAt) return { outcome: "bad_time", origin };
    const over = await deps.limiter.take([
      { key: `ip|${shop}|${address}`, max: limits.perAddress },
      ...(event.clientId ? [{ key: `client|${shop}|${event.clientId}`, max: limits.perClient }] : []),
      { key: `shop|${shop}`, max: limits.perShop },
    ]);
    if (over) return { outcome: "rate_limited", origin };
    const installed = await deps.db.shop.findUnique({ where: { shop }, select: { uninstalledAt: true } });
    if (!installed || installed.uninstalledAt) return { outcome: "unknown_shop", origin };
    const customerShopifyId = await identify(
      deps.db,
      shop,
      {
        clientId: event.clientId ?? null,
        checkoutToken: event.checkoutToken ?? null,
        claimedCustomerId: event.customerId,
      },
      now,
    );
    if (!customerShopifyId) return { outcome: "anonymous", origin };
    if (await deps.limiter.take([{ key: `customer|${shop}|${customerShopifyId}`, max: limits.perCustomer }]))
      return { outcome: "rate_limited", origin };
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
          clientId: event.clientId ?? null,
          quantity: event.quantity ?? null,
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
    /** `address` is the client address (see client-address.ts), not necessarily the socket peer. */
    async handle(request: Request, address: string): Promise<Response> {
      const { outcome, origin } = await decide(request, address);
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
