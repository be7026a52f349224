// Publishing what changed in the store as domain events, shared by webhook handlers and
// reconciliation. Only applied changes are announced: an ignored older payload announces nothing.
import type { Db } from "../db/client.server";
import { publish } from "../domain/bus.server";
import type { CheckoutChange } from "../store/checkouts.server";
import type { CustomerChange } from "../store/customers.server";
import type { OrderChange } from "../store/orders.server";

/** Consent first: a send decided after this point must already see the new state. */
export async function announceCustomers(
  db: Db,
  shop: string,
  changes: CustomerChange[],
  at: Date,
  announceProfile: (c: CustomerChange) => boolean,
): Promise<void> {
  for (const c of changes) {
    if (c.consent) {
      await publish(db, {
        type: "consent_changed",
        shop,
        customerShopifyId: c.shopifyId,
        email: c.consent.email,
        state: c.consent.state,
        at,
      });
    }
    if (announceProfile(c))
      await publish(db, { type: "customer_updated", shop, customerShopifyId: c.shopifyId, at });
  }
}

export async function announceOrders(db: Db, shop: string, changes: OrderChange[], at: Date): Promise<void> {
  for (const o of changes) {
    if (o.created) {
      await publish(db, {
        type: "order_created",
        shop,
        orderShopifyId: o.shopifyId,
        customerShopifyId: o.customerShopifyId,
        checkoutToken: o.checkoutToken,
        at,
      });
    } else {
      await publish(db, { type: "order_updated", shop, orderShopifyId: o.shopifyId, at });
    }
    if (o.cancelledNow) {
      await publish(db, {
        type: "order_cancelled",
        shop,
        orderShopifyId: o.shopifyId,
        customerShopifyId: o.customerShopifyId,
        at,
      });
    }
  }
}

export async function announceCheckouts(
  db: Db,
  shop: string,
  changes: CheckoutChange[],
  at: Date,
): Promise<void> {
  for (const c of changes) await publish(db, { type: "checkout_updated", shop, token: c.token, at });
}
