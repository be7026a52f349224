// The engine's event half: a domain event (normalised into a Trigger) plus the customer's runs and
// the shop's enabled flows → enroll / restart / exit / ignore actions. Pure.
import type { CustomerRef, RunContext, RunItem, TriggerAction } from "./actions";
import { assertNever, FLOW_KEYS, type FlowDefinition, type FlowKey } from "./catalog";
import { fnv1a, isHoldout } from "./holdout";

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export interface EnabledFlow {
  definition: FlowDefinition;
  version: number;
  enabledAt: Date;
}

export interface RunSummary {
  id: string;
  flowKey: string;
  status: string; // active, completed, exited, cancelled
  startedAt: Date;
  endedAt: Date | null;
  customerShopifyId: string | null;
  email: string | null;
  context: RunContext;
}

export interface CheckoutFacts {
  token: string;
  email: string | null;
  customerShopifyId: string | null;
  acceptsMarketing: boolean;
  items: RunItem[];
  recoveryUrl: string | null;
  currency: string;
  totalMinor: number;
  createdAt: Date;
  updatedAt: Date;
  completed: boolean;
}

export type Trigger =
  | { kind: "checkout_updated"; checkout: CheckoutFacts; orderedSinceCheckout: boolean }
  | {
      kind: "order_created";
      orderShopifyId: string;
      orderName: string | null;
      customerShopifyId: string | null;
      email: string | null;
      checkoutToken: string | null;
      isFirstOrder: boolean;
      productShopifyIds: string[];
      processedAt: Date;
    }
  | {
      kind: "order_ended";
      orderShopifyId: string;
      customerShopifyId: string | null;
      why: "cancelled" | "refunded";
    }
  | { kind: "unsubscribed"; customerShopifyId: string | null; email: string | null }
  | { kind: "customer_redacted"; customerShopifyId: string }
  | { kind: "shop_uninstalled" }
  | {
      kind: "storefront_activity";
      name: "product_viewed" | "product_added_to_cart" | "checkout_started";
      customerShopifyId: string;
      email: string | null;
      productShopifyId: string | null;
      /** Views of this product by this customer in the flow's once-per window (browse needs two). */
      recentViews: number;
      at: Date;
    };

export interface TriggerInput {
  shop: string;
  now: Date;
  trigger: Trigger;
  flows: Partial<Record<FlowKey, EnabledFlow>>;
  /** The customer's runs: every active one and recently ended ones (cooldowns). */
  runs: RunSummary[];
  /** Email-marketing consent of the customer (Customer.marketingState === SUBSCRIBED). */
  consent: boolean;
  holdoutPercent: number;
}

/** Items identify a checkout's contents: a change restarts the abandonment clock. */
export function itemsKey(items: RunItem[]): string {
  return items
    .map((i) => `${i.variantShopifyId ?? i.productShopifyId ?? i.title}x${i.quantity}`)
    .sort()
    .join(",");
}

function active(runs: RunSummary[], flowKey: FlowKey): RunSummary[] {
  return runs.filter((r) => r.flowKey === flowKey && r.status === "active");
}

function ref(run: RunSummary): CustomerRef {
  return { customerShopifyId: run.customerShopifyId, email: run.email };
}

function exitAll(
  runs: RunSummary[],
  flowKeys: FlowKey[],
  reason: string,
  kind: "exited" | "suppressed" = "exited",
): TriggerAction[] {
  return runs
    .filter((r) => r.status === "active" && (flowKeys as string[]).includes(r.flowKey))
    .map((r) => ({
      type: "exit" as const,
      runId: r.id,
      flowKey: r.flowKey as FlowKey,
      customer: ref(r),
      reason,
      kind,
    }));
}

function firstDue(flow: EnabledFlow, from: Date, now: Date): Date {
  const planned = from.getTime() + flow.definition.steps[0].delayMinutes * MINUTE_MS;
  return new Date(Math.max(planned, now.getTime()));
}

function inCooldown(runs: RunSummary[], flow: EnabledFlow, now: Date): RunSummary | undefined {
  const days = flow.definition.cooldownDays;
  if (days <= 0) return undefined;
  return runs.find(
    (r) =>
      r.flowKey === flow.definition.key &&
      r.status !== "active" &&
      now.getTime() - (r.endedAt ?? r.startedAt).getTime() < days * DAY_MS,
  );
}

export function decideTrigger(input: TriggerInput): TriggerAction[] {
  const { trigger, runs, now } = input;
  switch (trigger.kind) {
    case "checkout_updated":
      return checkoutUpdated(input, trigger);
    case "order_created":
      return orderCreated(input, trigger);
    case "order_ended": {
      const reason = `order ${trigger.orderShopifyId} was ${trigger.why}`;
      return runs
        .filter(
          (r) =>
            r.flowKey === "post_purchase" &&
            r.status === "active" &&
            r.context.orderShopifyId === trigger.orderShopifyId,
        )
        .map((r) => ({
          type: "exit" as const,
          runId: r.id,
          flowKey: "post_purchase" as const,
          customer: ref(r),
          reason,
          kind: "exited" as const,
        }));
    }
    case "unsubscribed":
      return exitAll(runs, FLOW_KEYS, "unsubscribed from email marketing", "suppressed");
    case "customer_redacted":
      return exitAll(runs, FLOW_KEYS, "customer data erased at the shop's request");
    case "shop_uninstalled":
      return [{ type: "cancel_all", reason: `app uninstalled at ${now.toISOString()}` }];
    case "storefront_activity":
      return storefrontActivity(input, trigger);
    default:
      return assertNever(trigger);
  }
}

function checkoutUpdated(
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

function orderCreated(input: TriggerInput, t: Extract<Trigger, { kind: "order_created" }>): TriggerAction[] {
  const label = t.orderName ?? t.orderShopifyId;
  const actions: TriggerAction[] = [
    ...exitAll(input.runs, ["checkout_abandonment"], `placed order ${label}`),
    ...exitAll(input.runs, ["cart_abandonment", "browse_abandonment"], `placed order ${label}`),
    ...exitAll(input.runs, ["win_back"], `ordered again (${label})`),
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

function storefrontActivity(
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

function unique(ids: Array<string | null>): string[] {
  return [...new Set(ids.filter((x): x is string => Boolean(x)))];
}

/**
 * Enrollment for the daily-scan flows (win-back, anniversary): the scan selects candidates in SQL
 * and this builds each run. The key names the lapse (last order date) or the anniversary year, so a
 * re-run of the same day's scan enrolls nobody twice.
 */
export function scannedEnrollment(input: {
  shop: string;
  flow: EnabledFlow;
  customerShopifyId: string;
  email: string;
  anchor: Date; // win-back: last order; anniversary: first order
  now: Date;
  holdoutPercent: number;
  lapseDays?: number;
}): Extract<TriggerAction, { type: "enroll" }> {
  const key = input.flow.definition.key;
  const winBack = input.flow.definition.trigger.kind === "lapsed";
  const year = input.now.getUTCFullYear();
  const years = year - input.anchor.getUTCFullYear();
  return {
    type: "enroll",
    flowKey: key,
    version: input.flow.version,
    enrollKey: winBack
      ? `${key}:${input.customerShopifyId}:${input.anchor.toISOString().slice(0, 10)}`
      : `${key}:${input.customerShopifyId}:${year}`,
    customer: { customerShopifyId: input.customerShopifyId, email: input.email },
    context: winBack
      ? { trigger: "lapsed", lastOrderAt: input.anchor.toISOString(), lapseDays: input.lapseDays }
      : { trigger: "first order anniversary", lastOrderAt: input.anchor.toISOString() },
    holdout: isHoldout(input.shop, key, input.customerShopifyId, input.holdoutPercent),
    startedAt: input.now,
    firstDueAt: firstDue(input.flow, input.now, input.now),
    reason: winBack
      ? `no order for ${Math.floor((input.now.getTime() - input.anchor.getTime()) / DAY_MS)} days (threshold ${input.lapseDays ?? "default"} days)`
      : `${years} year${years === 1 ? "" : "s"} since their first order`,
  };
}
