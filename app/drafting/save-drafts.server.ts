// Stores written drafts: each as the next version of its step, product and segment, superseding older
// unreviewed versions, with audit rows, in one transaction per batch.
import type { Db } from "../db/client.server";
import type { Finding } from "./findings";
import type { DraftRecord, GeneratedDraft } from "./generate.server";
import { PROMPT_VERSION } from "./prompt";
import { TEMPLATE_AUTHOR, TEMPLATE_VERSION } from "./template-drafter";

const keyString = (k: {
  shop: string;
  stepKey: string;
  productShopifyId: string | null;
  segment?: string | null;
}) => `${k.shop}|${k.stepKey}|${k.productShopifyId ?? ""}|${k.segment ?? ""}`;

/**
 * Stores drafts in one transaction, each as the next version of its step and product, with a
 * handful of queries per batch (not per draft) so a catalog run pays little per draft.
 */
export async function saveDrafts(db: Db, records: DraftRecord[]): Promise<GeneratedDraft[]> {
  if (!records.length) return [];
  return db.$transaction(async (tx) => {
    const keys = records.map((r) => ({ shop: r.shop, ...r.target, segment: r.target.segment ?? null }));
    const existing = await tx.draft.findMany({
      where: { OR: keys },
      select: {
        id: true,
        shop: true,
        stepKey: true,
        productShopifyId: true,
        segment: true,
        version: true,
        status: true,
      },
    });
    const lastVersion = new Map<string, number>();
    const replacedBy = new Map<string, string[]>();
    for (const d of existing) {
      const k = keyString(d);
      lastVersion.set(k, Math.max(lastVersion.get(k) ?? 0, d.version));
      // Older unreviewed versions are replaced; approved copy stays live until the new one is approved.
      if (["pending", "parked", "stale"].includes(d.status))
        replacedBy.set(k, [...(replacedBy.get(k) ?? []), d.id]);
    }
    const rows = records.map((r) => {
      const k = keyString({ shop: r.shop, ...r.target });
      const version = (lastVersion.get(k) ?? 0) + 1;
      lastVersion.set(k, version);
      return {
        shop: r.shop,
        ...r.target,
        segment: r.target.segment ?? null,
        status: r.status,
        version,
        content: r.content,
        findings: JSON.stringify(r.findings),
        voiceScore: r.voiceScore,
        author: r.author,
        promptVersion: r.author === TEMPLATE_AUTHOR ? TEMPLATE_VERSION : PROMPT_VERSION,
        promptHash: r.promptHash,
        voiceVersion: r.voiceVersion,
        businessContextVersion: r.businessContextVersion,
        productHash: r.productHash,
        inputTokens: r.inputTokens,
        outputTokens: r.outputTokens,
        attempts: r.attempts,
        previousId: r.options.previousId ?? null,
        createdAt: r.options.now,
      };
    });
    const replacedIds = [...replacedBy.values()].flat();
    if (replacedIds.length) {
      await tx.draft.updateMany({
        where: { id: { in: replacedIds }, shop: { in: [...new Set(keys.map((k) => k.shop))] } },
        data: { status: "superseded" },
      });
    }
    const created = await tx.draft.createManyAndReturn({
      data: rows,
      select: { id: true, shop: true, stepKey: true, productShopifyId: true, segment: true, version: true },
    });
    const idOf = new Map(created.map((c) => [`${keyString(c)}|${c.version}`, c.id]));
    const audits: Array<{
      shop: string;
      draftId: string;
      action: string;
      actor: string;
      reason: string | null;
      at: Date;
    }> = [];
    const out: GeneratedDraft[] = records.map((r, i) => {
      const row = rows[i];
      const k = keyString(row);
      const id = idOf.get(`${k}|${row.version}`);
      if (!id) throw new Error(`draft ${k} v${row.version} was not stored`);
      const { actor, now: at } = r.options;
      for (const old of replacedBy.get(k) ?? []) {
        audits.push({
          shop: r.shop,
          draftId: old,
          action: "superseded",
          actor,
          reason: `replaced by version ${row.version}`,
          at,
        });
      }
      replacedBy.delete(k);
      audits.push({
        shop: r.shop,
        draftId: id,
        action: r.options.previousId ? "regenerated" : "generated",
        actor,
        reason: r.options.rejectionReason ?? null,
        at,
      });
      if (r.status === "parked") {
        audits.push({
          shop: r.shop,
          draftId: id,
          action: "parked",
          actor: "system",
          reason: parkReason(r.findings),
          at,
        });
      }
      return {
        id,
        status: r.status,
        version: row.version,
        author: r.author,
        attempts: r.attempts,
        findings: r.findings,
        inputTokens: r.inputTokens,
        outputTokens: r.outputTokens,
      };
    });
    await tx.draftAudit.createMany({ data: audits });
    return out;
    // Drafting runs beside CPU-bound checks (grammar, guardrails) on the same event loop: a batch
    // may wait past Prisma's 2 s default for a connection without anything being wrong.
  }, TRANSACTION_WAIT);
}

const TRANSACTION_WAIT = { maxWait: 15_000, timeout: 30_000 };

function parkReason(findings: Finding[]): string {
  const blocks = findings.filter((f) => f.severity === "block");
  return blocks.length
    ? blocks
        .slice(0, 3)
        .map((f) => `${f.field ? `${f.field}: ` : ""}${f.message}`)
        .join("; ")
    : "no usable copy";
}
