// Switches the demo shop's flows on and drafts copy for its best sellers, then plays the merchant
// for part of the queue so the story shows both halves of the promise: emails go out from
// approved copy, and the approvals queue still holds drafts awaiting the merchant. Auto-approval
// exists here, in demo mode only; guardrails still apply (a draft that breaks a rule stays pending).
import type { Db } from "../db.server";
import { bestSellingProductIds, draftCatalog } from "../drafting/catalog.server";
import { bulkApprove } from "../drafting/lifecycle.server";
import type { SegmentKey } from "../domain/segments";
import { FLOW_KEYS, type FlowKey } from "../flows/catalog";
import { setFlowEnabled } from "../flows/settings.server";

export const DEMO_APPROVER = "demo auto-approval";

/**
 * Steps whose product-specific drafts the demo leaves for the merchant: they go out a week or more
 * after the trigger, past the README's advances, so until they are approved those sends use the
 * step's approved generic copy.
 */
export const LEFT_FOR_REVIEW = ["post_purchase.tips", "post_purchase.cross_sell", "win_back.second_touch"];

/**
 * The step the demo marks "write per segment", and for which segments, so the queue shows copy
 * grouped by segment. Only the VIP copy is approved for the merchant: VIP customers' emails use it,
 * and the other segments' drafts wait in the queue (their customers get the default copy meanwhile).
 */
export const DEMO_SEGMENT_STEP = "checkout_abandonment.reminder";
export const DEMO_SEGMENTS: readonly SegmentKey[] = ["new", "returning", "vip"];
export const DEMO_APPROVED_SEGMENTS: readonly string[] = ["vip"];

/** Every product the demo's customers bought: its store has 42, all of them sold at some point. */
export const DEMO_PRODUCT_LIMIT = 60;

export interface DemoFlowsResult {
  enabled: FlowKey[];
  drafted: number;
  approvedDrafts: number;
  pendingDrafts: number;
  flaggedPending: number;
  notes: string[];
}

async function enableFlows(db: Db, shop: string, at: Date): Promise<FlowKey[]> {
  // Only flows never touched are switched on: a flow the person switched off stays off on restart.
  const touched = new Set(
    (await db.flowSetting.findMany({ where: { shop }, select: { flowKey: true } })).map((r) => r.flowKey),
  );
  for (const flowKey of FLOW_KEYS) {
    if (touched.has(flowKey)) continue;
    await setFlowEnabled(db, shop, flowKey, true, at);
    // Marked once, with the flow: a marking the person changes later stays theirs on restart.
    if (DEMO_SEGMENT_STEP.startsWith(`${flowKey}.`))
      await db.flowSetting.updateMany({
        where: { shop, flowKey },
        data: { segmentSteps: JSON.stringify({ [DEMO_SEGMENT_STEP]: DEMO_SEGMENTS }) },
      });
  }
  const rows = await db.flowSetting.findMany({ where: { shop, enabled: true }, select: { flowKey: true } });
  return rows.map((r) => r.flowKey as FlowKey);
}

interface QueuedDraft {
  id: string;
  stepKey: string;
  productShopifyId: string | null;
  segment?: string | null;
  findings: string;
}

const flagged = (d: { findings: string }) => d.findings !== "[]" && d.findings !== "";

/**
 * The drafts the demo approves for the merchant. Left in the queue: the later steps' product
 * drafts (LEFT_FOR_REVIEW) and, per step, the flagged draft (voice or guardrail finding) of the
 * least-sold product, so the queue shows a finding to decide on while the best sellers' copy is live.
 */
export function demoApprovals(drafts: QueuedDraft[], bestSellers: string[]): string[] {
  const rank = (id: string | null) => (id === null ? -1 : bestSellers.indexOf(id));
  const heldFlagged = new Map<string, QueuedDraft>();
  for (const d of drafts) {
    if (d.productShopifyId === null || !flagged(d) || LEFT_FOR_REVIEW.includes(d.stepKey)) continue;
    const held = heldFlagged.get(d.stepKey);
    if (!held || rank(d.productShopifyId) > rank(held.productShopifyId)) heldFlagged.set(d.stepKey, d);
  }
  const kept = new Set([...heldFlagged.values()].map((d) => d.id));
  return drafts
    .filter((d) => !d.segment || DEMO_APPROVED_SEGMENTS.includes(d.segment))
    .filter((d) => d.productShopifyId === null || !LEFT_FOR_REVIEW.includes(d.stepKey))
    .filter((d) => !kept.has(d.id))
    .map((d) => d.id);
}

export async function prepareDemoFlows(
  db: Db,
  shop: string,
  at: Date,
  productLimit = DEMO_PRODUCT_LIMIT,
): Promise<DemoFlowsResult> {
  const notes: string[] = [];
  const enabled = await enableFlows(db, shop, at);
  // The demo approves only what it drafts now: on a restart, what the person left pending stays
  // pending, and drafts a failed earlier start missed are approved when they are written.
  const pendingIds = async () =>
    (await db.draft.findMany({ where: { shop, status: "pending" }, select: { id: true } })).map((d) => d.id);
  const before = new Set(await pendingIds());
  const drafted = await draftCatalog(db, shop, {
    flowKeys: enabled,
    limit: productLimit,
    actor: "demo",
    now: at,
  });
  if (drafted.failed.length) notes.push(`${drafted.failed.length} drafts failed: ${drafted.failed[0].error}`);
  const fresh = await db.draft.findMany({
    where: { shop, status: "pending", flowKey: { in: enabled }, id: { notIn: [...before] } },
    select: { id: true, stepKey: true, productShopifyId: true, segment: true, findings: true },
  });
  const ids = demoApprovals(fresh, await bestSellingProductIds(db, shop, productLimit));
  let refused = 0;
  for (let i = 0; i < ids.length; i += 500) {
    refused += (await bulkApprove(db, shop, ids.slice(i, i + 500), DEMO_APPROVER, at)).refused.length;
  }
  if (refused) notes.push(`${refused} drafts held back by guardrails`);
  const [approvedDrafts, pending] = await Promise.all([
    db.draft.count({ where: { shop, status: "approved" } }),
    db.draft.findMany({ where: { shop, status: "pending" }, select: { findings: true } }),
  ]);
  return {
    enabled,
    drafted: drafted.created,
    approvedDrafts,
    pendingDrafts: pending.length,
    flaggedPending: pending.filter(flagged).length,
    notes,
  };
}
