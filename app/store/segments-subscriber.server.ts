// Keeps segments current as orders and profiles arrive: the touched customer is recomputed in one
// statement (segments.server.ts); a finished backfill recomputes the whole shop. The daily scan
// recomputes every shop as time passes (app/scheduler/task.server.ts).
import { now } from "../clock.server";
import type { Db } from "../db/client.server";
import { subscribe } from "../domain/bus.server";
import { recomputeCustomerSegments, recomputeShopSegments } from "./segments.server";

/** order_updated (refund, edit) carries no customer: the stored order names them. */
async function orderCustomer(db: Db, shop: string, orderShopifyId: string): Promise<string[]> {
  const order = await db.order.findUnique({
    where: { shop_shopifyId: { shop, shopifyId: orderShopifyId } },
    select: { customerShopifyId: true },
  });
  return order?.customerShopifyId ? [order.customerShopifyId] : [];
}

const NAME = "store.segments";

subscribe(NAME, "order_created", async (db, e) => {
  if (e.customerShopifyId) await recomputeCustomerSegments(db, e.shop, [e.customerShopifyId], now());
});
subscribe(NAME, "order_cancelled", async (db, e) => {
  if (e.customerShopifyId) await recomputeCustomerSegments(db, e.shop, [e.customerShopifyId], now());
});
subscribe(NAME, "order_updated", async (db, e) => {
  await recomputeCustomerSegments(db, e.shop, await orderCustomer(db, e.shop, e.orderShopifyId), now());
});
subscribe(NAME, "customer_updated", async (db, e) => {
  await recomputeCustomerSegments(db, e.shop, [e.customerShopifyId], now());
});
subscribe(NAME, "orders_backfilled", async (db, e) => {
  await recomputeShopSegments(db, e.shop, now());
});
