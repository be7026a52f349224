// What a message talks about, assembled from the run context and the store: the line items, the
// main product, the recovery link, and the merge values copy may use. Pure: the caller loads rows.
import { z } from "zod";
import type { MergeValues } from "./merge";
import { formatMoney } from "./merge";

const itemSchema = z.object({
  productId: z.coerce.string().nullish(),
  title: z.string(),
  variantTitle: z.string().nullish(),
  quantity: z.coerce.number().int().positive().catch(1),
  priceMinor: z.coerce.number().int().catch(0),
  imageUrl: z.string().nullish(),
});
export type ContextItem = z.infer<typeof itemSchema>;

/** The run-context keys delivery reads (the flows engine writes them when it enrolls). */
const contextSchema = z.object({
  checkoutToken: z.string().nullish().catch(null),
  recoveryUrl: z.string().nullish().catch(null),
  items: z.array(z.unknown()).nullish().catch(null),
  currency: z.string().nullish().catch(null),
  orderName: z.string().nullish().catch(null),
  firstProductTitle: z.string().nullish().catch(null),
  abandonedCheckoutId: z.string().nullish().catch(null),
  marketingActivityId: z.string().nullish().catch(null),
});
export type RunContext = z.infer<typeof contextSchema>;

export function readRunContext(context: Record<string, unknown>): RunContext {
  const parsed = contextSchema.safeParse(context ?? {});
  return parsed.success ? parsed.data : {};
}

/** Items from any JSON source (run context or Checkout.lines); malformed entries are dropped. */
export function readItems(raw: unknown): ContextItem[] {
  if (!Array.isArray(raw)) return [];
  const items: ContextItem[] = [];
  for (const entry of raw) {
    const parsed = itemSchema.safeParse(entry);
    if (parsed.success) items.push(parsed.data);
  }
  return items;
}

export function itemsSummary(items: ContextItem[], currency: string): string {
  return items
    .map((i) => {
      const name = i.variantTitle ? `${i.title} (${i.variantTitle})` : i.title;
      const qty = i.quantity > 1 ? `${i.quantity} × ` : "";
      return `${qty}${name}, ${formatMoney(i.priceMinor, currency)}`;
    })
    .join("; ");
}

export interface MergeInputs {
  firstName: string | null;
  shopName: string;
  mainProduct: { title: string; priceMinor: number } | null;
  items: ContextItem[];
  currency: string;
  recoveryLink: string | null;
  productLink: string | null;
  shopLink: string;
  discount: { code: string; percent: number } | null;
  orderName: string | null;
  firstProductTitle: string | null;
}

/** Values are plain text; absent ones stay unset so rendering fails closed if copy needs them. */
export function buildMergeValues(m: MergeInputs): MergeValues {
  const values: MergeValues = {
    first_name: m.firstName?.trim() || "there",
    shop_name: m.shopName,
    shop_url: m.shopLink,
  };
  if (m.mainProduct) {
    values.product_title = m.mainProduct.title;
    values.product_price = formatMoney(m.mainProduct.priceMinor, m.currency);
  }
  if (m.items.length) values.items = itemsSummary(m.items, m.currency);
  if (m.recoveryLink) values.recovery_url = m.recoveryLink;
  if (m.productLink) values.product_url = m.productLink;
  if (m.discount) {
    values.discount_code = m.discount.code;
    values.discount_percent = `${m.discount.percent}%`;
  }
  if (m.orderName) values.order_name = m.orderName;
  const first = m.firstProductTitle ?? m.mainProduct?.title ?? null;
  if (first) values.first_product_title = first;
  return values;
}
