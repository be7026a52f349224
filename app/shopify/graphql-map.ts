// Admin GraphQL shapes (bulk JSONL lines and reconciliation nodes) → the store's inputs.
// Bulk results are flat: a child line (variant, line item) names its parent in `__parentId`.
import { z } from "zod";
import type {
  CheckoutInput,
  CustomerInput,
  OrderInput,
  OrderLineInput,
  ProductInput,
  VariantInput,
} from "../store/types";
import { consentTime } from "../store/consent-time";
import { dateOrNull, marketingState, shopifyId, stripHtml, toMinor } from "../store/values";

const text = z.string().nullish();
const moneyBag = z.object({ shopMoney: z.object({ amount: z.union([z.string(), z.number()]) }) }).nullish();

export const customerNode = z.object({
  id: z.string(),
  firstName: text,
  lastName: text,
  locale: text,
  tags: z.array(z.string()).nullish(),
  updatedAt: z.string(),
  defaultEmailAddress: z
    .object({
      emailAddress: text,
      marketingState: text,
      marketingOptInLevel: text,
      marketingUpdatedAt: text,
    })
    .nullish(),
  defaultAddress: z.object({ countryCodeV2: text, timeZone: text }).nullish(),
});

export function customerFromNode(n: z.infer<typeof customerNode>): CustomerInput {
  const email = n.defaultEmailAddress;
  const updatedAt = dateOrNull(n.updatedAt);
  return {
    shopifyId: shopifyId(n.id) ?? "",
    email: email?.emailAddress ?? null,
    firstName: n.firstName ?? null,
    lastName: n.lastName ?? null,
    locale: n.locale ?? null,
    tags: (n.tags ?? []).join(", "),
    countryCode: n.defaultAddress?.countryCodeV2 ?? null,
    timeZone: n.defaultAddress?.timeZone ?? null,
    consent: email?.marketingState
      ? {
          state: marketingState(email.marketingState),
          optInLevel: email.marketingOptInLevel ?? null,
          updatedAt: consentTime(
            marketingState(email.marketingState),
            dateOrNull(email.marketingUpdatedAt),
            updatedAt,
          ),
        }
      : null,
    updatedAt,
  };
}

export const lineItemNode = z.object({
  id: text,
  title: text,
  variantTitle: text,
  sku: text,
  quantity: z.number().int(),
  originalUnitPriceSet: moneyBag,
  product: z.object({ id: z.string(), productType: text }).nullish(),
  variant: z.object({ id: z.string() }).nullish(),
});

export function lineFromNode(n: z.infer<typeof lineItemNode>): OrderLineInput {
  return {
    shopifyId: shopifyId(n.id),
    productShopifyId: shopifyId(n.product?.id),
    variantShopifyId: shopifyId(n.variant?.id),
    title: n.title ?? "",
    variantTitle: n.variantTitle ?? null,
    sku: n.sku ?? null,
    productType: n.product?.productType || null,
    quantity: n.quantity,
    priceMinor: toMinor(n.originalUnitPriceSet?.shopMoney.amount),
  };
}

export const orderNode = z.object({
  id: z.string(),
  name: text,
  email: text,
  customer: z.object({ id: z.string() }).nullish(),
  checkoutToken: text,
  currencyCode: text,
  subtotalPriceSet: moneyBag,
  totalPriceSet: moneyBag,
  totalRefundedSet: moneyBag,
  displayFinancialStatus: text,
  discountCodes: z.array(z.string()).nullish(),
  sourceName: text,
  processedAt: z.string(),
  cancelledAt: text,
  updatedAt: z.string(),
  lineItems: z.object({ nodes: z.array(lineItemNode) }).nullish(),
});

export function orderFromNode(n: z.infer<typeof orderNode>, lines: OrderLineInput[] = []): OrderInput {
  const processedAt = dateOrNull(n.processedAt);
  if (!processedAt) throw new Error(`order ${n.id} without processedAt`);
  return {
    shopifyId: shopifyId(n.id) ?? "",
    name: n.name ?? null,
    customerShopifyId: shopifyId(n.customer?.id),
    email: n.email ?? null,
    checkoutToken: n.checkoutToken ?? null,
    currency: n.currencyCode ?? "USD",
    subtotalMinor: toMinor(n.subtotalPriceSet?.shopMoney.amount),
    totalMinor: toMinor(n.totalPriceSet?.shopMoney.amount),
    refundedMinor: toMinor(n.totalRefundedSet?.shopMoney.amount),
    financialStatus: n.displayFinancialStatus ? n.displayFinancialStatus.toLowerCase() : null,
    discountCodes: n.discountCodes ?? [],
    landingSite: null,
    sourceName: n.sourceName ?? null,
    processedAt,
    cancelledAt: dateOrNull(n.cancelledAt),
    updatedAt: dateOrNull(n.updatedAt),
    lines: n.lineItems ? n.lineItems.nodes.map(lineFromNode) : lines,
  };
}

export const variantNode = z.object({
  id: z.string(),
  title: text,
  price: z.union([z.string(), z.number()]).nullish(),
  inventoryQuantity: z.number().nullish(),
  availableForSale: z.boolean().nullish(),
});

export function variantFromNode(n: z.infer<typeof variantNode>): VariantInput {
  return {
    id: shopifyId(n.id) ?? "",
    title: n.title ?? "",
    priceMinor: toMinor(n.price),
    inventoryQuantity: n.inventoryQuantity ?? null,
    available: n.availableForSale ?? true,
  };
}

export const productNode = z.object({
  id: z.string(),
  title: z.string(),
  handle: text,
  descriptionHtml: text,
  productType: text,
  vendor: text,
  tags: z.array(z.string()).nullish(),
  status: text,
  updatedAt: z.string(),
  featuredMedia: z
    .object({ preview: z.object({ image: z.object({ url: text, altText: text }).nullish() }).nullish() })
    .nullish(),
});

export function productFromNode(n: z.infer<typeof productNode>, variants: VariantInput[]): ProductInput {
  const image = n.featuredMedia?.preview?.image;
  return {
    shopifyId: shopifyId(n.id) ?? "",
    title: n.title,
    handle: n.handle ?? null,
    description: stripHtml(n.descriptionHtml),
    productType: n.productType || null,
    vendor: n.vendor || null,
    tags: (n.tags ?? []).join(", "),
    status: (n.status ?? "ACTIVE").toUpperCase(),
    imageUrl: image?.url ?? null,
    imageAlt: image?.altText ?? null,
    variants,
    updatedAt: dateOrNull(n.updatedAt),
  };
}

export const abandonedCheckoutNode = z.object({
  id: z.string(),
  abandonedCheckoutUrl: z.string(),
  completedAt: text,
  createdAt: z.string(),
  updatedAt: z.string(),
  totalPriceSet: z
    .object({ shopMoney: z.object({ amount: z.union([z.string(), z.number()]), currencyCode: text }) })
    .nullish(),
  customer: z
    .object({ id: z.string(), defaultEmailAddress: z.object({ emailAddress: text }).nullish() })
    .nullish(),
  lineItems: z.object({
    nodes: z.array(
      z.object({
        title: text,
        variantTitle: text,
        quantity: z.number().int(),
        originalUnitPriceSet: moneyBag,
        product: z.object({ id: z.string() }).nullish(),
        variant: z.object({ id: z.string() }).nullish(),
      }),
    ),
  }),
});

/** The checkout token is the path segment before "/recover" in the abandoned checkout URL. */
export function checkoutTokenFromUrl(url: string): string | null {
  const match = /\/([^/?#]+)\/recover(?:[/?#]|$)/.exec(url);
  return match ? match[1] : null;
}

export function checkoutFromNode(n: z.infer<typeof abandonedCheckoutNode>): CheckoutInput | null {
  const token = checkoutTokenFromUrl(n.abandonedCheckoutUrl);
  if (!token) return null;
  return {
    token,
    cartToken: null,
    customerShopifyId: shopifyId(n.customer?.id),
    email: n.customer?.defaultEmailAddress?.emailAddress ?? null,
    abandonedCheckoutUrl: n.abandonedCheckoutUrl,
    buyerAcceptsMarketing: false,
    currency: n.totalPriceSet?.shopMoney.currencyCode ?? "USD",
    totalMinor: toMinor(n.totalPriceSet?.shopMoney.amount),
    lines: n.lineItems.nodes.map((l) => ({
      productId: shopifyId(l.product?.id),
      variantId: shopifyId(l.variant?.id),
      title: l.title ?? "",
      variantTitle: l.variantTitle ?? null,
      quantity: l.quantity,
      priceMinor: toMinor(l.originalUnitPriceSet?.shopMoney.amount),
      imageUrl: null,
    })),
    completedAt: dateOrNull(n.completedAt),
    createdAt: dateOrNull(n.createdAt),
    updatedAt: dateOrNull(n.updatedAt),
  };
}
