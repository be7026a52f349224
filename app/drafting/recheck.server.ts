// Judges a stored draft against today's rules: the current voice guide, shop cap and product data.
// Approval always goes through here, so a stale price or a tightened cap blocks old copy too.
import type { Db } from "../db/client.server";
import type { CopyContent } from "../domain/copy";
import { type ShopContext, loadShopContext } from "./context.server";
import { buildDraftInput } from "./facts";
import { loadProducts, productFacts, productHash } from "./products.server";
import { type Review, reviewCopy } from "./review";

export interface Rechecked {
  review: Review;
  productHash: string | null;
  productMissing: boolean;
}

export function parseStoredContent(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function recheck(
  db: Db,
  shop: string,
  draft: { stepKey: string; productShopifyId: string | null },
  content: CopyContent | unknown,
  ctx?: ShopContext,
): Promise<Rechecked> {
  const context = ctx ?? (await loadShopContext(db, shop));
  const row = draft.productShopifyId
    ? ((await loadProducts(db, shop, [draft.productShopifyId])).get(draft.productShopifyId) ?? null)
    : null;
  const input = buildDraftInput({
    shopName: context.shopName,
    stepKey: draft.stepKey,
    product: row ? productFacts(row, context.currency) : null,
    voice: context.voice,
    shopMaxDiscountPercent: context.settings.maxDiscountPercent,
  });
  const review = reviewCopy(content, input);
  const productMissing = Boolean(draft.productShopifyId && !row);
  if (productMissing) {
    review.findings.push({
      source: "guardrail",
      rule: "product_missing",
      severity: "block",
      message: "The product is no longer in the catalog",
    });
    review.approvable = false;
  }
  return { review, productHash: row ? productHash(row) : null, productMissing };
}
