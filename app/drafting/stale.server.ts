// Marks a product's drafts stale when the product no longer matches what they were written from.
import type { Db } from "../db/client.server";
import { loadProducts, productHash } from "./products.server";

export async function markProductDraftsStale(
  db: Db,
  shop: string,
  productShopifyId: string,
  at: Date,
  options: { deleted?: boolean } = {},
): Promise<number> {
  const row = options.deleted
    ? null
    : ((await loadProducts(db, shop, [productShopifyId])).get(productShopifyId) ?? null);
  const current = row ? productHash(row) : null;
  const drafts = await db.draft.findMany({
    where: { shop, productShopifyId, status: { in: ["pending", "approved", "parked"] } },
    select: { id: true, productHash: true },
  });
  const stale = drafts.filter((d) => current === null || d.productHash !== current);
  if (!stale.length) return 0;
  const reason =
    options.deleted || !row ? "product removed from the catalog" : "product changed since drafting";
  await db.$transaction([
    db.draft.updateMany({ where: { shop, id: { in: stale.map((d) => d.id) } }, data: { status: "stale" } }),
    db.draftAudit.createMany({
      data: stale.map((d) => ({ shop, draftId: d.id, action: "stale", actor: "system", reason, at })),
    }),
  ]);
  return stale.length;
}
