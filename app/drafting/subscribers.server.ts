// Drafting's domain-event subscribers: a product change marks that product's drafts stale for
// review (approved copy may now state an old price), and a deleted product's drafts likewise.
import { subscribe } from "../domain/bus.server";
import { markProductDraftsStale } from "./stale.server";

subscribe("drafting.stale-on-product-update", "product_updated", async (db, event) => {
  await markProductDraftsStale(db, event.shop, event.productShopifyId, event.at);
});

subscribe("drafting.stale-on-product-delete", "product_deleted", async (db, event) => {
  await markProductDraftsStale(db, event.shop, event.productShopifyId, event.at, { deleted: true });
});
