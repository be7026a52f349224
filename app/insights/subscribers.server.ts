// Insights listens to order events and keeps each order's attribution current. Orders are
// re-evaluated from the stored order every time, so redeliveries and out-of-order events agree.
import { subscribe } from "../domain/bus.server";
import { recomputeOrderAttribution } from "./attribute.server";
import { attributeBackfilledOrders } from "./backfill-attribution.server";

subscribe("insights.attribution", "order_created", (db, e) =>
  recomputeOrderAttribution(db, e.shop, e.orderShopifyId).then(() => {}),
);
subscribe("insights.attribution", "order_updated", (db, e) =>
  recomputeOrderAttribution(db, e.shop, e.orderShopifyId).then(() => {}),
);
subscribe("insights.attribution", "order_cancelled", (db, e) =>
  recomputeOrderAttribution(db, e.shop, e.orderShopifyId).then(() => {}),
);
// Backfilled orders announce nothing one by one: catch up on the ones Tend's messages could claim.
subscribe("insights.attribution", "orders_backfilled", (db, e) =>
  attributeBackfilledOrders(db, e.shop).then(() => {}),
);
