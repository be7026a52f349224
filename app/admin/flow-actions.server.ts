// The one place admin routes reach flow settings: switch on/off and edit timing/discounts.
// The rules (bounds, versioning, what happens to runs already waiting) live in
// app/flows/settings.server.ts; this file adapts their results for pages.
import type { Db } from "../db.server";
import type { FlowKey } from "../flows/catalog";
import type { FlowOverrides } from "../flows/config";

export type ConfigResult = { ok: true; version: number } | { ok: false; fieldErrors: Record<string, string> };

const notYet = () => new Response("This action is not available yet", { status: 501 });

export async function switchFlow(
  _db: Db,
  _shop: string,
  _flowKey: FlowKey,
  _enabled: boolean,
  _now: Date,
): Promise<void> {
  throw notYet();
}

export async function saveFlowConfig(
  _db: Db,
  _shop: string,
  _flowKey: FlowKey,
  _overrides: FlowOverrides,
  _now: Date,
): Promise<ConfigResult> {
  throw notYet();
}

/** What an edit means for customers already in the flow, shown before the merchant saves. */
export async function editImpact(db: Db, shop: string, flowKey: FlowKey): Promise<string> {
  const waiting = await db.flowRun.count({ where: { shop, flowKey, status: "active" } });
  if (waiting === 0)
    return "No customers are in this flow right now: the new timing applies to everyone who enters from now on.";
  return `${waiting.toLocaleString("en")} customer${waiting === 1 ? " is" : "s are"} in this flow now. They keep the timing they started with; customers who enter after you save get the new timing.`;
}
