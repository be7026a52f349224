// Applies a step of plans (batch-plan.server.ts) set-based inside the caller's transaction: every
// customer fact of the step in one applyCustomers call (in delivery order, so later facts see
// earlier ones), then products, orders (one statistics recompute for all their customers) and
// checkouts, each in one call. Returns each plan's domain events, in the order its own handler
// announced them (customer events first), so subscribers see what one-by-one would have shown.
import type { DomainEvent } from "../domain/events";
import { applyCheckouts } from "../store/checkouts.server";
import { applyCustomers, type CustomerChange, type Tx } from "../store/customers.server";
import { applyOrders } from "../store/orders.server";
import { applyProducts } from "../store/products.server";
import { checkoutEvents, customerEvents, orderEvents } from "./announce.server";
import type { Plan, ProfileAnnounce } from "./batch-plan.server";

const profileRule: Record<ProfileAnnounce, (c: CustomerChange) => boolean> = {
  applied: (c) => c.profileApplied,
  created: (c) => c.created,
  never: () => false,
};

export async function applyPlans(tx: Tx, shop: string, plans: Plan[]): Promise<DomainEvent[][]> {
  const events: DomainEvent[][] = plans.map(() => []);
  // Customers: one input list; each input remembers the plan it came from.
  const owners = plans.flatMap((p, i) => p.customers.map(() => i));
  const inputs = plans.flatMap((p) => p.customers);
  for (const change of await applyCustomers(tx, shop, inputs)) {
    const i = owners[change.input];
    const plan = plans[i];
    events[i].push(...customerEvents(shop, [change], plan.at, profileRule[plan.announceProfile]));
  }
  const byKind = <K extends Plan["kind"]>(kind: K) =>
    plans.flatMap((p, i) => (p.kind === kind ? [{ plan: p as Extract<Plan, { kind: K }>, i }] : []));

  const products = byKind("product");
  if (products.length) {
    const changes = await applyProducts(
      tx,
      shop,
      products.map((p) => p.plan.product),
    );
    const owner = new Map(products.map((p) => [p.plan.product.shopifyId, p]));
    for (const c of changes) {
      const p = owner.get(c.shopifyId);
      if (p && !c.deleted)
        events[p.i].push({ type: "product_updated", shop, productShopifyId: c.shopifyId, at: p.plan.at });
    }
  }

  const orders = byKind("order");
  if (orders.length) {
    const changes = await applyOrders(
      tx,
      shop,
      orders.map((o) => o.plan.order),
    );
    const owner = new Map(orders.map((o) => [o.plan.order.shopifyId, o]));
    for (const c of changes) {
      const o = owner.get(c.shopifyId);
      if (o) events[o.i].push(...orderEvents(shop, [c], o.plan.at));
    }
  }

  const checkouts = byKind("checkout");
  if (checkouts.length) {
    const changes = await applyCheckouts(
      tx,
      shop,
      checkouts.map((c) => c.plan.checkout),
    );
    const owner = new Map(checkouts.map((c) => [c.plan.checkout.token, c]));
    for (const c of changes) {
      const k = owner.get(c.token);
      if (k) events[k.i].push(...checkoutEvents(shop, [c], k.plan.at));
    }
  }
  return events;
}
