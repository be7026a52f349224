// What one commerce delivery asks of the store, parsed and mapped but not yet applied: a "plan".
// A plan is applied alone (the per-delivery handler) or with the other plans of a batch in one
// transaction (batch-apply.server.ts); both go through the same parse and mapping.
import type { CheckoutInput, CustomerInput, OrderInput, ProductInput } from "../store/types";
import { shopifyId } from "../store/values";
import { eventTime, type HandlerContext, mapPayload, PayloadError, parsePayload } from "./handler-kit.server";
import {
  checkoutFromPayload,
  consentFromPayload,
  customerFromPayload,
  orderFromPayload,
  productFromPayload,
} from "./map";
import { checkoutSchema, consentUpdateSchema, customerSchema, orderSchema, productSchema } from "./payloads";

/** Which customer changes a plan announces as customer_updated. */
export type ProfileAnnounce = "applied" | "created" | "never";

interface PlanBase {
  at: Date;
  customers: CustomerInput[];
  announceProfile: ProfileAnnounce;
}

export type Plan =
  | (PlanBase & { kind: "customer" })
  | (PlanBase & { kind: "order"; order: OrderInput })
  | (PlanBase & { kind: "checkout"; checkout: CheckoutInput })
  | (PlanBase & { kind: "product"; product: ProductInput });

function customerPlan(ctx: HandlerContext): Plan {
  const p = parsePayload(customerSchema, ctx.payload, ctx.topic);
  const input = mapPayload(ctx.topic, () => customerFromPayload(p, ctx.triggeredAt));
  if (!input) throw new PayloadError(`${ctx.topic} payload has no customer id`);
  return { kind: "customer", at: eventTime(ctx), customers: [input], announceProfile: "applied" };
}

function consentPlan(ctx: HandlerContext): Plan {
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
  return { kind: "customer", at: eventTime(ctx), customers: [input], announceProfile: "never" };
}

// Built once: zod builds a new schema on every partial() call, a measurable cost per delivery.
const embeddedCustomerSchema = customerSchema.partial();

function embeddedCustomer(ctx: HandlerContext, customer: unknown): CustomerInput[] {
  if (!customer) return [];
  const parsed = embeddedCustomerSchema.safeParse(customer);
  if (!parsed.success) return [];
  const input = mapPayload(ctx.topic, () => customerFromPayload(parsed.data, ctx.triggeredAt));
  return input ? [input] : [];
}

function orderPlan(ctx: HandlerContext): Plan {
  const p = parsePayload(orderSchema, ctx.payload, ctx.topic);
  const order = mapPayload(ctx.topic, () => orderFromPayload(p));
  const customers = embeddedCustomer(ctx, p.customer);
  return { kind: "order", at: eventTime(ctx), customers, announceProfile: "created", order };
}

function checkoutPlan(ctx: HandlerContext): Plan {
  const p = parsePayload(checkoutSchema, ctx.payload, ctx.topic);
  const checkout = mapPayload(ctx.topic, () => checkoutFromPayload(p));
  const customers = embeddedCustomer(ctx, p.customer);
  return { kind: "checkout", at: eventTime(ctx), customers, announceProfile: "created", checkout };
}

function productPlan(ctx: HandlerContext): Plan {
  const p = parsePayload(productSchema, ctx.payload, ctx.topic);
  const product = mapPayload(ctx.topic, () => productFromPayload(p));
  return { kind: "product", at: eventTime(ctx), customers: [], announceProfile: "never", product };
}

/** The topics whose deliveries can share a batch; the rest are applied one at a time. */
export const planners: Record<string, (ctx: HandlerContext) => Plan> = {
  "customers/create": customerPlan,
  "customers/update": customerPlan,
  "customers_email_marketing_consent/update": consentPlan,
  "orders/create": orderPlan,
  "orders/updated": orderPlan,
  "orders/paid": orderPlan,
  "orders/cancelled": orderPlan,
  "checkouts/create": checkoutPlan,
  "checkouts/update": checkoutPlan,
  "products/create": productPlan,
  "products/update": productPlan,
};

/**
 * The records a plan writes besides customers. Two plans naming the same record never share a
 * batch step, so every delivery keeps its own announcement (an order created then cancelled in one
 * batch still announces order_created, then order_cancelled).
 */
export function recordKey(plan: Plan): string | null {
  switch (plan.kind) {
    case "order":
      return `order:${plan.order.shopifyId}`;
    case "checkout":
      return `checkout:${plan.checkout.token}`;
    case "product":
      return `product:${plan.product.shopifyId}`;
    case "customer":
      return null;
  }
}

/** Who a plan is about, for the per-customer lock on PostgreSQL (parallel.server.ts). */
export function customerKeys(plan: Plan): string[] {
  const keys = plan.customers.map((c) => `customer:${c.shopifyId}`);
  if (plan.kind === "order" && plan.order.customerShopifyId)
    keys.push(`customer:${plan.order.customerShopifyId}`);
  if (plan.kind === "checkout") {
    const c = plan.checkout;
    if (c.customerShopifyId) keys.push(`customer:${c.customerShopifyId}`);
    else if (c.email) keys.push(`email:${c.email.toLowerCase()}`);
  }
  if (keys.length === 0) keys.push(recordKey(plan) ?? "shop");
  return [...new Set(keys)];
}
