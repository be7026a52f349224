// Send-time contract with delivery: which approved copy a message uses. Only approved copy is ever
// returned. Product copy first; otherwise the shop's choice: approved generic copy, or hold, except
// that a time-sensitive step waiting past the grace period uses generic copy rather than lose the send.
import type { Db } from "../db/client.server";
import type { CopyRequest, CopyResolution } from "../domain/copy";
import { findStep } from "../flows/catalog";
import { loadSettings } from "./context.server";
import { parseStoredContent } from "./recheck.server";
import { parseCopy } from "./schema";

async function latestApproved(db: Db, req: CopyRequest, productShopifyId: string | null) {
  return db.draft.findFirst({
    where: {
      shop: req.shop,
      flowKey: req.flowKey,
      stepKey: req.stepKey,
      productShopifyId,
      status: "approved",
    },
    orderBy: [{ version: "desc" }],
    select: { id: true, version: true, content: true },
  });
}

function asCopy(
  draft: { id: string; version: number; content: string } | null,
  generic: boolean,
): CopyResolution | null {
  if (!draft) return null;
  const parsed = parseCopy(parseStoredContent(draft.content));
  if (!parsed.ok) return null; // approved rows are checked at approval; a corrupt one is never sent
  return { kind: "copy", draftId: draft.id, draftVersion: draft.version, content: parsed.content, generic };
}

export async function resolveCopy(db: Db, req: CopyRequest): Promise<CopyResolution> {
  const found = findStep(req.stepKey);
  if (!found || found.flow.key !== req.flowKey)
    return { kind: "hold", reason: `unknown flow step ${req.stepKey}` };

  if (req.productShopifyId) {
    const own = asCopy(await latestApproved(db, req, req.productShopifyId), false);
    if (own) return own;
  }
  const generic = asCopy(await latestApproved(db, req, null), true);
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
