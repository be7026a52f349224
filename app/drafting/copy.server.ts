// Send-time contract with delivery: which approved copy a message uses. Only approved copy is ever
// returned. Product copy first; otherwise the shop's choice: approved generic copy, or hold, except
// that a time-sensitive step waiting past the grace period uses generic copy rather than lose the send.
// On a step marked "write per segment", copy approved for the customer's segment comes before the
// default copy at each of those levels; a segment draft not approved yet falls back to the default.
import type { Db } from "../db/client.server";
import type { CopyRequest, CopyResolution } from "../domain/copy";
import { findStep } from "../flows/catalog";
import { loadSettings } from "./context.server";
import { parseStoredContent } from "./recheck.server";
import { parseCopy } from "./schema";
import { copySegmentFor } from "../flows/segment-steps";
import { markedSegmentSteps } from "./segment-copy.server";

type ApprovedRow = { id: string; version: number; content: string };

/**
 * The latest approved drafts for the product and generic, for the customer's copy segment and the
 * default, in one query: at most four rows (one approved version per step, product and segment).
 */
async function approvedCandidates(db: Db, req: CopyRequest, segment: string | null) {
  const products = req.productShopifyId ? [{ productShopifyId: req.productShopifyId }] : [];
  const segments = segment ? [{ segment }] : [];
  const rows = await db.draft.findMany({
    where: {
      shop: req.shop,
      flowKey: req.flowKey,
      stepKey: req.stepKey,
      status: "approved",
      AND: [{ OR: [...products, { productShopifyId: null }] }, { OR: [...segments, { segment: null }] }],
    },
    orderBy: [{ version: "desc" }],
    select: { id: true, version: true, content: true, productShopifyId: true, segment: true },
  });
  // The segment's copy first, then the default; a row that fails to parse is passed over.
  const pick = (product: string | null, generic: boolean): CopyResolution | null => {
    const of = (seg: string | null) =>
      rows.find((r) => r.productShopifyId === product && r.segment === seg) ?? null;
    return (segment ? asCopy(of(segment), generic) : null) ?? asCopy(of(null), generic);
  };
  return { own: req.productShopifyId ? pick(req.productShopifyId, false) : null, generic: pick(null, true) };
}

function asCopy(draft: ApprovedRow | null, generic: boolean): CopyResolution | null {
  if (!draft) return null;
  const parsed = parseCopy(parseStoredContent(draft.content));
  if (!parsed.ok) return null; // approved rows are checked at approval; a corrupt one is never sent
  return { kind: "copy", draftId: draft.id, draftVersion: draft.version, content: parsed.content, generic };
}

export async function resolveCopy(db: Db, req: CopyRequest): Promise<CopyResolution> {
  const found = findStep(req.stepKey);
  if (!found || found.flow.key !== req.flowKey)
    return { kind: "hold", reason: `unknown flow step ${req.stepKey}` };

  const marked = req.segment ? await markedSegmentSteps(db, req.shop, req.flowKey) : {};
  const { own, generic } = await approvedCandidates(
    db,
    req,
    copySegmentFor(marked, req.stepKey, req.segment),
  );
  if (own) return own;
  if (!req.productShopifyId) {
    return generic ?? { kind: "hold", reason: `no approved generic copy for ${req.stepKey} yet` };
  }

  const settings = await loadSettings(db, req.shop);
  if (settings.unapprovedFallback === "generic") {
    return (
      generic ?? {
        kind: "hold",
        reason: `no approved copy for ${req.stepKey}: neither this product's nor generic`,
      }
    );
  }
  // The shop holds sends until product copy is approved; a time-sensitive step cannot wait forever.
  const waitedMs = req.now.getTime() - req.dueAt.getTime();
  const graceMs = settings.approvalGraceMinutes * 60_000;
  if (found.step.timeSensitive && waitedMs >= graceMs) {
    return (
      generic ?? {
        kind: "hold",
        reason: `product copy for ${req.stepKey} awaits approval and no generic copy is approved`,
      }
    );
  }
  return {
    kind: "hold",
    reason: found.step.timeSensitive
      ? `product copy for ${req.stepKey} awaits approval; generic copy is used after ${settings.approvalGraceMinutes} minutes`
      : `product copy for ${req.stepKey} awaits approval and the shop holds sends until then`,
  };
}
