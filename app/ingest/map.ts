// Webhook payloads (validated by payloads.ts) → the store's normalised inputs.
import { consentTime } from "../store/consent-time";
import { dateOrNull, marketingState, preferGid, shopifyId, stripHtml, toMinor } from "../store/values";
import type { CheckoutInput, ConsentInput, CustomerInput, OrderInput, ProductInput } from "../store/types";
import type { CheckoutPayload, CustomerPayload, OrderPayload, ProductPayload } from "./payloads";

function tagsText(tags: string | string[] | null | undefined): string {
  if (!tags) return "";
  const list = Array.isArray(tags) ? tags : tags.split(",");
  return list
    .map((t) => t.trim())
    .filter(Boolean)
    .join(", ");
}

export function consentFromPayload(
  consent:
    | { state: string; opt_in_level?: string | null; consent_updated_at?: string | null }
    | null
    | undefined,
  fallbackAt: Date | null,
): ConsentInput | null {
  if (!consent) return null;
  const state = marketingState(consent.state);
  return {
    state,
    optInLevel: consent.opt_in_level ? consent.opt_in_level.toUpperCase() : null,
    updatedAt: consentTime(state, dateOrNull(consent.consent_updated_at), fallbackAt),
  };
}

export function customerFromPayload(
  p: Partial<CustomerPayload>,
  fallbackAt: Date | null,
): CustomerInput | null {
  const id = preferGid(p.admin_graphql_api_id, p.id);
  if (!id) return null;
  const updatedAt = dateOrNull(p.updated_at);
  return {
    shopifyId: id,
    email: p.email ?? null,
    firstName: p.first_name ?? null,
    lastName: p.last_name ?? null,
    locale: p.locale ?? null,
    tags: tagsText(p.tags),
    countryCode: p.default_address?.country_code ?? null,
    timeZone: null,
    consent: consentFromPayload(p.email_marketing_consent, updatedAt ?? fallbackAt),
    updatedAt,
  };
}

function refunded(p: OrderPayload): number {
  let total = 0;
  for (const refund of p.refunds ?? []) {
    for (const t of refund.transactions ?? []) {
      if (t.kind === "refund" && (t.status ?? "success") === "success") total += toMinor(t.amount);
    }
  }
  return total;
}

export function orderFromPayload(p: OrderPayload): OrderInput {
  const id = preferGid(p.admin_graphql_api_id, p.id);
  if (!id) throw new Error("order without id");
  const processedAt = dateOrNull(p.processed_at) ?? dateOrNull(p.created_at);
  if (!processedAt) throw new Error("order without processed_at or created_at");
  return {
    shopifyId: id,
    name: p.name ?? null,
    customerShopifyId: p.customer ? preferGid(p.customer.admin_graphql_api_id, p.customer.id) : null,
    email: p.email || p.contact_email || p.customer?.email || null,
    checkoutToken: p.checkout_token ?? null,
    currency: p.currency ?? "USD",
    subtotalMinor: toMinor(p.subtotal_price),
    totalMinor: toMinor(p.total_price),
    refundedMinor: refunded(p),
    financialStatus: p.financial_status ?? null,
    discountCodes: (p.discount_codes ?? []).map((d) => d.code),
    landingSite: p.landing_site ?? null,
    sourceName: p.source_name ?? null,
    processedAt,
    cancelledAt: dateOrNull(p.cancelled_at),
    updatedAt: dateOrNull(p.updated_at),
    lines: p.line_items.map((l) => ({
      shopifyId: preferGid(l.admin_graphql_api_id, l.id),
      productShopifyId: shopifyId(l.product_id),
      variantShopifyId: shopifyId(l.variant_id),
      title: l.title ?? l.name ?? "",
      variantTitle: l.variant_title ?? null,
      sku: l.sku ?? null,
      productType: null,
      quantity: l.quantity,
      priceMinor: toMinor(l.price),
    })),
  };
}

export function checkoutFromPayload(p: CheckoutPayload): CheckoutInput {
  return {
    token: p.token,
    cartToken: p.cart_token ?? null,
    customerShopifyId: p.customer ? preferGid(p.customer.admin_graphql_api_id, p.customer.id) : null,
    email: p.email || p.customer?.email || null,
    abandonedCheckoutUrl: p.abandoned_checkout_url ?? null,
    buyerAcceptsMarketing: p.buyer_accepts_marketing ?? false,
    currency: p.presentment_currency ?? p.currency ?? "USD",
    totalMinor: toMinor(p.total_price),
    lines: p.line_items.map((l) => ({
      productId: shopifyId(l.product_id),
      variantId: shopifyId(l.variant_id),
      title: l.title ?? l.presentment_title ?? "",
      variantTitle: l.variant_title ?? null,
      quantity: l.quantity,
      priceMinor: toMinor(l.price),
      imageUrl: l.image_url ?? null,
    })),
    completedAt: dateOrNull(p.completed_at),
    createdAt: dateOrNull(p.created_at),
    updatedAt: dateOrNull(p.updated_at),
  };
}

export function productFromPayload(p: ProductPayload): ProductInput {
  const id = preferGid(p.admin_graphql_api_id, p.id);
  if (!id) throw new Error("product without id");
  const image = p.image ?? p.images?.[0] ?? null;
  return {
    shopifyId: id,
    title: p.title,
    handle: p.handle ?? null,
    description: stripHtml(p.body_html),
    productType: p.product_type || null,
    vendor: p.vendor || null,
    tags: tagsText(p.tags),
    status: (p.status ?? "active").toUpperCase(),
    imageUrl: image?.src ?? null,
    imageAlt: image?.alt ?? null,
    variants: p.variants.map((v) => {
      const tracked = v.inventory_management !== null && v.inventory_management !== undefined;
      const qty = v.inventory_quantity ?? null;
      return {
        id: preferGid(v.admin_graphql_api_id, v.id) ?? "",
        title: v.title ?? "",
        priceMinor: toMinor(v.price),
        inventoryQuantity: qty,
        available: v.inventory_policy === "continue" || !tracked || (qty ?? 0) > 0,
      };
    }),
    updatedAt: dateOrNull(p.updated_at),
  };
}
