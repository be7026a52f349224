// The engine's time half: a due step of a run, the policies' inputs and now → send, defer, skip or
// exit, and what follows the step. Pure; the scheduler loads the inputs and carries out the result.
import type { NextStep, RunContext, StepDecision } from "./actions";
import { assertNever, type FlowDefinition, type StepDefinition } from "./catalog";
import { stepOffsets } from "./config";
import {
  dailyLimit,
  frequencyCap,
  hasConsent,
  inStock,
  isExpired,
  outsideQuietHours,
  type QuietHours,
  quietHours,
  sendTimeOptimised,
} from "./policies";
import { safeTimeZone } from "./time";

const MINUTE_MS = 60_000;
/** Two steps of one run never go out closer together than this (after deferrals bunch them up). */
const MIN_GAP_MINUTES = 12 * 60;

export interface DueRun {
  id: string;
  flowKey: string;
  status: string;
  holdout: boolean;
  startedAt: Date;
  customerShopifyId: string | null;
  email: string | null;
  context: RunContext;
}

export interface ShopPolicy {
  timeZone: string;
  quietHoursStart: number;
  quietHoursEnd: number;
  frequencyCapCount: number;
  frequencyCapDays: number;
  dailySendLimit: number;
  sendTimeOptimisation: boolean;
  uninstalled: boolean;
}

export interface DueStepInput {
  now: Date;
  run: DueRun;
  definition: FlowDefinition;
  stepIndex: number;
  flowEnabled: boolean;
  shop: ShopPolicy;
  /** null: no Customer row (guest checkout): the checkout's own consent applies. */
  customer: { marketingState: string; timeZone: string | null } | null;
  suppressed: boolean;
  /** An order by this customer (or for this checkout) since the run started. */
  orderedSinceStart: boolean;
  checkoutCompleted: boolean;
  recentSends: Array<{ flowKey: string; sentAt: Date }>;
  pendingOthers: Array<{ flowKey: string; dueAt: Date }>;
  /** Scanned-flow messages the shop sent today (local day). */
  scannedSentToday: number;
  /** productShopifyId → can it be bought; missing = unknown. */
  stock: Record<string, boolean | undefined>;
  /** Product choices the loader made for steps that need them. */
  products: { crossSell: string[]; lastOrder: string[]; firstOrder: string[] };
  engagedHour: number | null;
}

export function plannedAt(definition: FlowDefinition, startedAt: Date, stepIndex: number): Date {
  return new Date(startedAt.getTime() + stepOffsets(definition)[stepIndex] * MINUTE_MS);
}

/** Each welcome email leads with a different best seller (the run keeps the ranking it started with). */
function bestSellerTurn(ids: string[], stepIndex: number): string[] {
  if (ids.length === 0) return [];
  const start = stepIndex % ids.length;
  return [...ids.slice(start), ...ids.slice(0, start)];
}

function productsFor(
  step: StepDefinition,
  input: DueStepInput,
): { ids: string[]; stockMatters: boolean; genericWhenNone?: boolean } {
  switch (step.type) {
    case "welcome":
      // Generic welcome copy still makes sense when every best seller is sold out.
      return {
        ids: bestSellerTurn(input.run.context.productShopifyIds ?? [], input.stepIndex),
        stockMatters: true,
        genericWhenNone: true,
      };
    case "abandoned_items":
      return { ids: input.run.context.productShopifyIds ?? [], stockMatters: true };
    case "purchased_items":
    case "check_in": // how it is going with what they bought: stock does not matter
      return { ids: input.run.context.productShopifyIds ?? [], stockMatters: false };
    case "cross_sell":
      return { ids: input.products.crossSell, stockMatters: true };
    case "lapsed_customer":
      return { ids: input.products.lastOrder, stockMatters: false };
    case "first_order_note":
      return { ids: input.products.firstOrder, stockMatters: false };
    default:
      return assertNever(step.type);
  }
}

/** Why a run should end now regardless of policies (events may have been missed). */
function exitCondition(input: DueStepInput): string | null {
  const trigger = input.definition.trigger;
  switch (trigger.kind) {
    case "checkout_abandoned":
      if (input.checkoutCompleted) return "checkout completed";
      return input.orderedSinceStart ? "placed an order" : null;
    case "pixel":
      return input.orderedSinceStart ? "placed an order" : null;
    case "lapsed":
      return input.orderedSinceStart ? "ordered again" : null;
    case "subscribed":
      return input.orderedSinceStart ? "placed their first order" : null;
    case "first_order":
    case "first_order_anniversary":
      return null;
    default:
      return assertNever(trigger);
  }
}

export function decideDueStep(input: DueStepInput): StepDecision {
  const { now, run, definition, stepIndex, shop } = input;
  const step = definition.steps[stepIndex];
  if (run.status !== "active") return { type: "drop", reason: `run is ${run.status}` };
  if (!step) return { type: "drop", reason: `flow version has no step ${stepIndex}` };
  if (shop.uninstalled) return { type: "exit", reason: "app uninstalled", kind: "exited" };
  if (!input.flowEnabled) return { type: "exit", reason: "flow switched off", kind: "exited" };
  const exit = exitCondition(input);
  if (exit) return { type: "exit", reason: exit, kind: "exited" };
  const consent = input.customer
    ? hasConsent(input.customer.marketingState)
    : run.context.acceptsMarketing === true;
  if (!consent) {
    const state = input.customer?.marketingState ?? "guest checkout without consent";
    return { type: "exit", reason: `no email-marketing consent (${state})`, kind: "suppressed" };
  }
  if (input.suppressed)
    return { type: "exit", reason: "email is on the suppression list", kind: "suppressed" };
  if (!run.email) return { type: "exit", reason: "no email address", kind: "suppressed" };
  const planned = plannedAt(definition, run.startedAt, stepIndex);
  if (isExpired(now, planned, step.expiresAfterMinutes)) {
    return {
      type: "skip",
      reason: `expired: planned for ${planned.toISOString()}, no longer makes sense`,
      kind: "expired",
    };
  }
  if (run.holdout)
    return {
      type: "skip",
      reason: "holdout group: recorded for lift measurement, not sent",
      kind: "holdout",
    };

  const { ids, stockMatters, genericWhenNone } = productsFor(step, input);
  let productShopifyIds = ids;
  if (stockMatters && ids.length > 0) {
    const { kept } = inStock(ids, input.stock);
    if (kept.length === 0 && !genericWhenNone)
      return { type: "skip", reason: "every item is out of stock", kind: "skipped" };
    productShopifyIds = kept;
  }

  const q: QuietHours = {
    timeZone: safeTimeZone(shop.timeZone),
    start: shop.quietHoursStart,
    end: shop.quietHoursEnd,
  };
  const quiet = quietHours(now, q);
  if (quiet) return { type: "defer", until: quiet.until, reason: quiet.reason, kind: "deferred" };

  const trigger = definition.trigger.kind;
  if (trigger === "lapsed" || trigger === "first_order_anniversary") {
    const limit = dailyLimit(now, input.scannedSentToday, shop.dailySendLimit, q);
    if (limit) return { type: "defer", until: limit.until, reason: limit.reason, kind: "capped" };
  }

  const cap = frequencyCap({
    now,
    flowKey: run.flowKey,
    capCount: shop.frequencyCapCount,
    capDays: shop.frequencyCapDays,
    recentSends: input.recentSends,
    pendingOthers: input.pendingOthers,
  });
  if (cap)
    return { type: "defer", until: outsideQuietHours(cap.until, q), reason: cap.reason, kind: "capped" };

  if (shop.sendTimeOptimisation && !step.timeSensitive) {
    const zone = safeTimeZone(input.customer?.timeZone ?? shop.timeZone);
    const sto = sendTimeOptimised(now, planned, input.engagedHour, zone);
    if (sto)
      return { type: "defer", until: outsideQuietHours(sto.until, q), reason: sto.reason, kind: "deferred" };
  }

  const dropped = ids.length - productShopifyIds.length;
  return {
    type: "send",
    productShopifyIds,
    discountPercent: step.discountPercent,
    reason:
      dropped > 0 ? `sending; ${dropped} out-of-stock item${dropped === 1 ? "" : "s"} left out` : "sending",
  };
}

/** What follows a finished (sent or skipped) step: the next one, or the end of the run. */
export function nextStep(
  definition: FlowDefinition,
  startedAt: Date,
  stepIndex: number,
  now: Date,
): NextStep {
  const next = stepIndex + 1;
  if (next >= definition.steps.length) return { type: "complete", reason: "all steps done" };
  const ideal = plannedAt(definition, startedAt, next).getTime();
  const gap = Math.min(definition.steps[next].delayMinutes, MIN_GAP_MINUTES) * MINUTE_MS;
  return { type: "schedule", stepIndex: next, dueAt: new Date(Math.max(ideal, now.getTime() + gap)) };
}
