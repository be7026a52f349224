// The one place admin routes reach flow settings: switch on/off, preview an edit's impact, and
// save timing/discounts. The rules (bounds, versioning, what happens to runs already waiting)
// live in app/flows/settings.server.ts.
import type { Db } from "../db.server";
import type { FlowKey } from "../flows/catalog";
import type { FlowOverrides } from "../flows/config";
import { onFlowEnabled } from "../drafting/triggers.server";
import { describeEditImpact, setFlowEnabled, updateFlowConfig } from "../flows/settings.server";

export type ConfigResult = { ok: true; version: number } | { ok: false; fieldErrors: Record<string, string> };
export type ImpactResult =
  | { ok: true; changes: string[]; summary: string }
  | { ok: false; fieldErrors: Record<string, string> };

export async function switchFlow(
  db: Db,
  shop: string,
  flowKey: FlowKey,
  enabled: boolean,
  now: Date,
  actor = "merchant",
): Promise<{ exited: number }> {
  const result = await setFlowEnabled(db, shop, flowKey, enabled, now);
  // A flow switched on needs copy before it can send: ask for drafts now, not at the next sweep.
  if (enabled) await onFlowEnabled(db, shop, flowKey, actor, now);
  return result;
}

export async function saveFlowConfig(
  db: Db,
  shop: string,
  flowKey: FlowKey,
  overrides: FlowOverrides,
  now: Date,
): Promise<ConfigResult> {
  const result = await updateFlowConfig(db, shop, flowKey, overrides, now);
  return result.ok ? { ok: true, version: result.version } : result;
}

export async function editImpact(
  db: Db,
  shop: string,
  flowKey: FlowKey,
  overrides: FlowOverrides,
): Promise<ImpactResult> {
  const result = await describeEditImpact(db, shop, flowKey, overrides);
  return result.ok ? { ok: true, changes: result.impact.changes, summary: result.impact.summary } : result;
}
