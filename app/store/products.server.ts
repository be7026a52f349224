// Products of one shop: plain-text description, variants with prices, and the content hash that
// drafting compares to mark drafts stale. Deletion is terminal (a tombstone keeps late updates out).
import type { Tx } from "./customers.server";
import { createOrConflict, expectOne } from "./conflict";
import { isNewer } from "./merge";
import type { ProductInput } from "./types";
import { productContentHash } from "./values";

export interface ProductChange {
  shopifyId: string;
  created: boolean;
  contentChanged: boolean;
  /** Content for an already deleted product (arrived late): stored, not announced. */
  deleted: boolean;
}

export function productRow(p: ProductInput) {
  const prices = p.variants.map((v) => v.priceMinor);
  return {
    title: p.title,
    handle: p.handle,
    description: p.description,
    productType: p.productType,
    vendor: p.vendor,
    tags: p.tags,
    status: p.status,
    imageUrl: p.imageUrl,
    imageAlt: p.imageAlt,
    variants: JSON.stringify(p.variants),
    minPriceMinor: prices.length ? Math.min(...prices) : 0,
    contentHash: productContentHash(p.title, p.description, p.variants),
    sourceUpdatedAt: p.updatedAt,
  };
}

export async function applyProducts(
  db: Tx,
  shop: string,
  inputs: ProductInput[],
  options: { strict?: boolean } = {},
): Promise<ProductChange[]> {
  if (inputs.length === 0) return [];
  const rows = await db.product.findMany({
    where: { shop, shopifyId: { in: inputs.map((p) => p.shopifyId) } },
    select: { id: true, shopifyId: true, sourceUpdatedAt: true, contentHash: true, deletedAt: true },
  });
  const stored = new Map(rows.map((r) => [r.shopifyId, r]));
  const changes: ProductChange[] = [];
  for (const p of inputs) {
    const prev = stored.get(p.shopifyId);
    // A deleted product only takes content older than its deletion (a reordered delivery), so the
    // stored row ends the same whatever order the deliveries came in; nothing newer ever comes.
    if (prev?.deletedAt && (!p.updatedAt || p.updatedAt > prev.deletedAt)) continue;
    if (prev && !isNewer(p.updatedAt, prev.sourceUpdatedAt, options.strict)) continue;
    const data = productRow(p);
    if (prev) {
      const updated = await db.product.updateMany({
        where: { id: prev.id, sourceUpdatedAt: prev.sourceUpdatedAt, deletedAt: prev.deletedAt },
        data,
      });
      expectOne("product", updated);
    } else {
      await createOrConflict("product", () =>
        db.product.create({ data: { shop, shopifyId: p.shopifyId, ...data } }),
      );
    }
    stored.set(p.shopifyId, {
      id: prev?.id ?? "",
      shopifyId: p.shopifyId,
      sourceUpdatedAt: p.updatedAt,
      contentHash: data.contentHash,
      deletedAt: prev?.deletedAt ?? null,
    });
    changes.push({
      shopifyId: p.shopifyId,
      created: !prev,
      contentChanged: prev?.contentHash !== data.contentHash,
      deleted: !!prev?.deletedAt,
    });
  }
  return changes;
}

/** Returns true when this delivery deleted it (false: already gone). */
export async function deleteProduct(db: Tx, shop: string, shopifyId: string, at: Date): Promise<boolean> {
  const prev = await db.product.findUnique({
    where: { shop_shopifyId: { shop, shopifyId } },
    select: { deletedAt: true },
  });
  if (prev?.deletedAt) return false;
  await db.product.upsert({
    where: { shop_shopifyId: { shop, shopifyId } },
    create: { shop, shopifyId, title: "", deletedAt: at },
    update: { deletedAt: at },
  });
  return true;
}
