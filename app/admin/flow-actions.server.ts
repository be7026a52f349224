// The one place admin routes reach flow settings: switch on/off, preview an edit's impact, and
// save timing/discounts. The rules (bounds, versioning, what happens to runs already waiting)
// live in app/flows/settings.server.ts.
import type { Db } from "../db.server";
import type { FlowKey } from "../flows/catalog";
import type { FlowOverrides } from "../flows/config";
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
): Promise<{ exited: number }> {
  return setFlowEnabled(db, shop, flowKey, enabled, now);
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
