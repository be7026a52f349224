// REST-shaped webhook bodies for the demo's replays, built from demo store facts: what Shopify
// would send for checkouts/create and orders/create (API 2026-10: no checkout id on either).
export interface ReplayCustomer {
  shopifyId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  marketingState: string;
}

export interface ReplayLine {
  productId: string;
  variantId: string;
  title: string;
  variantTitle: string | null;
  priceMinor: number;
  quantity: number;
}

const amount = (minor: number) => (minor / 100).toFixed(2);
const total = (lines: ReplayLine[]) => lines.reduce((sum, l) => sum + l.priceMinor * l.quantity, 0);

function customerBlock(c: ReplayCustomer, at: string) {
  return {
    id: Number(c.shopifyId),
    admin_graphql_api_id: `gid://shopify/Customer/${c.shopifyId}`,
    email: c.email,
    first_name: c.firstName,
    last_name: c.lastName,
    email_marketing_consent: {
      state: c.marketingState.toLowerCase(),
      opt_in_level: "single_opt_in",
      consent_updated_at: null,
    },
    updated_at: at,
  };
}

export function checkoutPayload(input: {
  token: string;
  customer: ReplayCustomer;
  lines: ReplayLine[];
  at: Date;
  recoveryBaseUrl: string;
  currency: string;
}) {
  const at = input.at.toISOString();
  return {
    token: input.token,
    cart_token: `cart-${input.token}`,
    email: input.customer.email,
    buyer_accepts_marketing: input.customer.marketingState === "SUBSCRIBED",
    currency: input.currency,
    presentment_currency: input.currency,
    total_price: amount(total(input.lines)),
    subtotal_price: amount(total(input.lines)),
    abandoned_checkout_url: `${input.recoveryBaseUrl.replace(/\/$/, "")}/checkouts/${input.token}/recover`,
    created_at: at,
    updated_at: at,
    completed_at: null,
    customer: customerBlock(input.customer, at),
    line_items: input.lines.map((l) => ({
      product_id: Number(l.productId),
      variant_id: Number(l.variantId),
      title: l.title,
      presentment_title: l.title,
      variant_title: l.variantTitle,
      quantity: l.quantity,
      price: amount(l.priceMinor),
      image_url: null,
    })),
  };
}

export function orderPayload(input: {
  orderId: string;
  number: number;
  customer: ReplayCustomer;
  lines: ReplayLine[];
  at: Date;
  checkoutToken: string | null;
  currency: string;
}) {
  const at = input.at.toISOString();
  const sum = total(input.lines);
  return {
    id: Number(input.orderId),
    admin_graphql_api_id: `gid://shopify/Order/${input.orderId}`,
    name: `#${input.number}`,
    email: input.customer.email,
    contact_email: input.customer.email,
    checkout_token: input.checkoutToken,
    currency: input.currency,
    subtotal_price: amount(sum),
    total_price: amount(sum),
    financial_status: "paid",
    discount_codes: [],
    landing_site: "/",
    source_name: "web",
    processed_at: at,
    created_at: at,
    updated_at: at,
    cancelled_at: null,
    customer: customerBlock(input.customer, at),
    line_items: input.lines.map((l, k) => ({
      id: Number(`${input.orderId.slice(-6)}${k}`),
      product_id: Number(l.productId),
      variant_id: Number(l.variantId),
      title: l.title,
      name: l.variantTitle ? `${l.title} - ${l.variantTitle}` : l.title,
      variant_title: l.variantTitle,
      sku: null,
      quantity: l.quantity,
      price: amount(l.priceMinor),
    })),
    refunds: [],
  };
}
