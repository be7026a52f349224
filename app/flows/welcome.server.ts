// What the welcome series' entry needs from the store: has this new subscriber ever ordered, and
// which best sellers will the series feature. The decision itself is pure (enrollment-welcome.ts).
import type { Db } from "../db/client.server";
import type { DomainEvent } from "../domain/events";
import { bestSellingProductIds } from "../drafting/catalog.server";
import type { Trigger } from "./enrollment-kit";
import { WELCOME_PRODUCTS } from "./enrollment-welcome";

const BEST_SELLERS_TTL_MS = 60 * 60_000;
const cache = new Map<string, { at: number; ids: string[] }>();

type SubscribedTrigger = Extract<Trigger, { kind: "subscribed" }>;

export async function subscribedTrigger(
  db: Db,
  event: Extract<DomainEvent, { type: "consent_changed" }>,
): Promise<SubscribedTrigger> {
  const { shop, customerShopifyId } = event;
  const customer = await db.customer.findUnique({
    where: { shop_shopifyId: { shop, shopifyId: customerShopifyId } },
    select: { ordersCount: true, emailLower: true },
  });
  const email = (customer?.emailLower ?? event.email)?.toLowerCase() ?? null;
  // The order count covers history the statistics know; the Order rows cover an order stored in the
  // same delivery as the consent (orders/create with an embedded customer) before stats catch up.
  const order =
    (customer?.ordersCount ?? 0) > 0
      ? { id: "counted" }
      : await db.order.findFirst({
          where: { shop, customerShopifyId }, // indexed; Shopify files orders under the customer
          select: { id: true },
        });
  return {
    kind: "subscribed",
    customerShopifyId,
    email,
    hasOrdered: Boolean(order),
    bestSellers: [],
    at: event.at,
  };
}

/**
 * The shop's best sellers, ranked at most hourly per shop: a sign-up burst must not group the whole
 * order history once per subscriber.
 */
export async function welcomeBestSellers(db: Db, shop: string, nowMs = Date.now()): Promise<string[]> {
  const hit = cache.get(shop);
  if (hit && nowMs - hit.at < BEST_SELLERS_TTL_MS) return hit.ids;
  const ids = await bestSellingProductIds(db, shop, WELCOME_PRODUCTS);
  if (cache.size > 10_000) cache.clear();
  cache.set(shop, { at: nowMs, ids });
  return ids;
}
