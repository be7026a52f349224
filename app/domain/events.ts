// Domain events: what ingest (webhooks, pixel, backfill) tells the rest of Tend after it has
// applied a change to the store. Subscribers (flows, drafting, insights) react in their own modules.
export type DomainEvent =
  | { type: "checkout_updated"; shop: string; token: string; at: Date }
  | {
      type: "order_created";
      shop: string;
      orderShopifyId: string;
      customerShopifyId: string | null;
      checkoutToken: string | null;
      at: Date;
    }
  | { type: "order_updated"; shop: string; orderShopifyId: string; at: Date } // paid, refunded, edited
  | {
      type: "order_cancelled";
      shop: string;
      orderShopifyId: string;
      customerShopifyId: string | null;
      at: Date;
    }
  | { type: "customer_updated"; shop: string; customerShopifyId: string; at: Date }
  /**
   * A bulk backfill finished importing the shop's order history. Backfilled orders, customers and
   * products publish no per-record events (a two-year history must not start post-purchase mail);
   * this one event lets a module catch up from the store if it needs to.
   */
  | { type: "orders_backfilled"; shop: string; at: Date }
  | {
      type: "consent_changed";
      shop: string;
      customerShopifyId: string;
      email: string | null;
      state: string; // SUBSCRIBED, UNSUBSCRIBED, ...
      at: Date;
    }
  | { type: "customer_redacted"; shop: string; customerShopifyId: string; at: Date }
  | { type: "product_updated"; shop: string; productShopifyId: string; at: Date }
  | { type: "product_deleted"; shop: string; productShopifyId: string; at: Date }
  | {
      type: "pixel_event";
      shop: string;
      name: "product_viewed" | "product_added_to_cart" | "checkout_started";
      customerShopifyId: string | null;
      productShopifyId: string | null;
      checkoutToken: string | null;
      at: Date;
    }
  | { type: "shop_uninstalled"; shop: string; at: Date }
  | { type: "shop_redacted"; shop: string; at: Date };

export type DomainEventType = DomainEvent["type"];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
