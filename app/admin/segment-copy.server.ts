// The flow page's "write per segment" card: which steps are marked for which segments, how many
// customers each segment holds, and what the copy would cost; saving stores the marking and asks
// the drafter for the new drafts (only when the flow is on: a flow switched on later drafts then).
import type { Db } from "../db.server";
import { DEFAULT_SEGMENT_RULES, SEGMENT_KEYS, type SegmentKey, segmentDefinitions } from "../domain/segments";
import { bestSellingProductIds } from "../drafting/catalog.server";
import { loadSettings } from "../drafting/context.server";
import { drafterDescription } from "../drafting/drafter-description";
import { invalidateSegmentSteps } from "../drafting/segment-copy.server";
import { DEFAULT_TOKENS_PER_DRAFT } from "../drafting/segment-estimate";
import { requestCatalogDrafts } from "../drafting/queue.server";
import { DRAFTED_PRODUCTS } from "../drafting/triggers.server";
import { env } from "../env.server";
import { FLOW_CATALOG, type FlowKey } from "../flows/catalog";
import { parseSegmentSteps, type SegmentSteps, validateSegmentSteps } from "../flows/segment-steps";

export interface SegmentCopyPlan {
  segmentSteps: SegmentSteps;
  segments: Array<{ key: SegmentKey; label: string; definition: string; customers: number }>;
  /** Products the drafter writes for; each step also gets one generic draft. */
  products: number;
  tokensPerDraft: { input: number; output: number };
  /** The model whose price the estimate uses (the shop's choice even while copy is written offline). */
  model: string;
  /** False while the offline template drafter writes the copy: nothing is charged then. */
  usesAi: boolean;
  drafterLabel: string;
  /** Segment drafts that exist now, per step and segment ("stepKey|segment" → count). */
  existing: Record<string, number>;
}

export async function loadSegmentCopyPlan(db: Db, shop: string, flowKey: FlowKey): Promise<SegmentCopyPlan> {
  const [setting, counts, productIds, measured, settings, existing, shopSettings] = await Promise.all([
    db.flowSetting.findUnique({ where: { shop_flowKey: { shop, flowKey } }, select: { segmentSteps: true } }),
    db.customer.groupBy({
      by: ["segment"],
      where: { shop, redactedAt: null, segment: { not: null } },
      _count: { _all: true },
    }),
    bestSellingProductIds(db, shop, DRAFTED_PRODUCTS),
    // What this shop's AI drafts really cost, once there are some (template drafts cost nothing).
    db.draft.aggregate({
      where: { shop, inputTokens: { gt: 0 } },
      _avg: { inputTokens: true, outputTokens: true },
      _count: { _all: true },
    }),
    loadSettings(db, shop),
    db.draft.groupBy({
      by: ["stepKey", "segment"],
      where: { shop, flowKey, segment: { not: null }, status: { in: ["pending", "approved", "parked"] } },
      _count: { _all: true },
    }),
    db.shopSettings.findUnique({ where: { shop }, select: { vipThresholdMinor: true } }),
  ]);
  const drafter = drafterDescription(env(), settings);
  const definitions = segmentDefinitions({
    ...DEFAULT_SEGMENT_RULES,
    vipThresholdMinor: shopSettings?.vipThresholdMinor ?? null,
  });
  return {
    segmentSteps: parseSegmentSteps(setting?.segmentSteps),
    segments: SEGMENT_KEYS.map((key) => {
      const def = definitions.find((d) => d.key === key);
      return {
        key,
        label: def?.label ?? key,
        definition: def?.definition ?? "",
        customers: counts.find((c) => c.segment === key)?._count._all ?? 0,
      };
    }),
    products: productIds.length,
    tokensPerDraft:
      measured._count._all > 0
        ? {
            input: Math.round(measured._avg.inputTokens ?? DEFAULT_TOKENS_PER_DRAFT.input),
            output: Math.round(measured._avg.outputTokens ?? DEFAULT_TOKENS_PER_DRAFT.output),
          }
        : DEFAULT_TOKENS_PER_DRAFT,
    model: drafter.model ?? settings.aiModel,
    usesAi: drafter.kind === "openai",
    drafterLabel: drafter.label,
    existing: Object.fromEntries(existing.map((e) => [`${e.stepKey}|${e.segment}`, e._count._all])),
  };
}

export type SaveSegmentsResult =
  | { ok: true; drafting: boolean; segmentSteps: SegmentSteps }
  | { ok: false; fieldErrors: Record<string, string> };

export async function saveSegmentCopy(
  db: Db,
  shop: string,
  flowKey: FlowKey,
  input: unknown,
  actor: string,
  now: Date,
): Promise<SaveSegmentsResult> {
  const checked = validateSegmentSteps(flowKey, input);
  if (!checked.ok) return checked;
  const segmentSteps = JSON.stringify(checked.steps);
  const setting = await db.flowSetting.upsert({
    where: { shop_flowKey: { shop, flowKey } },
    create: { shop, flowKey, enabled: false, segmentSteps },
    update: { segmentSteps },
    select: { enabled: true },
  });
  invalidateSegmentSteps(shop);
  const marked = Object.keys(checked.steps).length > 0;
  if (setting.enabled && marked)
    await requestCatalogDrafts(
      db,
      shop,
      { flowKeys: [flowKey], actor: `${actor}: per-segment copy for ${FLOW_CATALOG[flowKey].name}` },
      now,
    );
  return { ok: true, drafting: setting.enabled && marked, segmentSteps: checked.steps };
}
