// The one place admin routes reach the drafting lifecycle: approve, edit-and-approve, reject,
// regenerate, bulk approve. The rules (who may approve what, audit rows, blocking findings) live
// in app/drafting/lifecycle.server.ts; this file turns its results and refusals into what pages
// show: a toast message, an error, a 404 for a draft of another shop or none at all.
import type { Db } from "../db.server";
import type { CopyContent } from "../domain/copy";
import {
  approveDraft,
  bulkApprove,
  DraftingError,
  editAndApproveDraft,
  regenerateDraft,
  rejectDraft,
} from "../drafting/lifecycle.server";

export interface BulkResult {
  approved: number;
  skipped: number;
}

export interface DecisionResult {
  ok: boolean;
  message?: string;
  error?: string;
  newId?: string;
}

async function decide(run: () => Promise<DecisionResult>): Promise<DecisionResult> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof DraftingError)) throw error;
    if (error.code === "not_found") throw new Response("Draft not found", { status: 404 });
    const detail = error.findings.length ? ` ${error.findings.map((f) => f.message).join(" ")}` : "";
    return { ok: false, error: `${error.message}.${detail}`.replace(/\.\./g, ".") };
  }
}

export async function bulkApproveDrafts(
  db: Db,
  shop: string,
  ids: string[],
  actor: string,
  now: Date,
): Promise<BulkResult> {
  const result = await bulkApprove(db, shop, ids, actor, now);
  return { approved: result.approved.length, skipped: result.refused.length };
}

export function approve(db: Db, shop: string, id: string, actor: string, now: Date): Promise<DecisionResult> {
  return decide(async () => {
    await approveDraft(db, shop, id, actor, now);
    return { ok: true, message: "Draft approved" };
  });
}

/** Rejecting also asks for a calmer/better replacement, which the page then opens. */
export function reject(
  db: Db,
  shop: string,
  id: string,
  reason: string,
  actor: string,
  now: Date,
): Promise<DecisionResult> {
  return decide(async () => {
    const result = await rejectDraft(db, shop, id, reason, actor, now);
    return {
      ok: true,
      message: result.replacement ? "Draft rejected: here is a new version" : "Draft rejected",
      newId: result.replacement?.id,
    };
  });
}

export function regenerate(
  db: Db,
  shop: string,
  id: string,
  actor: string,
  now: Date,
): Promise<DecisionResult> {
  return decide(async () => {
    const next = await regenerateDraft(db, shop, id, actor, now);
    return { ok: true, message: "New version written", newId: next.id };
  });
}

export function editAndApprove(
  db: Db,
  shop: string,
  id: string,
  edits: CopyContent,
  actor: string,
  now: Date,
): Promise<DecisionResult> {
  return decide(async () => {
    const result = await editAndApproveDraft(db, shop, id, edits, actor, now);
    return { ok: true, message: "Edits saved and approved", newId: result.id };
  });
}
