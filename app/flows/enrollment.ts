// The engine's event half: a domain event (normalised into a Trigger) plus the customer's runs and
// the shop's enabled flows → enroll / restart / exit / ignore actions. Pure. The per-event
// deciders live in enrollment-events.ts, shared shapes and helpers in enrollment-kit.ts.
import type { TriggerAction } from "./actions";
import { assertNever, FLOW_KEYS } from "./catalog";
import { checkoutUpdated, orderCreated, storefrontActivity } from "./enrollment-events";
import { DAY_MS, type EnabledFlow, exitAll, firstDue, ref, type TriggerInput } from "./enrollment-kit";
import { subscribed } from "./enrollment-welcome";
import { isHoldout } from "./holdout";

export {
  type CheckoutFacts,
  type EnabledFlow,
  itemsKey,
  type RunSummary,
  type Trigger,
  type TriggerInput,
} from "./enrollment-kit";

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
    case "subscribed":
      return subscribed(input, trigger);
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
