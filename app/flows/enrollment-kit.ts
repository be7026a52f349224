// What the enrollment deciders share: the trigger and run shapes, and small pure helpers over a
// customer's runs (active, exits, cooldown, first due time).
import type { CustomerRef, RunContext, RunItem, TriggerAction } from "./actions";
import type { FlowDefinition, FlowKey } from "./catalog";

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

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
  | {
      /** Email consent became SUBSCRIBED (any of the three customer topics). */
      kind: "subscribed";
      customerShopifyId: string;
      email: string | null;
      /** Any order on record (Order row or the customer's order count): buyers never get a welcome. */
      hasOrdered: boolean;
      /** The shop's best sellers the series will feature, best first (filled when the flow is on). */
      bestSellers: string[];
      at: Date;
    }
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

export function active(runs: RunSummary[], flowKey: FlowKey): RunSummary[] {
  return runs.filter((r) => r.flowKey === flowKey && r.status === "active");
}

export function ref(run: RunSummary): CustomerRef {
  return { customerShopifyId: run.customerShopifyId, email: run.email };
}

export function exitAll(
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

export function firstDue(flow: EnabledFlow, from: Date, now: Date): Date {
  const planned = from.getTime() + flow.definition.steps[0].delayMinutes * MINUTE_MS;
  return new Date(Math.max(planned, now.getTime()));
}

export function inCooldown(runs: RunSummary[], flow: EnabledFlow, now: Date): RunSummary | undefined {
  const days = flow.definition.cooldownDays;
  if (days <= 0) return undefined;
  return runs.find(
    (r) =>
      r.flowKey === flow.definition.key &&
      r.status !== "active" &&
      now.getTime() - (r.endedAt ?? r.startedAt).getTime() < days * DAY_MS,
  );
}

export function unique(ids: Array<string | null>): string[] {
  return [...new Set(ids.filter((x): x is string => Boolean(x)))];
}
