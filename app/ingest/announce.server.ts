// Which domain events a store change announces, shared by webhook handlers and reconciliation.
// Only applied changes are announced: an ignored older payload announces nothing. Webhook handlers
// record the events in the same transaction as the store writes (handler-kit applyThenAnnounce),
// so a delivery that fails or dies after applying still announces them on its retry.
import type { Db } from "../db/client.server";
import { publishBatch } from "../domain/bus.server";
import type { DomainEvent } from "../domain/events";
import type { CheckoutChange } from "../store/checkouts.server";
import type { CustomerChange } from "../store/customers.server";
import type { OrderChange } from "../store/orders.server";

/** Consent first: a send decided after this point must already see the new state. */
export function customerEvents(
  shop: string,
  changes: CustomerChange[],
  at: Date,
  announceProfile: (c: CustomerChange) => boolean,
): DomainEvent[] {
  const events: DomainEvent[] = [];
  for (const c of changes) {
    if (c.consent) {
      events.push({
        type: "consent_changed",
        shop,
        customerShopifyId: c.shopifyId,
        email: c.consent.email,
        state: c.consent.state,
        at,
      });
    }
    if (announceProfile(c))
      events.push({ type: "customer_updated", shop, customerShopifyId: c.shopifyId, at });
  }
  return events;
}

export function orderEvents(shop: string, changes: OrderChange[], at: Date): DomainEvent[] {
  const events: DomainEvent[] = [];
  for (const o of changes) {
    if (o.created) {
      events.push({
        type: "order_created",
        shop,
        orderShopifyId: o.shopifyId,
        customerShopifyId: o.customerShopifyId,
        checkoutToken: o.checkoutToken,
        at,
      });
    } else {
      events.push({ type: "order_updated", shop, orderShopifyId: o.shopifyId, at });
    }
    if (o.cancelledNow) {
      events.push({
        type: "order_cancelled",
        shop,
        orderShopifyId: o.shopifyId,
        customerShopifyId: o.customerShopifyId,
        at,
      });
    }
  }
  return events;
}

export function checkoutEvents(shop: string, changes: CheckoutChange[], at: Date): DomainEvent[] {
  return changes.map((c) => ({ type: "checkout_updated", shop, token: c.token, at }));
}

/** One delivery's events, published as one batch (in order; a shop's settings read once). */
export function publishAll(db: Db, events: DomainEvent[]): Promise<void> {
  return publishBatch(db, events);
}

export function announceCustomers(
  db: Db,
  shop: string,
  changes: CustomerChange[],
  at: Date,
  announceProfile: (c: CustomerChange) => boolean,
): Promise<void> {
  return publishAll(db, customerEvents(shop, changes, at, announceProfile));
}

export function announceOrders(db: Db, shop: string, changes: OrderChange[], at: Date): Promise<void> {
  return publishAll(db, orderEvents(shop, changes, at));
}

export function announceCheckouts(db: Db, shop: string, changes: CheckoutChange[], at: Date): Promise<void> {
  return publishAll(db, checkoutEvents(shop, changes, at));
}
