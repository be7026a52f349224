// The approval lifecycle the admin calls: approve, edit-and-approve, reject (the reason feeds the
// next generation), regenerate, bulk approve. Approved copy is immutable: an edit writes a new
// version row pointing at the one it came from, and every action leaves a DraftAudit row with its actor.
import { z } from "zod";
import type { Db } from "../db/client.server";
import type { CopyContent } from "../domain/copy";
import { type DraftingDeps, defaultDrafting } from "./drafter.server";
import type { Finding } from "./findings";
import { DraftingError, type GeneratedDraft, generateDraft } from "./generate.server";
import { parseStoredContent, recheck } from "./recheck.server";
import { applyEdits, copyEditsSchema } from "./sanitize";
import { parseCopy } from "./schema";

export { DraftingError } from "./generate.server";
export { getDraft, listDrafts } from "./drafts-query.server";

const APPROVABLE = ["pending", "stale", "parked"];
const EDITABLE = ["pending", "stale", "parked", "approved"];
const REJECTABLE = ["pending", "stale", "parked", "approved"];

async function loadDraft(db: Db, shop: string, draftId: string) {
  const draft = await db.draft.findFirst({ where: { shop, id: draftId } });
  if (!draft) throw new DraftingError("not_found", "Draft not found");
  return draft;
}

function keyOf(d: {
  shop: string;
  flowKey: string;
  stepKey: string;
  productShopifyId: string | null;
  segment: string | null;
}) {
  return {
    shop: d.shop,
    flowKey: d.flowKey,
    stepKey: d.stepKey,
    productShopifyId: d.productShopifyId,
    segment: d.segment,
  };
}

export interface ApproveResult {
  id: string;
  version: number;
  findings: Finding[];
}

export async function approveDraft(
  db: Db,
  shop: string,
  draftId: string,
  actor: string,
  now: Date,
): Promise<ApproveResult> {
  const draft = await loadDraft(db, shop, draftId);
  if (!APPROVABLE.includes(draft.status))
    throw new DraftingError("invalid_state", `A ${draft.status} draft cannot be approved`);
  const { review, productHash } = await recheck(db, shop, draft, parseStoredContent(draft.content));
  if (!review.approvable) {
    await db.draft.updateMany({
      where: { shop, id: draft.id },
      data: { findings: JSON.stringify(review.findings) },
    });
    throw new DraftingError(
      "blocked",
      "This draft breaks a rule and cannot be approved",
      review.findings.filter((f) => f.severity === "block"),
    );
  }
  await db.$transaction(async (tx) => {
    const claimed = await tx.draft.updateMany({
      where: { shop, id: draft.id, status: { in: APPROVABLE } },
      data: {
        status: "approved",
        approvedBy: actor,
        approvedAt: now,
        findings: JSON.stringify(review.findings),
        voiceScore: review.voiceScore,
        productHash: productHash ?? draft.productHash,
      },
    });
    if (claimed.count !== 1)
      throw new DraftingError("invalid_state", "The draft changed while it was being approved");
    await supersedeApproved(tx as unknown as Db, draft, draft.id, actor, now);
    await tx.draftAudit.create({ data: { shop, draftId: draft.id, action: "approved", actor, at: now } });
  });
  return { id: draft.id, version: draft.version, findings: review.findings };
}

/** Any other approved version for the same step, product and segment stops being live. */
async function supersedeApproved(
  tx: Db,
  draft: {
    shop: string;
    flowKey: string;
    stepKey: string;
    productShopifyId: string | null;
    segment: string | null;
  },
  keepId: string,
  actor: string,
  now: Date,
): Promise<void> {
  const old = await tx.draft.findMany({
    where: { ...keyOf(draft), status: "approved", id: { not: keepId } },
    select: { id: true },
  });
  if (!old.length) return;
  await tx.draft.updateMany({
    where: { shop: draft.shop, id: { in: old.map((o) => o.id) } },
    data: { status: "superseded" },
  });
  await tx.draftAudit.createMany({
    data: old.map((o) => ({
      shop: draft.shop,
      draftId: o.id,
      action: "superseded",
      actor,
      reason: `replaced by ${keepId}`,
      at: now,
    })),
  });
}

export async function editAndApproveDraft(
  db: Db,
  shop: string,
  draftId: string,
  edits: unknown,
  actor: string,
  now: Date,
): Promise<ApproveResult> {
  const parsedEdits = copyEditsSchema.safeParse(edits);
  if (!parsedEdits.success)
    throw new DraftingError(
      "invalid_input",
      parsedEdits.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    );
  const draft = await loadDraft(db, shop, draftId);
  if (!EDITABLE.includes(draft.status))
    throw new DraftingError("invalid_state", `A ${draft.status} draft cannot be edited`);
  const base = parseCopy(parseStoredContent(draft.content));
  if (!base.ok && Object.keys(parsedEdits.data).length < 7) {
    throw new DraftingError("invalid_input", "This draft has no usable copy: provide every field");
  }
  const baseContent: CopyContent = base.ok ? base.content : (parsedEdits.data as CopyContent);
  const { content, changedFields, stripped } = applyEdits(baseContent, parsedEdits.data);
  const { review, productHash } = await recheck(db, shop, draft, content);
  const notes: Finding[] = stripped.map((field) => ({
    source: "edit",
    rule: "formatting_removed",
    severity: "warn",
    message: "Formatting and markup were removed: copy is plain text",
    field,
  }));
  if (!review.approvable) {
    throw new DraftingError(
      "blocked",
      "The edited copy breaks a rule and cannot be approved",
      review.findings.filter((f) => f.severity === "block"),
    );
  }
  const created = await db.$transaction(async (tx) => {
    const last = await tx.draft.findFirst({
      where: keyOf(draft),
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const next = await tx.draft.create({
      data: {
        ...keyOf(draft),
        status: "approved",
        version: (last?.version ?? 0) + 1,
        content: JSON.stringify(content),
        findings: JSON.stringify([...notes, ...review.findings]),
        voiceScore: review.voiceScore,
        author: draft.author,
        promptVersion: draft.promptVersion,
        promptHash: draft.promptHash,
        voiceVersion: draft.voiceVersion,
        productHash: productHash ?? draft.productHash,
        attempts: draft.attempts,
        previousId: draft.id,
        approvedBy: actor,
        approvedAt: now,
        createdAt: now,
      },
    });
    await tx.draft.updateMany({ where: { shop, id: draft.id }, data: { status: "superseded" } });
    await supersedeApproved(tx as unknown as Db, draft, next.id, actor, now);
    await tx.draftAudit.createMany({
      data: [
        {
          shop,
          draftId: draft.id,
          action: "superseded",
          actor,
          reason: `edited into version ${next.version}`,
          at: now,
        },
        {
          shop,
          draftId: next.id,
          action: "edited",
          actor,
          reason: changedFields.length ? `changed ${changedFields.join(", ")}` : "no changes",
          at: now,
        },
        { shop, draftId: next.id, action: "approved", actor, at: now },
      ],
    });
    return next;
  });
  return { id: created.id, version: created.version, findings: [...notes, ...review.findings] };
}

const reasonSchema = z.string().trim().min(1, "Say why, so the next draft can do better").max(500);

export interface RejectResult {
  id: string;
  replacement: GeneratedDraft | null;
}

export async function rejectDraft(
  db: Db,
  shop: string,
  draftId: string,
  reason: string,
  actor: string,
  now: Date,
  options: { regenerate?: boolean; drafting?: DraftingDeps } = {},
): Promise<RejectResult> {
  const parsed = reasonSchema.safeParse(reason);
  if (!parsed.success) throw new DraftingError("invalid_input", parsed.error.issues[0].message);
  const draft = await loadDraft(db, shop, draftId);
  if (!REJECTABLE.includes(draft.status))
    throw new DraftingError("invalid_state", `A ${draft.status} draft cannot be rejected`);
  await db.$transaction([
    db.draft.updateMany({
      where: { shop, id: draft.id },
      data: { status: "rejected", rejectionReason: parsed.data },
    }),
    db.draftAudit.create({
      data: { shop, draftId: draft.id, action: "rejected", actor, reason: parsed.data, at: now },
    }),
  ]);
  if (options.regenerate === false) return { id: draft.id, replacement: null };
  const replacement = await generateDraft(db, options.drafting ?? defaultDrafting(db), shop, draft, {
    actor,
    now,
    rejectionReason: parsed.data,
    previousId: draft.id,
    bypassCache: true,
  });
  return { id: draft.id, replacement };
}

export async function regenerateDraft(
  db: Db,
  shop: string,
  draftId: string,
  actor: string,
  now: Date,
  options: { drafting?: DraftingDeps } = {},
): Promise<GeneratedDraft> {
  const draft = await loadDraft(db, shop, draftId);
  // The merchant's last word on this step and product keeps steering the new version.
  const lastRejection = draft.rejectionReason
    ? draft
    : await db.draft.findFirst({
        where: { ...keyOf(draft), status: "rejected", rejectionReason: { not: null } },
        orderBy: { version: "desc" },
        select: { rejectionReason: true },
      });
  return generateDraft(db, options.drafting ?? defaultDrafting(db), shop, draft, {
    actor,
    now,
    rejectionReason: lastRejection?.rejectionReason ?? null,
    previousId: draft.id,
    bypassCache: true,
  });
}

export interface BulkApproveResult {
  approved: string[];
  refused: Array<{ id: string; reason: string; findings: Finding[] }>;
}

export async function bulkApprove(
  db: Db,
  shop: string,
  ids: string[],
  actor: string,
  now: Date,
): Promise<BulkApproveResult> {
  const unique = [...new Set(ids)].slice(0, 500);
  const out: BulkApproveResult = { approved: [], refused: [] };
  for (const id of unique) {
    try {
      await approveDraft(db, shop, id, actor, now);
      out.approved.push(id);
    } catch (error) {
      if (!(error instanceof DraftingError)) throw error;
      out.refused.push({ id, reason: error.message, findings: error.findings });
    }
  }
  return out;
}
