// A cart rebuilt from the pixel's add-to-cart events: lines summed per variant and Shopify's cart
// permalink (/cart/<variant>:<qty>,...). Pure.
import { z } from "zod";

const variantsSchema = z.array(
  z.object({ id: z.coerce.string(), title: z.string().nullish(), priceMinor: z.coerce.number().int() }),
);

/** Product.variants JSON; an unreadable value reads as no variants (the product price is used). */
export function readVariants(json: string): z.infer<typeof variantsSchema> {
  try {
    const parsed = variantsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export interface CartLine {
  productId: string;
  variantId: string | null;
  quantity: number;
}

/** Add-to-cart events → lines, summed per variant, in the order they were first added. */
export function cartLines(
  events: Array<{
    productShopifyId: string | null;
    variantShopifyId: string | null;
    quantity: number | null;
  }>,
): CartLine[] {
  const lines = new Map<string, CartLine>();
  for (const e of events) {
    if (!e.productShopifyId) continue;
    const key = e.variantShopifyId ?? `p${e.productShopifyId}`;
    const line = lines.get(key) ?? {
      productId: e.productShopifyId,
      variantId: e.variantShopifyId,
      quantity: 0,
    };
    line.quantity = Math.min(999, line.quantity + (e.quantity ?? 1));
    lines.set(key, line);
  }
  return [...lines.values()];
}

/** Shopify's cart permalink; null when no line has a variant (the link would be an empty cart). */
export function cartPermalink(shop: string, lines: CartLine[]): string | null {
  const parts = lines.filter((l) => l.variantId).map((l) => `${l.variantId}:${l.quantity}`);
  return parts.length ? `https://${shop}/cart/${parts.join(",")}` : null;
}
