// Handlers for the commerce topics: customers, consent, orders, checkouts, products.
import { applyCheckouts } from "../store/checkouts.server";
import { applyCustomers } from "../store/customers.server";
import { redactCustomer } from "../store/compliance.server";
import { applyOrders } from "../store/orders.server";
import { applyProducts, deleteProduct } from "../store/products.server";
import type { CustomerInput } from "../store/types";
import { preferGid, shopifyId } from "../store/values";
import { checkoutEvents, customerEvents, orderEvents } from "./announce.server";
import {
  eventTime as at,
  type Handler,
  type HandlerContext,
  mapPayload,
  PayloadError,
  parsePayload,
} from "./handler-kit.server";
import {
  checkoutFromPayload,
  consentFromPayload,
  customerFromPayload,
  orderFromPayload,
  productFromPayload,
} from "./map";
import {
  checkoutSchema,
  consentUpdateSchema,
  customerDeleteSchema,
  customerSchema,
  orderSchema,
  productDeleteSchema,
  productSchema,
} from "./payloads";
import { applyThenAnnounce } from "./outbox.server";

// Each handler applies its store writes and records the events they announce in one transaction
// (outbox.server.ts): an order never lands without its lines, and a retry still announces. Every
// write is also conditional on what was read (store/conflict.ts), so a redelivery is a no-op.

const customerUpsert: Handler = async (ctx) => {
  const p = parsePayload(customerSchema, ctx.payload, ctx.topic);
  const input = mapPayload(ctx.topic, () => customerFromPayload(p, ctx.triggeredAt));
  if (!input) throw new PayloadError(`${ctx.topic} payload has no customer id`);
  await applyThenAnnounce(
    ctx,
    (tx) => applyCustomers(tx, ctx.shop, [input]),
    (changes) => customerEvents(ctx.shop, changes, at(ctx), (c) => c.profileApplied),
  );
};

const customerDelete: Handler = async (ctx) => {
  const p = parsePayload(customerDeleteSchema, ctx.payload, ctx.topic);
  const id = preferGid(p.admin_graphql_api_id, p.id);
  if (!id) return;
  // A deleted customer can never be mailed again; keep only a tombstone (no personal data).
  await applyThenAnnounce(
    ctx,
    (tx) =>
      redactCustomer(tx, ctx.shop, { customerShopifyId: id, email: null, orderShopifyIds: [] }, at(ctx)),
    () => [{ type: "customer_redacted", shop: ctx.shop, customerShopifyId: id, at: at(ctx) }],
  );
};

const consentUpdate: Handler = async (ctx) => {
  const p = parsePayload(consentUpdateSchema, ctx.payload, ctx.topic);
  const input: CustomerInput = mapPayload(ctx.topic, () => ({
    shopifyId: shopifyId(p.customer_id) ?? "",
    email: p.email_address ?? null,
    firstName: null,
    lastName: null,
    locale: null,
    tags: "",
    countryCode: null,
    timeZone: null,
    consent: consentFromPayload(p.email_marketing_consent, ctx.triggeredAt),
    updatedAt: null,
  }));
  await applyThenAnnounce(
    ctx,
    (tx) => applyCustomers(tx, ctx.shop, [input]),
    (changes) => customerEvents(ctx.shop, changes, at(ctx), () => false),
  );
};

function embeddedCustomer(ctx: HandlerContext, customer: unknown): CustomerInput[] {
  if (!customer) return [];
  const parsed = customerSchema.partial().safeParse(customer);
  if (!parsed.success) return [];
  const input = mapPayload(ctx.topic, () => customerFromPayload(parsed.data, ctx.triggeredAt));
  return input ? [input] : [];
}

const orderUpsert: Handler = async (ctx) => {
  const p = parsePayload(orderSchema, ctx.payload, ctx.topic);
  const order = mapPayload(ctx.topic, () => orderFromPayload(p));
  const stubs = embeddedCustomer(ctx, p.customer);
  const when = at(ctx);
  await applyThenAnnounce(
    ctx,
    async (tx) => ({
      customers: await applyCustomers(tx, ctx.shop, stubs),
      orders: await applyOrders(tx, ctx.shop, [order]),
    }),
    (applied) => [
      ...customerEvents(ctx.shop, applied.customers, when, (c) => c.created),
      ...orderEvents(ctx.shop, applied.orders, when),
    ],
  );
};

const checkoutUpsert: Handler = async (ctx) => {
  const p = parsePayload(checkoutSchema, ctx.payload, ctx.topic);
  const checkout = mapPayload(ctx.topic, () => checkoutFromPayload(p));
  const stubs = embeddedCustomer(ctx, p.customer);
  const when = at(ctx);
  await applyThenAnnounce(
    ctx,
    async (tx) => ({
      customers: await applyCustomers(tx, ctx.shop, stubs),
      checkouts: await applyCheckouts(tx, ctx.shop, [checkout]),
    }),
    (applied) => [
      ...customerEvents(ctx.shop, applied.customers, when, (c) => c.created),
      ...checkoutEvents(ctx.shop, applied.checkouts, when),
    ],
  );
};

const productUpsert: Handler = async (ctx) => {
  const p = parsePayload(productSchema, ctx.payload, ctx.topic);
  const product = mapPayload(ctx.topic, () => productFromPayload(p));
  // Late content for a product already deleted is stored but not announced.
  await applyThenAnnounce(
    ctx,
    (tx) => applyProducts(tx, ctx.shop, [product]),
    (changes) =>
      changes
        .filter((c) => !c.deleted)
        .map((c) => ({
          type: "product_updated",
          shop: ctx.shop,
          productShopifyId: c.shopifyId,
          at: at(ctx),
        })),
  );
};

const productDelete: Handler = async (ctx) => {
  const p = parsePayload(productDeleteSchema, ctx.payload, ctx.topic);
  const id = preferGid(p.admin_graphql_api_id, p.id);
  if (!id) return;
  await applyThenAnnounce(
    ctx,
    (tx) => deleteProduct(tx, ctx.shop, id, at(ctx)),
    (deleted) =>
      deleted ? [{ type: "product_deleted", shop: ctx.shop, productShopifyId: id, at: at(ctx) }] : [],
  );
};

export const commerceHandlers: Record<string, Handler> = {
  "customers/create": customerUpsert,
  "customers/update": customerUpsert,
  "customers/delete": customerDelete,
  "customers_email_marketing_consent/update": consentUpdate,
  "orders/create": orderUpsert,
  "orders/updated": orderUpsert,
  "orders/paid": orderUpsert,
  "orders/cancelled": orderUpsert,
  "checkouts/create": checkoutUpsert,
  "checkouts/update": checkoutUpsert,
  "products/create": productUpsert,
  "products/update": productUpsert,
  "products/delete": productDelete,
};
