// The one place admin routes reach the drafting lifecycle: approve, edit-and-approve, reject,
// regenerate, bulk approve. The rules (who may approve what, audit rows, blocking findings) live
// in app/drafting/lifecycle.server.ts; this file only adapts its results for pages.
import type { Db } from "../db.server";
import type { CopyContent } from "../domain/copy";

export interface BulkResult {
  approved: number;
  skipped: number;
}

export async function bulkApproveDrafts(
  _db: Db,
  _shop: string,
  _ids: string[],
  _actor: string,
  _now: Date,
): Promise<BulkResult> {
  throw new Response("Approving is not available yet", { status: 501 });
}

export interface DecisionResult {
  ok: boolean;
  message?: string;
  error?: string;
  newId?: string;
}

const notYet = () => new Response("This action is not available yet", { status: 501 });

export async function approve(
  _db: Db,
  _shop: string,
  _id: string,
  _actor: string,
  _now: Date,
): Promise<DecisionResult> {
  throw notYet();
}
export async function reject(
  _db: Db,
  _shop: string,
  _id: string,
  _reason: string,
  _actor: string,
  _now: Date,
): Promise<DecisionResult> {
  throw notYet();
}
export async function regenerate(
  _db: Db,
  _shop: string,
  _id: string,
  _actor: string,
  _now: Date,
): Promise<DecisionResult> {
  throw notYet();
}
export async function editAndApprove(
  _db: Db,
  _shop: string,
  _id: string,
  _edits: CopyContent,
  _actor: string,
  _now: Date,
): Promise<DecisionResult> {
  throw notYet();
}
