// Switches the demo shop's flows on and gets copy approved so the outbox fills without a merchant
// at the keyboard. Auto-approval exists here, in demo mode only; a real shop's copy always waits
// for the merchant, and guardrails still apply (a draft that breaks a rule is not approved).
import type { Db } from "../db.server";
import { draftCatalog } from "../drafting/catalog.server";
import { bulkApprove } from "../drafting/lifecycle.server";
import { FLOW_KEYS, type FlowKey } from "../flows/catalog";
import { setFlowEnabled } from "../flows/settings.server";

export const DEMO_APPROVER = "demo auto-approval";

export interface DemoFlowsResult {
  enabled: FlowKey[];
  drafted: number;
  approvedDrafts: number;
  notes: string[];
}

async function enableFlows(db: Db, shop: string, at: Date): Promise<FlowKey[]> {
  // Only flows never touched are switched on: a flow the person switched off stays off on restart.
  const touched = new Set(
    (await db.flowSetting.findMany({ where: { shop }, select: { flowKey: true } })).map((r) => r.flowKey),
  );
  for (const flowKey of FLOW_KEYS) {
    if (!touched.has(flowKey)) await setFlowEnabled(db, shop, flowKey, true, at);
  }
  const rows = await db.flowSetting.findMany({ where: { shop, enabled: true }, select: { flowKey: true } });
  return rows.map((r) => r.flowKey as FlowKey);
}

export async function prepareDemoFlows(
  db: Db,
  shop: string,
  at: Date,
  productLimit = 8,
): Promise<DemoFlowsResult> {
  const notes: string[] = [];
  const enabled = await enableFlows(db, shop, at);
  const drafted = await draftCatalog(db, shop, {
    flowKeys: enabled,
    limit: productLimit,
    actor: "demo",
    now: at,
  });
  if (drafted.failed.length) notes.push(`${drafted.failed.length} drafts failed: ${drafted.failed[0].error}`);
  const pending = await db.draft.findMany({
    where: { shop, status: "pending", flowKey: { in: enabled } },
    select: { id: true },
  });
  const approved = await bulkApprove(
    db,
    shop,
    pending.map((d) => d.id),
    DEMO_APPROVER,
    at,
  );
  if (approved.refused.length) notes.push(`${approved.refused.length} drafts held back by guardrails`);
  const live = await db.draft.count({ where: { shop, status: "approved" } });
  return { enabled, drafted: drafted.created, approvedDrafts: live, notes };
}
