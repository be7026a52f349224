// Enrollment decisions per event: a checkout update (checkout and cart abandonment), a new order
// (ends abandonment, browse and win-back runs; post-purchase for a first order) and storefront
// activity from the pixel (browse and cart abandonment). Pure.
import type { CustomerRef, RunContext, TriggerAction } from "./actions";
import type { FlowKey } from "./catalog";
import { fnv1a, isHoldout } from "./holdout";
import {
  active,
  DAY_MS,
  exitAll,
  firstDue,
  inCooldown,
  itemsKey,
  type Trigger,
  type TriggerInput,
  unique,
} from "./enrollment-kit";

export function checkoutUpdated(
  input: TriggerInput,
  t: Extract<Trigger, { kind: "checkout_updated" }>,
): TriggerAction[] {
  const { checkout } = t;
  const customer: CustomerRef = { customerShopifyId: checkout.customerShopifyId, email: checkout.email };
  const mine = input.runs.filter(
    (r) => r.flowKey === "checkout_abandonment" && r.context.checkoutToken === checkout.token,
  );
  const actions: TriggerAction[] = [];
  if (checkout.completed || t.orderedSinceCheckout) {
    const reason = checkout.completed ? "checkout completed" : "placed an order after this checkout";
    return exitAll(mine, ["checkout_abandonment"], reason);
  }
  // A checkout means the shopper moved past browsing or the cart: those follow-ups stop.
  actions.push(...exitAll(input.runs, ["cart_abandonment", "browse_abandonment"], "started a checkout"));
  const flow = input.flows.checkout_abandonment;
  if (!flow) return actions;
  if (!checkout.email)
    return [
      ...actions,
      { type: "ignore", flowKey: "checkout_abandonment", customer, reason: "checkout has no email address" },
    ];
  if (checkout.items.length === 0) return actions;
  const context: RunContext = {
    trigger: `checkout ${checkout.token}`,
    checkoutToken: checkout.token,
    itemsKey: itemsKey(checkout.items),
    items: checkout.items,
    recoveryUrl: checkout.recoveryUrl,
    currency: checkout.currency,
    totalMinor: checkout.totalMinor,
    acceptsMarketing: checkout.acceptsMarketing,
    productShopifyIds: unique(checkout.items.map((i) => i.productShopifyId)),
  };
  const customerKey = checkout.customerShopifyId ?? checkout.email.toLowerCase();
  const holdout = isHoldout(input.shop, "checkout_abandonment", customerKey, input.holdoutPercent);
  // The contents are part of the trigger: the same checkout with other items is a new enrollment.
  const enrollKey = `checkout_abandonment:${checkout.token}:${fnv1a(context.itemsKey ?? "").toString(36)}`;
  const current = active(mine, "checkout_abandonment")[0];
  if (current) {
    if (current.context.itemsKey === context.itemsKey) return actions;
    actions.push({
      type: "restart",
      runId: current.id,
      flowKey: "checkout_abandonment",
      version: flow.version,
      enrollKey,
      customer,
      context,
      holdout,
      startedAt: checkout.updatedAt,
      firstDueAt: firstDue(flow, checkout.updatedAt, input.now),
      reason: "checkout changed (items updated): the reminder clock restarts",
    });
    return actions;
  }
  if (mine.length > 0) return actions; // this checkout already had its reminders
  if (checkout.createdAt < flow.enabledAt) {
    return [
      ...actions,
      {
        type: "ignore",
        flowKey: "checkout_abandonment",
        customer,
        reason: "checkout started before the flow was switched on",
      },
    ];
  }
  if (!input.consent && !checkout.acceptsMarketing) {
    return [
      ...actions,
      { type: "ignore", flowKey: "checkout_abandonment", customer, reason: "no email-marketing consent" },
    ];
  }
  // One active abandonment run per customer: a newer checkout replaces the older one.
  const others = input.runs.filter(
    (r) =>
      r.flowKey === "checkout_abandonment" &&
      r.status === "active" &&
      r.context.checkoutToken !== checkout.token,
  );
  actions.push(...exitAll(others, ["checkout_abandonment"], `replaced by newer checkout ${checkout.token}`));
  actions.push({
    type: "enroll",
    flowKey: "checkout_abandonment",
    version: flow.version,
    enrollKey,
    customer,
    context,
    holdout,
    startedAt: checkout.updatedAt,
    firstDueAt: firstDue(flow, checkout.updatedAt, input.now),
    reason: `abandoned checkout with ${checkout.items.length} item${checkout.items.length === 1 ? "" : "s"}`,
  });
  return actions;
}

export function orderCreated(
  input: TriggerInput,
  t: Extract<Trigger, { kind: "order_created" }>,
): TriggerAction[] {
  const label = t.orderName ?? t.orderShopifyId;
  const actions: TriggerAction[] = [
    ...exitAll(input.runs, ["checkout_abandonment"], `placed order ${label}`),
    ...exitAll(input.runs, ["cart_abandonment", "browse_abandonment"], `placed order ${label}`),
    ...exitAll(input.runs, ["win_back"], `ordered again (${label})`),
    ...exitAll(input.runs, ["welcome"], `placed their first order (${label})`),
  ];
  const flow = input.flows.post_purchase;
  const customer: CustomerRef = { customerShopifyId: t.customerShopifyId, email: t.email };
  if (!flow || (!t.customerShopifyId && !t.email)) return actions;
  if (!t.isFirstOrder)
    return [
      ...actions,
      {
        type: "ignore",
        flowKey: "post_purchase",
        customer,
        reason: `order ${label} is not their first order`,
      },
    ];
  if (t.processedAt < flow.enabledAt)
    return [
      ...actions,
      {
        type: "ignore",
        flowKey: "post_purchase",
        customer,
        reason: "order placed before the flow was switched on",
      },
    ];
  if (!input.consent)
    return [
      ...actions,
      { type: "ignore", flowKey: "post_purchase", customer, reason: "no email-marketing consent" },
    ];
  if (active(input.runs, "post_purchase").length > 0) return actions;
  const customerKey = t.customerShopifyId ?? (t.email ?? "").toLowerCase();
  actions.push({
    type: "enroll",
    flowKey: "post_purchase",
    version: flow.version,
    enrollKey: `post_purchase:${t.orderShopifyId}`,
    customer,
    context: {
      trigger: `first order ${label}`,
      orderShopifyId: t.orderShopifyId,
      orderName: t.orderName,
      productShopifyIds: t.productShopifyIds,
    },
    holdout: isHoldout(input.shop, "post_purchase", customerKey, input.holdoutPercent),
    startedAt: t.processedAt,
    firstDueAt: firstDue(flow, t.processedAt, input.now),
    reason: `first order ${label}`,
  });
  return actions;
}

export function storefrontActivity(
  input: TriggerInput,
  t: Extract<Trigger, { kind: "storefront_activity" }>,
): TriggerAction[] {
  if (t.name === "checkout_started")
    return exitAll(input.runs, ["cart_abandonment", "browse_abandonment"], "started a checkout");
  const flowKey: FlowKey = t.name === "product_added_to_cart" ? "cart_abandonment" : "browse_abandonment";
  const flow = input.flows[flowKey];
  const customer: CustomerRef = { customerShopifyId: t.customerShopifyId, email: t.email };
  if (!flow || !t.productShopifyId) return [];
  const ignore = (reason: string): TriggerAction[] => [{ type: "ignore", flowKey, customer, reason }];
  if (t.at < flow.enabledAt) return [];
  if (!t.email) return ignore("customer has no email address");
  if (!input.consent) return ignore("no email-marketing consent");
  if (active(input.runs, "checkout_abandonment").length > 0)
    return ignore("a checkout reminder is already running");
  if (flowKey === "browse_abandonment" && active(input.runs, "cart_abandonment").length > 0)
    return ignore("a cart reminder is already running");
  if (active(input.runs, flowKey).length > 0) return [];
  if (flowKey === "browse_abandonment" && t.recentViews < 2) return [];
  const trigger = flow.definition.trigger;
  const oncePerDays = trigger.kind === "pixel" ? trigger.oncePerDays : 7;
  const recent = input.runs.find(
    (r) => r.flowKey === flowKey && input.now.getTime() - r.startedAt.getTime() < oncePerDays * DAY_MS,
  );
  if (recent) return ignore(`already followed up in the last ${oncePerDays} days`);
  const cooling = inCooldown(input.runs, flow, input.now);
  if (cooling) return ignore(`re-entry cooldown of ${flow.definition.cooldownDays} days`);
  const period = Math.floor(t.at.getTime() / (oncePerDays * DAY_MS));
  return [
    {
      type: "enroll",
      flowKey,
      version: flow.version,
      enrollKey: `${flowKey}:${t.customerShopifyId}:${period}`,
      customer,
      context: { trigger: t.name, productShopifyIds: [t.productShopifyId] },
      holdout: isHoldout(input.shop, flowKey, t.customerShopifyId, input.holdoutPercent),
      startedAt: t.at,
      firstDueAt: firstDue(flow, t.at, input.now),
      reason:
        t.name === "product_added_to_cart"
          ? "added a product to the cart"
          : "viewed a product more than once",
    },
  ];
}
