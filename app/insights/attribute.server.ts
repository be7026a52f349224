// Applies the attribution rules to one order and keeps its Attribution row in step: created,
// moved, reduced by refunds or removed on cancellation. Safe to run any number of times.
import type { Db } from "../db/client.server";
import { attributeOrder, type OrderFacts, normaliseCode } from "./attribution";

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_ATTRIBUTION_WINDOW_DAYS = 5;

export function parseDiscountCodes(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value
      .map((c) => (typeof c === "string" ? c : (c as { code?: unknown } | null)?.code))
      .filter((c): c is string => typeof c === "string" && c.length > 0);
  } catch {
    return [];
  }
}

export async function attributionWindowDays(db: Db, shop: string): Promise<number> {
  const settings = await db.shopSettings.findUnique({
    where: { shop },
    select: { attributionWindowDays: true },
  });
  return settings?.attributionWindowDays ?? DEFAULT_ATTRIBUTION_WINDOW_DAYS;
}

export type AttributionOutcome = "attributed" | "removed" | "none";

export async function recomputeOrderAttribution(
  db: Db,
  shop: string,
  orderShopifyId: string,
): Promise<AttributionOutcome> {
  const row = await db.order.findUnique({
    where: { shop_shopifyId: { shop, shopifyId: orderShopifyId } },
    select: {
      shopifyId: true,
      customerShopifyId: true,
      email: true,
      processedAt: true,
      totalMinor: true,
      refundedMinor: true,
      currency: true,
      cancelledAt: true,
      discountCodes: true,
    },
  });
  if (!row) return dropAttribution(db, shop, orderShopifyId);

  const order: OrderFacts = { ...row, discountCodes: parseDiscountCodes(row.discountCodes) };
  const windowDays = await attributionWindowDays(db, shop);
  const windowStart = new Date(order.processedAt.getTime() - windowDays * DAY_MS);

  // Candidates: this customer's messages that could have been clicked in the window, plus any
  // message carrying one of the order's codes (codes are unique, so identity is not needed).
  const identity = [
    ...(order.customerShopifyId ? [{ customerShopifyId: order.customerShopifyId }] : []),
    ...(order.email ? [{ email: { in: [order.email, order.email.toLowerCase()] } }] : []),
  ];
  const codes = order.discountCodes.flatMap((c) => [c, normaliseCode(c), c.toLowerCase()]);
  const or = [
    ...(identity.length > 0
      ? [{ OR: identity, sentAt: { gte: new Date(windowStart.getTime() - 90 * DAY_MS) } }]
      : []),
    ...(codes.length > 0 ? [{ discountCode: { in: codes } }] : []),
  ];
  if (or.length === 0) return dropAttribution(db, shop, orderShopifyId);

  const messages = await db.message.findMany({
    where: { shop, status: "sent", sentAt: { not: null, lte: order.processedAt }, OR: or },
    select: {
      id: true,
      flowKey: true,
      stepIndex: true,
      variant: true,
      customerShopifyId: true,
      email: true,
      discountCode: true,
      sentAt: true,
    },
  });
  const sent = messages.map((m) => ({ ...m, sentAt: m.sentAt as Date }));
  const clicks =
    sent.length === 0
      ? []
      : await db.click.findMany({
          where: {
            shop,
            messageId: { in: sent.map((m) => m.id) },
            at: { gte: windowStart, lte: order.processedAt },
          },
          select: { messageId: true, at: true },
        });

  const decision = attributeOrder(order, sent, clicks, windowDays);
  if (!decision) return dropAttribution(db, shop, orderShopifyId);

  const data = {
    messageId: decision.messageId,
    flowKey: decision.flowKey,
    stepIndex: decision.stepIndex,
    variant: decision.variant,
    via: decision.via,
    revenueMinor: decision.revenueMinor,
    currency: decision.currency,
    orderedAt: decision.orderedAt,
  };
  // The unique (shop, orderShopifyId) key is what guarantees an order is never counted twice.
  await db.attribution.upsert({
    where: { shop_orderShopifyId: { shop, orderShopifyId } },
    create: { shop, orderShopifyId, ...data },
    update: data,
  });
  return "attributed";
}

async function dropAttribution(db: Db, shop: string, orderShopifyId: string): Promise<AttributionOutcome> {
  const { count } = await db.attribution.deleteMany({ where: { shop, orderShopifyId } });
  return count > 0 ? "removed" : "none";
}
