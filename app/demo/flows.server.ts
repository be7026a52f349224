// Switches the demo shop's flows on and gets copy approved so the outbox fills without a merchant
// at the keyboard. Auto-approval exists here, in demo mode only; a real shop's copy always waits
// for the merchant.
import type { Db } from "../db.server";

export interface DemoFlowsResult {
  enabled: string[];
  approvedDrafts: number;
  notes: string[];
}

export async function prepareDemoFlows(_db: Db, _shop: string, _at: Date): Promise<DemoFlowsResult> {
  return { enabled: [], approvedDrafts: 0, notes: ["flows and drafting are wired in as their modules land"] };
}
