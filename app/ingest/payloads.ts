// zod schemas for the webhook payloads Tend reads (REST-shaped JSON, API 2026-07+). Only the fields
// Tend uses are declared; anything else is ignored. Ids may be numbers or exact-text (see json.ts).
import { z } from "zod";

const id = z.union([z.string(), z.number()]);
const optId = id.nullish();
const text = z.string().nullish();
const money = z.union([z.string(), z.number()]).nullish();
const timestamp = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), "not a timestamp")
  .nullish();

export const consentSchema = z.object({
  state: z.string(),
  opt_in_level: text,
  consent_updated_at: timestamp,
});

const addressSchema = z.object({ country_code: text }).nullish();

export const customerSchema = z.object({
  id: optId,
  admin_graphql_api_id: text,
  email: text,
  first_name: text,
  last_name: text,
  locale: text,
  tags: z.union([z.string(), z.array(z.string())]).nullish(),
  updated_at: timestamp,
  default_address: addressSchema,
  email_marketing_consent: consentSchema.nullish(),
});
export type CustomerPayload = z.infer<typeof customerSchema>;

export const customerRefSchema = customerSchema.partial().nullish();

export const customerDeleteSchema = z.object({ id: optId, admin_graphql_api_id: text });

export const consentUpdateSchema = z.object({
  customer_id: id,
  email_address: text,
  email_marketing_consent: consentSchema,
});

const orderLineSchema = z.object({
  id: optId,
  admin_graphql_api_id: text,
  product_id: optId,
  variant_id: optId,
  title: z.string().nullish(),
  name: text,
  variant_title: text,
  sku: text,
  quantity: z.number().int(),
  price: money,
});

const refundSchema = z.object({
  transactions: z.array(z.object({ kind: text, status: text, amount: money })).nullish(),
});

export const orderSchema = z.object({
  id: optId,
  admin_graphql_api_id: text,
  name: text,
  email: text,
  contact_email: text,
  customer: customerRefSchema,
  checkout_token: text,
  currency: z.string().nullish(),
  subtotal_price: money,
  total_price: money,
  financial_status: text,
  discount_codes: z.array(z.object({ code: z.string() })).nullish(),
  landing_site: text,
  source_name: text,
  processed_at: timestamp,
  created_at: timestamp,
  cancelled_at: timestamp,
  updated_at: timestamp,
  line_items: z.array(orderLineSchema).default([]),
  refunds: z.array(refundSchema).nullish(),
});
export type OrderPayload = z.infer<typeof orderSchema>;

const checkoutLineSchema = z.object({
  product_id: optId,
  variant_id: optId,
  title: z.string().nullish(),
  presentment_title: text,
  variant_title: text,
  quantity: z.number().int(),
  price: money,
  image_url: text,
});

export const checkoutSchema = z.object({
  token: z.string().min(1),
  cart_token: text,
  email: text,
  customer: customerRefSchema,
  abandoned_checkout_url: text,
  buyer_accepts_marketing: z.boolean().nullish(),
  currency: text,
  presentment_currency: text,
  total_price: money,
  line_items: z.array(checkoutLineSchema).default([]),
  completed_at: timestamp,
  created_at: timestamp,
  updated_at: timestamp,
});
export type CheckoutPayload = z.infer<typeof checkoutSchema>;

const variantSchema = z.object({
  id: optId,
  admin_graphql_api_id: text,
  title: z.string().nullish(),
  price: money,
  inventory_quantity: z.number().nullish(),
  inventory_policy: text,
  inventory_management: text,
});

const imageSchema = z.object({ src: text, alt: text }).nullish();

export const productSchema = z.object({
  id: optId,
  admin_graphql_api_id: text,
  title: z.string(),
  handle: text,
  body_html: text,
  product_type: text,
  vendor: text,
  tags: z.union([z.string(), z.array(z.string())]).nullish(),
  status: text,
  image: imageSchema,
  images: z.array(z.object({ src: text, alt: text })).nullish(),
  variants: z.array(variantSchema).default([]),
  updated_at: timestamp,
});
export type ProductPayload = z.infer<typeof productSchema>;

export const productDeleteSchema = z.object({ id: id, admin_graphql_api_id: text });

export const bulkFinishSchema = z.object({
  admin_graphql_api_id: z.string(),
  status: z.string(),
  error_code: text,
  completed_at: timestamp,
  type: text,
});

export const scopesUpdateSchema = z.object({
  current: z.array(z.string()),
  previous: z.array(z.string()).nullish(),
  updated_at: timestamp,
});

export const shopPayloadSchema = z.object({
  name: text,
  email: text,
  iana_timezone: text,
  currency: text,
});

/** shop/update (Shopify's REST shop resource): iana_timezone and updated_at may be null. */
export const shopUpdatePayloadSchema = z.object({
  id: optId,
  name: text,
  email: text,
  customer_email: text,
  iana_timezone: text,
  currency: text,
  plan_display_name: text,
  domain: text,
  updated_at: text,
});
export type ShopUpdatePayload = z.infer<typeof shopUpdatePayloadSchema>;

// Compliance bodies are exact (Shopify's documented shape): a destructive topic accepts nothing else.
const complianceCustomer = z.strictObject({ id: optId, email: text, phone: text });
const shopIdentity = {
  shop_id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  shop_domain: z.string(),
};

export const dataRequestSchema = z.strictObject({
  ...shopIdentity,
  customer: complianceCustomer,
  orders_requested: z.array(id),
  data_request: z.strictObject({ id: id }),
});

export const customerRedactSchema = z.strictObject({
  ...shopIdentity,
  customer: complianceCustomer,
  orders_to_redact: z.array(id),
});

export const shopRedactSchema = z.strictObject(shopIdentity);
