// Drafting's domain-event subscribers. A product change marks that product's drafts stale for
// review (approved copy may now state an old price) and asks for fresh copy; a deleted product's
// drafts go stale too; a finished backfill proposes a business context from the shop's history,
// then asks for the catalog's first drafts.
import { subscribe } from "../domain/bus.server";
import { refreshProposal } from "./business-context.server";
import { markProductDraftsStale } from "./stale.server";
import { onCatalogKnown, onProductChanged } from "./triggers.server";

subscribe("drafting.stale-on-product-update", "product_updated", async (db, event) => {
  await markProductDraftsStale(db, event.shop, event.productShopifyId, event.at);
  await onProductChanged(db, event.shop, event.productShopifyId, event.at);
});

subscribe("drafting.stale-on-product-delete", "product_deleted", async (db, event) => {
  await markProductDraftsStale(db, event.shop, event.productShopifyId, event.at, { deleted: true });
});

// Before the first drafts, so they are written from the proposed business context.
subscribe("drafting.business-context-on-backfill", "orders_backfilled", async (db, event) => {
  await refreshProposal(db, event.shop, event.at);
});

subscribe("drafting.first-drafts-on-backfill", "orders_backfilled", async (db, event) => {
  await onCatalogKnown(db, event.shop, event.at);
});
