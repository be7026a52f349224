// Product rows as drafting facts, and the hash that tells when a product changed under its drafts.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client.server";
import type { ProductFacts } from "./facts";

const variantsSchema = z
  .array(
    z
      .object({ title: z.string().nullish(), priceMinor: z.coerce.number().int().nonnegative().nullish() })
      .loose(),
  )
  .catch([]);

export const PRODUCT_SELECT = {
  shopifyId: true,
  title: true,
  description: true,
  productType: true,
  vendor: true,
  imageAlt: true,
  variants: true,
  minPriceMinor: true,
  contentHash: true,
} as const;

export interface ProductRow {
  shopifyId: string;
  title: string;
  description: string;
  productType: string | null;
  vendor: string | null;
  imageAlt: string | null;
  variants: string;
  minPriceMinor: number;
  contentHash: string | null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return [];
  }
}

export function productFacts(row: ProductRow, currency: string): ProductFacts {
  const variants = variantsSchema
    .parse(parseJson(row.variants))
    .filter((v) => typeof v.priceMinor === "number")
    .map((v) => ({
      title: v.title && v.title !== "Default Title" ? v.title : "Default",
      priceMinor: v.priceMinor as number,
    }));
  const prices = variants.map((v) => v.priceMinor);
  const priceMinor = prices.length ? Math.min(...prices) : row.minPriceMinor;
  return {
    shopifyId: row.shopifyId,
    title: row.title,
    description: row.description,
    productType: row.productType,
    vendor: row.vendor,
    imageAlt: row.imageAlt,
    variants: variants.filter((v) => v.title !== "Default"),
    priceMinor,
    currency,
  };
}

/** Ingest's contentHash when it set one; otherwise a hash of the fields drafts are written from. */
export function productHash(row: ProductRow): string {
  if (row.contentHash) return row.contentHash;
  return createHash("sha256")
    .update(
      JSON.stringify([
        row.title,
        row.description,
        row.productType,
        row.vendor,
        row.imageAlt,
        row.variants,
        row.minPriceMinor,
      ]),
    )
    .digest("hex")
    .slice(0, 32);
}

export async function loadProducts(
  db: Db,
  shop: string,
  shopifyIds: string[],
): Promise<Map<string, ProductRow>> {
  if (!shopifyIds.length) return new Map();
  const rows = await db.product.findMany({
    where: { shop, shopifyId: { in: shopifyIds }, deletedAt: null },
    select: PRODUCT_SELECT,
  });
  return new Map(rows.map((r) => [r.shopifyId, r]));
}
