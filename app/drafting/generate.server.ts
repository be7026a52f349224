// The generation loop: write a draft, judge it (schema, guardrails, voice), feed the findings back
// and try again up to N times, then store it as pending, or parked with its reasons. A provider
// failure (timeout, refusal, malformed answer) hands the draft to the template drafter instead.
import type { Db } from "../db/client.server";
import { buildDraftInput, type Feedback } from "./facts";
import type { Finding } from "./findings";
import type { DraftingDeps } from "./drafter.server";
import type { ShopContext } from "./context.server";
import { loadShopContext } from "./context.server";
import { PROMPT_VERSION, buildPrompt } from "./prompt";
import { loadProducts, productFacts, productHash, type ProductRow } from "./products.server";
import { type Review, reviewCopy } from "./review";
import { TEMPLATE_AUTHOR, TEMPLATE_VERSION } from "./template-drafter";
import { findStep } from "../flows/catalog";

export interface DraftTarget {
  flowKey: string;
  stepKey: string;
  productShopifyId: string | null;
}

export interface GenerateOptions {
  actor: string;
  now: Date;
  rejectionReason?: string | null;
  previousId?: string | null;
  bypassCache?: boolean;
  context?: ShopContext; // preloaded by catalog runs
  product?: ProductRow | null; // preloaded by catalog runs
}

export interface GeneratedDraft {
  id: string;
  status: "pending" | "parked";
  version: number;
  author: string;
  attempts: number;
  findings: Finding[];
  inputTokens: number;
  outputTokens: number;
}

export class DraftingError extends Error {
  constructor(
    readonly code: "not_found" | "invalid_state" | "blocked" | "invalid_input",
    message: string,
    readonly findings: Finding[] = [],
  ) {
    super(message);
    this.name = "DraftingError";
  }
}

export async function generateDraft(
  db: Db,
  deps: DraftingDeps,
  shop: string,
  target: DraftTarget,
  options: GenerateOptions,
): Promise<GeneratedDraft> {
  const found = findStep(target.stepKey);
  if (!found || found.flow.key !== target.flowKey)
    throw new DraftingError("invalid_input", `unknown step ${target.stepKey}`);
  const ctx = options.context ?? (await loadShopContext(db, shop));
  let row: ProductRow | null = null;
  if (target.productShopifyId) {
    row =
      options.product ??
      (await loadProducts(db, shop, [target.productShopifyId])).get(target.productShopifyId) ??
      null;
    if (!row)
      throw new DraftingError("not_found", `product ${target.productShopifyId} is not in the catalog`);
  }
  const product = row ? productFacts(row, ctx.currency) : null;

  let provider = deps.providerFor(ctx.settings);
  const notes: Finding[] = [];
  let feedback: Feedback = { rejectionReason: options.rejectionReason ?? null, findings: [] };
  let review: Review | null = null;
  let author = provider.author;
  let promptHash: string | null = null;
  let attempts = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let raw: unknown = null;

  while (attempts < deps.maxAttempts) {
    attempts++;
    const input = buildDraftInput({
      shopName: ctx.shopName,
      stepKey: target.stepKey,
      product,
      voice: ctx.voice,
      shopMaxDiscountPercent: ctx.settings.maxDiscountPercent,
      feedback,
    });
    const prompt = buildPrompt(input);
    const result = await provider.write({
      shop,
      input,
      prompt,
      bypassCache: options.bypassCache || attempts > 1,
    });
    inputTokens += result.inputTokens;
    outputTokens += result.outputTokens;
    if (!result.ok) {
      notes.push({
        source: "provider",
        rule: `provider_${result.kind}`,
        severity: "warn",
        message: `${result.author}: ${result.message}. The template drafter wrote this draft instead.`,
      });
      if (provider === deps.fallback) break;
      provider = deps.fallback;
      attempts--; // the provider's failure is not the copy's: the template gets a full attempt
      continue;
    }
    author = result.author;
    promptHash = author === TEMPLATE_AUTHOR ? null : prompt.hash;
    raw = result.output;
    review = reviewCopy(result.output, input);
    if (review.approvable) break;
    // The template drafter is deterministic: asking again returns the same copy.
    if (provider.author === TEMPLATE_AUTHOR) break;
    feedback = { rejectionReason: options.rejectionReason ?? null, findings: review.findings };
  }

  const findings = [...notes, ...(review?.findings ?? [])];
  const status = review?.approvable ? "pending" : "parked";
  const content = JSON.stringify(review?.content ?? raw ?? {});
  const key = {
    shop,
    flowKey: target.flowKey,
    stepKey: target.stepKey,
    productShopifyId: target.productShopifyId,
  };

  const saved = await db.$transaction(async (tx) => {
    const last = await tx.draft.findFirst({
      where: key,
      orderBy: { version: "desc" },
      select: { version: true },
    });
    // Older unreviewed versions are replaced; approved copy stays live until the new one is approved.
    const replaced = await tx.draft.findMany({
      where: { ...key, status: { in: ["pending", "parked", "stale"] } },
      select: { id: true },
    });
    if (replaced.length) {
      await tx.draft.updateMany({
        where: { shop, id: { in: replaced.map((r) => r.id) } },
        data: { status: "superseded" },
      });
    }
    const draft = await tx.draft.create({
      data: {
        ...key,
        status,
        version: (last?.version ?? 0) + 1,
        content,
        findings: JSON.stringify(findings),
        voiceScore: review?.voiceScore ?? null,
        author,
        promptVersion: author === TEMPLATE_AUTHOR ? TEMPLATE_VERSION : PROMPT_VERSION,
        promptHash,
        voiceVersion: ctx.voice.version,
        productHash: row ? productHash(row) : null,
        inputTokens,
        outputTokens,
        attempts,
        previousId: options.previousId ?? null,
        createdAt: options.now,
      },
    });
    const audits = [
      ...replaced.map((r) => ({
        shop,
        draftId: r.id,
        action: "superseded",
        actor: options.actor,
        reason: `replaced by version ${draft.version}`,
        at: options.now,
      })),
      {
        shop,
        draftId: draft.id,
        action: options.previousId ? "regenerated" : "generated",
        actor: options.actor,
        reason: options.rejectionReason ?? null,
        at: options.now,
      },
      ...(status === "parked"
        ? [
            {
              shop,
              draftId: draft.id,
              action: "parked",
              actor: "system",
              reason: parkReason(findings),
              at: options.now,
            },
          ]
        : []),
    ];
    await tx.draftAudit.createMany({ data: audits });
    return draft;
  });

  return {
    id: saved.id,
    status,
    version: saved.version,
    author,
    attempts,
    findings,
    inputTokens,
    outputTokens,
  };
}

function parkReason(findings: Finding[]): string {
  const blocks = findings.filter((f) => f.severity === "block");
  return blocks.length
    ? blocks
        .slice(0, 3)
        .map((f) => `${f.field ? `${f.field}: ` : ""}${f.message}`)
        .join("; ")
    : "no usable copy";
}
