// Handlers for the commerce topics: customers, consent, orders, checkouts, products.
import { redactCustomer } from "../store/compliance.server";
import { deleteProduct } from "../store/products.server";
import { preferGid } from "../store/values";
import { applyPlans } from "./batch-apply.server";
import { planners } from "./batch-plan.server";
import { eventTime as at, type Handler, parsePayload } from "./handler-kit.server";
import { applyThenAnnounce } from "./outbox.server";
import { customerDeleteSchema, productDeleteSchema } from "./payloads";

// Each handler applies its store writes and records the events they announce in one transaction
// (outbox.server.ts): an order never lands without its lines, and a retry still announces. Every
// write is also conditional on what was read (store/conflict.ts), so a redelivery is a no-op.
// Upserts are plans (batch-plan.server.ts) applied alone here, or many at once by the processor.

/** A batchable topic's handler: its plan applied as a batch of one. */
function planned(topic: string): Handler {
  const plan = planners[topic];
  return async (ctx) => {
    const p = plan(ctx);
    await applyThenAnnounce(
      ctx,
      (tx) => applyPlans(tx, ctx.shop, [p]),
      (events) => events[0],
    );
  };
}

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
  ...Object.fromEntries(Object.keys(planners).map((topic) => [topic, planned(topic)])),
  "customers/delete": customerDelete,
  "products/delete": productDelete,
};
