// Catalog rows for drafting tests, written through Prisma like ingest writes them.
import type { Db } from "../../../app/db/client.server";
import type { FlowKey } from "../../../app/flows/catalog";

export interface SeedProduct {
  shopifyId: string;
  title: string;
  description?: string;
  priceMinor?: number;
  variants?: Array<{ id?: string; title: string; priceMinor: number }>;
  imageAlt?: string | null;
  productType?: string;
  contentHash?: string | null;
}

export async function seedShop(db: Db, shop: string, options: { name?: string; flows?: FlowKey[] } = {}) {
  await db.shop.create({ data: { shop, name: options.name ?? "Ridge Supply", currency: "USD" } });
  for (const flowKey of options.flows ?? []) {
    await db.flowSetting.create({ data: { shop, flowKey, enabled: true } });
  }
}

export async function seedProduct(db: Db, shop: string, p: SeedProduct) {
  const price = p.priceMinor ?? 4900;
  const variants = p.variants ?? [{ id: `${p.shopifyId}01`, title: "Default Title", priceMinor: price }];
  return db.product.create({
    data: {
      shop,
      shopifyId: p.shopifyId,
      title: p.title,
      description: p.description ?? "Built to last. Packs down small and weighs very little.",
      productType: p.productType ?? "Gear",
      imageAlt: p.imageAlt ?? null,
      variants: JSON.stringify(variants),
      minPriceMinor: Math.min(...variants.map((v) => v.priceMinor)),
      contentHash: p.contentHash === undefined ? `h-${p.shopifyId}-1` : p.contentHash,
    },
  });
}

/** Orders with lines so best sellers rank by quantity. */
export async function seedSales(db: Db, shop: string, sales: Record<string, number>) {
  let n = 0;
  for (const [productShopifyId, quantity] of Object.entries(sales)) {
    n++;
    await db.order.create({
      data: {
        shop,
        shopifyId: `${Date.now()}${n}${Math.floor(Math.random() * 1e6)}`,
        processedAt: new Date("2026-10-01T00:00:00Z"),
        lines: { create: [{ shop, productShopifyId, title: "x", quantity, priceMinor: 100 }] },
      },
    });
  }
}
