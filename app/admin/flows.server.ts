// Flow detail's read model: the catalog flow with this shop's overrides applied, step by step,
// plus how many customers are in it now (so the editor can say who an edit affects).
import type { Db } from "../db.server";
import { FLOW_CATALOG, type FlowKey, type FlowTrigger } from "../flows/catalog";
import { flowOverridesSchema, resolveDefinition, stepOffsets } from "../flows/config";

export interface FlowStepView {
  key: string;
  index: number;
  intent: string;
  type: string;
  delayMinutes: number;
  defaultDelayMinutes: number;
  offsetMinutes: number;
  discountPercent: number | null;
  timeSensitive: boolean;
  waiting: number; // active runs whose next step is this one
  approvedDrafts: number;
  pendingDrafts: number;
}

export function describeTrigger(trigger: FlowTrigger): string {
  switch (trigger.kind) {
    case "checkout_abandoned":
      return "A shopper entered their email at checkout and did not complete the order.";
    case "pixel":
      return `An identified shopper ${trigger.events.includes("product_added_to_cart") ? "added a product to the cart" : "viewed a product"} without buying (at most once every ${trigger.oncePerDays} days).`;
    case "first_order":
      return "A customer placed their first order.";
    case "lapsed":
      return `A customer's last order was ${trigger.lapseDays} days ago.`;
    case "first_order_anniversary":
      return "A year has passed since a customer's first order.";
    case "subscribed":
      return "A customer subscribed to email marketing and has never ordered (once per customer; buyers never enter).";
  }
}

/** Why a run leaves the flow early: the engine's exits, in the merchant's words. */
export function describeExits(trigger: FlowTrigger): string[] {
  const common = [
    "They unsubscribe or their email bounces",
    "The flow is switched off",
    "The app is uninstalled",
  ];
  switch (trigger.kind) {
    case "checkout_abandoned":
    case "pixel":
      return ["They place an order", ...common];
    case "lapsed":
      return ["They order again", ...common];
    case "subscribed":
      return ["They place their first order", ...common];
    default:
      return common;
  }
}

export async function loadFlowDetail(db: Db, shop: string, flowKey: FlowKey) {
  const [setting, settings, runs, drafts] = await Promise.all([
    db.flowSetting.findUnique({ where: { shop_flowKey: { shop, flowKey } } }),
    db.shopSettings.findUnique({ where: { shop }, select: { maxDiscountPercent: true } }),
    db.flowRun.groupBy({
      by: ["currentStep"],
      where: { shop, flowKey, status: "active" },
      _count: { _all: true },
    }),
    db.draft.groupBy({
      by: ["stepKey", "status"],
      where: { shop, flowKey, status: { in: ["approved", "pending", "stale"] } },
      _count: { _all: true },
    }),
  ]);
  const parsed = flowOverridesSchema.safeParse(safeJson(setting?.config));
  const overrides = parsed.success ? parsed.data : {};
  const limits = { maxDiscountPercent: settings?.maxDiscountPercent ?? 15 };
  const def = resolveDefinition(flowKey, overrides, limits);
  const offsets = stepOffsets(def);
  const waiting = new Map(runs.map((r) => [r.currentStep, r._count._all]));
  const draftCount = (stepKey: string, statuses: string[]) =>
    drafts
      .filter((d) => d.stepKey === stepKey && statuses.includes(d.status))
      .reduce((n, d) => n + d._count._all, 0);
  const steps: FlowStepView[] = def.steps.map((s, index) => ({
    key: s.key,
    index,
    intent: s.intent,
    type: s.type,
    delayMinutes: s.delayMinutes,
    defaultDelayMinutes: FLOW_CATALOG[flowKey].steps[index].delayMinutes,
    offsetMinutes: offsets[index],
    discountPercent: s.discountPercent,
    timeSensitive: s.timeSensitive,
    waiting: waiting.get(index) ?? 0,
    approvedDrafts: draftCount(s.key, ["approved"]),
    pendingDrafts: draftCount(s.key, ["pending", "stale"]),
  }));
  return {
    key: flowKey,
    name: def.name,
    description: def.description,
    enabled: setting?.enabled ?? false,
    version: setting?.version ?? 1,
    trigger: describeTrigger(def.trigger),
    exits: describeExits(def.trigger),
    cooldownDays: def.cooldownDays,
    // Entry filters the merchant may tune (null when the flow's trigger has no such setting).
    filters: {
      lapseDays: def.trigger.kind === "lapsed" ? def.trigger.lapseDays : null,
      oncePerDays: def.trigger.kind === "pixel" ? def.trigger.oncePerDays : null,
      cooldownDays: def.cooldownDays,
    },
    maxDiscountPercent: limits.maxDiscountPercent,
    activeRuns: runs.reduce((n, r) => n + r._count._all, 0),
    steps,
  };
}

export type FlowDetail = Awaited<ReturnType<typeof loadFlowDetail>>;

function safeJson(text: string | undefined): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
