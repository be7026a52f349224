// Domain events → engine → database. Loads what the engine needs for one event (the customer's
// runs, consent, the checkout or order), asks decideTrigger, and applies the actions.
import type { Db } from "../db/client.server";
import type { DomainEvent } from "../domain/events";
import type { RunContext, RunItem } from "./actions";
import { decideTrigger, type RunSummary, type Trigger } from "./enrollment";
import { type ApplyResult, applyTriggerActions } from "./runs.server";
import { loadEnabledFlows, loadShopPolicy } from "./versions.server";
import { subscribedTrigger, welcomeBestSellers } from "./welcome.server";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function loadCustomerRuns(
  db: Db,
  shop: string,
  who: { customerShopifyId?: string | null; email?: string | null },
): Promise<RunSummary[]> {
  const or = [];
  if (who.customerShopifyId) or.push({ customerShopifyId: who.customerShopifyId });
  if (who.email) or.push({ email: who.email.toLowerCase() });
  if (or.length === 0) return [];
  const rows = await db.flowRun.findMany({
    where: { shop, OR: or },
    orderBy: { startedAt: "desc" },
    take: 100,
    select: {
      id: true,
      flowKey: true,
      status: true,
      startedAt: true,
      endedAt: true,
      customerShopifyId: true,
      email: true,
      context: true,
    },
  });
  return rows.map((r) => ({ ...r, context: parseContext(r.context) }));
}

export function parseContext(json: string): RunContext {
  try {
    return JSON.parse(json) as RunContext;
  } catch {
    return {};
  }
}

async function consentOf(db: Db, shop: string, customerShopifyId: string | null, email: string | null) {
  const customer = customerShopifyId
    ? await db.customer.findUnique({
        where: { shop_shopifyId: { shop, shopifyId: customerShopifyId } },
        select: { marketingState: true, email: true },
      })
    : email
      ? await db.customer.findFirst({
          where: { shop, emailLower: email.toLowerCase() },
          select: { marketingState: true, email: true },
        })
      : null;
  return {
    consent: customer?.marketingState === "SUBSCRIBED",
    email: customer?.email ?? null,
    known: Boolean(customer),
  };
}

function checkoutItems(json: string): RunItem[] {
  try {
    const lines = JSON.parse(json) as Array<Record<string, unknown>>;
    return lines.map((l) => ({
      productShopifyId: l.productId == null ? null : String(l.productId),
      variantShopifyId: l.variantId == null ? null : String(l.variantId),
      title: String(l.title ?? ""),
      variantTitle: l.variantTitle == null ? null : String(l.variantTitle),
      quantity: Number(l.quantity ?? 1),
      priceMinor: Number(l.priceMinor ?? 0),
    }));
  } catch {
    return [];
  }
}

/** Turns a domain event into the engine's trigger; null when flows do not care about it. */
async function toTrigger(
  db: Db,
  event: DomainEvent,
): Promise<{ trigger: Trigger; who: { customerShopifyId: string | null; email: string | null } } | null> {
  const { shop } = event;
  switch (event.type) {
    case "checkout_updated": {
      const c = await db.checkout.findUnique({ where: { shop_token: { shop, token: event.token } } });
      if (!c) return null;
      const createdAt = c.sourceCreatedAt ?? c.createdAt;
      const customerOr = [];
      if (c.customerShopifyId) customerOr.push({ customerShopifyId: c.customerShopifyId });
      if (c.emailLower) customerOr.push({ email: c.emailLower });
      const order = await db.order.findFirst({
        where: {
          shop,
          OR: [
            { checkoutToken: c.token },
            ...(customerOr.length ? [{ OR: customerOr, processedAt: { gte: createdAt } }] : []),
          ],
        },
        select: { id: true },
      });
      return {
        who: { customerShopifyId: c.customerShopifyId, email: c.emailLower ?? c.email },
        trigger: {
          kind: "checkout_updated",
          orderedSinceCheckout: Boolean(order),
          checkout: {
            token: c.token,
            email: c.emailLower ?? c.email?.toLowerCase() ?? null,
            customerShopifyId: c.customerShopifyId,
            acceptsMarketing: c.buyerAcceptsMarketing,
            items: checkoutItems(c.lines),
            recoveryUrl: c.abandonedCheckoutUrl,
            currency: c.currency,
            totalMinor: c.totalMinor,
            createdAt,
            updatedAt: c.sourceUpdatedAt ?? c.updatedAt,
            completed: Boolean(c.completedAt || c.convertedOrderId),
          },
        },
      };
    }
    case "order_created": {
      const o = await db.order.findUnique({
        where: { shop_shopifyId: { shop, shopifyId: event.orderShopifyId } },
        select: {
          shopifyId: true,
          name: true,
          email: true,
          customerShopifyId: true,
          checkoutToken: true,
          processedAt: true,
          lines: { select: { productShopifyId: true } },
        },
      });
      if (!o) return null;
      const customerShopifyId = o.customerShopifyId ?? event.customerShopifyId;
      const earlier = customerShopifyId
        ? await db.order.count({
            where: { shop, customerShopifyId, processedAt: { lt: o.processedAt }, cancelledAt: null },
          })
        : 0;
      return {
        who: { customerShopifyId, email: o.email },
        trigger: {
          kind: "order_created",
          orderShopifyId: o.shopifyId,
          orderName: o.name,
          customerShopifyId,
          email: o.email?.toLowerCase() ?? null,
          checkoutToken: o.checkoutToken ?? event.checkoutToken,
          isFirstOrder: earlier === 0,
          productShopifyIds: [
            ...new Set(o.lines.map((l) => l.productShopifyId).filter((x): x is string => Boolean(x))),
          ],
          processedAt: o.processedAt,
        },
      };
    }
    case "order_cancelled":
    case "order_updated": {
      const o = await db.order.findUnique({
        where: { shop_shopifyId: { shop, shopifyId: event.orderShopifyId } },
        select: { customerShopifyId: true, email: true, cancelledAt: true, refundedMinor: true },
      });
      const cancelled = event.type === "order_cancelled" || Boolean(o?.cancelledAt);
      if (!cancelled && !(o && o.refundedMinor > 0)) return null;
      const customerShopifyId =
        o?.customerShopifyId ?? (event.type === "order_cancelled" ? event.customerShopifyId : null);
      return {
        who: { customerShopifyId, email: o?.email ?? null },
        trigger: {
          kind: "order_ended",
          orderShopifyId: event.orderShopifyId,
          customerShopifyId,
          why: cancelled ? "cancelled" : "refunded",
        },
      };
    }
    case "consent_changed":
      // consent_changed is announced only when the state changes, so SUBSCRIBED here is a transition.
      if (event.state === "SUBSCRIBED") return { who: event, trigger: await subscribedTrigger(db, event) };
      return {
        who: { customerShopifyId: event.customerShopifyId, email: event.email },
        trigger: { kind: "unsubscribed", customerShopifyId: event.customerShopifyId, email: event.email },
      };
    case "customer_redacted":
      return {
        who: { customerShopifyId: event.customerShopifyId, email: null },
        trigger: { kind: "customer_redacted", customerShopifyId: event.customerShopifyId },
      };
    case "shop_uninstalled":
      return { who: { customerShopifyId: null, email: null }, trigger: { kind: "shop_uninstalled" } };
    case "pixel_event": {
      if (!event.customerShopifyId) return null;
      const customer = await db.customer.findUnique({
        where: { shop_shopifyId: { shop, shopifyId: event.customerShopifyId } },
        select: { emailLower: true },
      });
      const recentViews =
        event.name === "product_viewed" && event.productShopifyId
          ? await db.pixelEvent.count({
              where: {
                shop,
                customerShopifyId: event.customerShopifyId,
                productShopifyId: event.productShopifyId,
                name: "product_viewed",
                occurredAt: { gte: new Date(event.at.getTime() - 7 * DAY_MS), lte: event.at },
              },
            })
          : 0;
      return {
        who: { customerShopifyId: event.customerShopifyId, email: customer?.emailLower ?? null },
        trigger: {
          kind: "storefront_activity",
          name: event.name,
          customerShopifyId: event.customerShopifyId,
          email: customer?.emailLower ?? null,
          productShopifyId: event.productShopifyId,
          recentViews: Math.max(recentViews, event.name === "product_viewed" ? 1 : 0),
          at: event.at,
        },
      };
    }
    case "customer_updated":
    case "orders_backfilled": // win-back and anniversary scan the statistics backfill recomputes
    case "product_updated":
    case "product_deleted":
    case "shop_redacted":
      return null;
  }
}

/** Handles one domain event for the flows module. */
export async function handleFlowEvent(db: Db, event: DomainEvent, now: Date): Promise<ApplyResult | null> {
  const found = await toTrigger(db, event);
  if (!found) return null;
  const { trigger, who } = found;
  const [flows, policy, runs, consent] = await Promise.all([
    loadEnabledFlows(db, event.shop),
    loadShopPolicy(db, event.shop),
    trigger.kind === "shop_uninstalled" ? Promise.resolve([]) : loadCustomerRuns(db, event.shop, who),
    consentOf(db, event.shop, who.customerShopifyId, who.email),
  ]);
  if (trigger.kind === "subscribed" && flows.welcome && !trigger.hasOrdered)
    trigger.bestSellers = await welcomeBestSellers(db, event.shop, now.getTime());
  const actions = decideTrigger({
    shop: event.shop,
    now,
    trigger,
    flows,
    runs,
    consent: consent.consent,
    holdoutPercent: policy.holdoutPercent,
  });
  const result = await applyTriggerActions(db, event.shop, actions, now);
  if (trigger.kind === "customer_redacted") {
    // Runs outlive the customer only as counts: erase what identifies them.
    await db.flowRun.updateMany({
      where: { shop: event.shop, customerShopifyId: trigger.customerShopifyId },
      data: { email: null, context: "{}" },
    });
  }
  return result;
}
