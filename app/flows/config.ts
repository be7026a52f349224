// Per-shop flow overrides: what a merchant may change, the bounds that keep it sane, and how
// overrides and the catalog combine into the definition a FlowVersion stores. Pure.
import { z } from "zod";
import { FLOW_CATALOG, type FlowDefinition, type FlowKey } from "./catalog";

const H = 60;
const D = 24 * H;

/** Allowed delay (minutes) per step position, per flow: tight enough that every step still makes sense. */
const DELAY_BOUNDS: Record<FlowKey, Array<[number, number]>> = {
  checkout_abandonment: [
    [15, 24 * H],
    [1 * H, 7 * D],
    [1 * H, 7 * D],
  ],
  cart_abandonment: [[30, 48 * H]],
  browse_abandonment: [[30, 48 * H]],
  post_purchase: [
    [1 * H, 14 * D],
    [1 * D, 30 * D],
    [1 * D, 20 * D], // check-in: its day from the order is bounded by OFFSET_BOUNDS
    [1 * D, 60 * D],
  ],
  win_back: [
    [0, 7 * D],
    [1 * D, 60 * D],
  ],
  anniversary: [[0, 7 * D]],
  welcome: [
    [0, 2 * D],
    [1 * D, 7 * D],
    [1 * D, 14 * D],
  ],
};

/** Steps whose time from the trigger (not from the previous step) must stay in a window. */
const OFFSET_BOUNDS: Record<string, [number, number]> = {
  "post_purchase.check_in": [14 * D, 21 * D],
};

export const LAPSE_DAYS = { min: 60, max: 365, default: 90 } as const;
export const ONCE_PER_DAYS = { min: 1, max: 90 } as const;
export const COOLDOWN_DAYS = { min: 0, max: 365 } as const;
/** No flow discount above this, whatever the shop's cap says. */
export const ABSOLUTE_MAX_DISCOUNT = 50;

const stepOverride = z
  .object({
    delayMinutes: z.number().int().optional(),
    discountPercent: z.number().int().nullable().optional(),
  })
  .strict();

export const flowOverridesSchema = z
  .object({
    steps: z.record(z.string(), stepOverride).optional(),
    lapseDays: z.number().int().optional(),
    oncePerDays: z.number().int().optional(),
    cooldownDays: z.number().int().optional(),
  })
  .strict();

export type FlowOverrides = z.infer<typeof flowOverridesSchema>;

export type ConfigValidation =
  | { ok: true; overrides: FlowOverrides }
  | { ok: false; fieldErrors: Record<string, string> };

export interface ShopLimits {
  maxDiscountPercent: number;
}

/** Checks overrides against the flow's bounds; field names match the input ("steps.<key>.delayMinutes"). */
export function validateFlowConfig(flowKey: FlowKey, input: unknown, limits: ShopLimits): ConfigValidation {
  const parsed = flowOverridesSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "config"] ??= issue.message;
    return { ok: false, fieldErrors };
  }
  const overrides = parsed.data;
  const flow = FLOW_CATALOG[flowKey];
  const errors: Record<string, string> = {};
  const maxDiscount = Math.min(limits.maxDiscountPercent, ABSOLUTE_MAX_DISCOUNT);
  for (const [stepKey, o] of Object.entries(overrides.steps ?? {})) {
    const index = flow.steps.findIndex((s) => s.key === stepKey);
    if (index < 0) {
      errors[`steps.${stepKey}`] = `${flow.name} has no step called ${stepKey}`;
      continue;
    }
    const [min, max] = DELAY_BOUNDS[flowKey][index];
    if (o.delayMinutes !== undefined && (o.delayMinutes < min || o.delayMinutes > max)) {
      errors[`steps.${stepKey}.delayMinutes`] =
        `must be between ${formatMinutes(min)} and ${formatMinutes(max)}`;
    }
    if (o.discountPercent != null && (o.discountPercent < 1 || o.discountPercent > maxDiscount)) {
      errors[`steps.${stepKey}.discountPercent`] =
        `must be between 1% and ${maxDiscount}% (the shop's discount cap)`;
    }
  }
  const offsets = stepOffsets(resolveDefinition(flowKey, overrides));
  flow.steps.forEach((step, index) => {
    const window = OFFSET_BOUNDS[step.key];
    if (!window || errors[`steps.${step.key}.delayMinutes`]) return;
    const [min, max] = window;
    if (offsets[index] < min || offsets[index] > max)
      errors[`steps.${step.key}.delayMinutes`] =
        `must go out between ${formatMinutes(min)} and ${formatMinutes(max)} after the trigger (this edit puts it at ${formatMinutes(offsets[index])})`;
  });
  if (overrides.lapseDays !== undefined) {
    if (flow.trigger.kind !== "lapsed") errors.lapseDays = `${flow.name} has no lapse threshold`;
    else if (overrides.lapseDays < LAPSE_DAYS.min || overrides.lapseDays > LAPSE_DAYS.max)
      errors.lapseDays = `must be between ${LAPSE_DAYS.min} and ${LAPSE_DAYS.max} days`;
  }
  if (overrides.oncePerDays !== undefined) {
    if (flow.trigger.kind !== "pixel")
      errors.oncePerDays = `${flow.name} is not triggered by storefront activity`;
    else if (overrides.oncePerDays < ONCE_PER_DAYS.min || overrides.oncePerDays > ONCE_PER_DAYS.max)
      errors.oncePerDays = `must be between ${ONCE_PER_DAYS.min} and ${ONCE_PER_DAYS.max} days`;
  }
  if (
    overrides.cooldownDays !== undefined &&
    (overrides.cooldownDays < COOLDOWN_DAYS.min || overrides.cooldownDays > COOLDOWN_DAYS.max)
  ) {
    errors.cooldownDays = `must be between ${COOLDOWN_DAYS.min} and ${COOLDOWN_DAYS.max} days`;
  }
  return Object.keys(errors).length ? { ok: false, fieldErrors: errors } : { ok: true, overrides };
}

/** The catalog flow with the shop's overrides applied: what a FlowVersion stores and runs follow. */
export function resolveDefinition(
  flowKey: FlowKey,
  overrides: FlowOverrides,
  limits?: ShopLimits,
): FlowDefinition {
  const base = FLOW_CATALOG[flowKey];
  const cap = limits ? Math.min(limits.maxDiscountPercent, ABSOLUTE_MAX_DISCOUNT) : ABSOLUTE_MAX_DISCOUNT;
  const steps = base.steps.map((step) => {
    const o = overrides.steps?.[step.key] ?? {};
    const discount = o.discountPercent === undefined ? step.discountPercent : o.discountPercent;
    // A shop cap lower than the catalog default wins: never offer more than the merchant allows.
    return {
      ...step,
      delayMinutes: o.delayMinutes ?? step.delayMinutes,
      discountPercent: discount == null || cap <= 0 ? null : Math.min(discount, cap),
    };
  });
  let trigger = base.trigger;
  if (trigger.kind === "lapsed" && overrides.lapseDays !== undefined)
    trigger = { ...trigger, lapseDays: overrides.lapseDays };
  if (trigger.kind === "pixel" && overrides.oncePerDays !== undefined)
    trigger = { ...trigger, oncePerDays: overrides.oncePerDays };
  return { ...base, trigger, cooldownDays: overrides.cooldownDays ?? base.cooldownDays, steps };
}

/** Planned offset of each step from the run's start, in minutes (delays are cumulative). */
export function stepOffsets(definition: FlowDefinition): number[] {
  let total = 0;
  return definition.steps.map((s) => {
    total += s.delayMinutes;
    return total;
  });
}

export function formatMinutes(minutes: number): string {
  if (minutes % D === 0) return `${minutes / D} day${minutes === D ? "" : "s"}`;
  if (minutes % H === 0) return `${minutes / H} hour${minutes === H ? "" : "s"}`;
  return `${minutes} minutes`;
}
