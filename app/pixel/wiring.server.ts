// The collector as the app runs it: the process's database, the domain event bus, the signing
// secret shared with pixel activation, and per-process rate limits.
import { getDb } from "../db.server";
import { publish } from "../domain/bus.server";
import { env } from "../env.server";
import { createCollector } from "./collector.server";
import { createRateLimiter } from "./rate-limit";

/** A visitor: short bursts (a page of product views), then about one event a second. */
export const VISITOR_LIMIT = { capacity: 30, refillPerSecond: 1 };
/** A whole shop, per web process: a busy storefront's peak, not a flood. */
export const SHOP_LIMIT = { capacity: 2_000, refillPerSecond: 200 };

export function pixelSigningSecret(): string {
  const e = env();
  return e.TEND_SIGNING_SECRET ?? e.SHOPIFY_API_SECRET ?? "";
}

let collector: ReturnType<typeof createCollector> | undefined;

export function pixelCollector() {
  collector ??= createCollector({
    db: getDb(),
    secret: pixelSigningSecret(),
    publish,
    visitorLimiter: createRateLimiter(VISITOR_LIMIT, Date.now),
    shopLimiter: createRateLimiter(SHOP_LIMIT, Date.now),
    originPolicy: { allowLoopbackHttp: env().TEND_MODE === "demo" },
  });
  return collector;
}
