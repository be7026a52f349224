// The demo catalogue (app/demo/products-data.ts) read as the drafter sees products, for tests that
// must cover every template with every demo product.
import { DEMO_PRODUCTS } from "../../../app/demo/products-data";
import type { ProductFacts } from "../../../app/drafting/facts";

export const DEMO_FACTS: ProductFacts[] = DEMO_PRODUCTS.map((p, i) => ({
  shopifyId: String(9000 + i),
  title: p.title,
  description: p.description,
  productType: p.type,
  vendor: p.vendor,
  imageAlt: null,
  variants: (p.variants ?? ["Default Title"]).map((title) => ({ title, priceMinor: p.priceMinor })),
  priceMinor: p.priceMinor,
  currency: "USD",
}));
