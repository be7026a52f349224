// The generation loop: write a draft, judge it (schema, guardrails, voice), feed the findings back
// and try again up to N times, then store it as pending, or parked with its reasons. A provider
// failure (timeout, refusal, malformed answer) hands the draft to the template drafter instead.
import type { Db } from "../db/client.server";
import { buildDraftInput, type Feedback } from "./facts";
import type { Finding } from "./findings";
import type { DraftingDeps } from "./drafter.server";
import type { ShopContext } from "./context.server";
import { loadShopContext } from "./context.server";
import { type BuiltPrompt, buildPrompt } from "./prompt";
import { loadProducts, productFacts, productHash, type ProductRow } from "./products.server";
import { type Review, reviewCopy } from "./review";
import { saveDrafts } from "./save-drafts.server";
import { TEMPLATE_AUTHOR, TEMPLATE_VERSION } from "./template-drafter";
import { findStep } from "../flows/catalog";
import { grammarAdvice } from "./grammar.server";
import { isSegmentKey, type SegmentKey } from "../domain/segments";
import { loadSegmentFacts, type ShopSegmentFacts } from "./segment-stats.server";

const NO_PROMPT: BuiltPrompt = { messages: [], promptVersion: TEMPLATE_VERSION, hash: "" };

export interface DraftTarget {
  flowKey: string;
  stepKey: string;
  productShopifyId: string | null;
  /** The segment the copy is for (a SegmentKey); null or absent = the default copy for everyone. */
  segment?: string | null;
}

export interface GenerateOptions {
  actor: string;
  now: Date;
  rejectionReason?: string | null;
  previousId?: string | null;
  bypassCache?: boolean;
  context?: ShopContext; // preloaded by catalog runs
  product?: ProductRow | null; // preloaded by catalog runs
  segments?: ShopSegmentFacts; // preloaded by catalog runs
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

/** A draft written and judged but not stored yet: catalog runs store many in one transaction. */
export interface DraftRecord {
  shop: string;
  target: DraftTarget;
  status: "pending" | "parked";
  content: string;
  findings: Finding[];
  voiceScore: number | null;
  author: string;
  promptHash: string | null;
  voiceVersion: number;
  businessContextVersion: number | null;
  productHash: string | null;
  inputTokens: number;
  outputTokens: number;
  attempts: number;
  options: Pick<GenerateOptions, "actor" | "now" | "previousId" | "rejectionReason">;
}

export async function generateDraft(
  db: Db,
  deps: DraftingDeps,
  shop: string,
  target: DraftTarget,
  options: GenerateOptions,
): Promise<GeneratedDraft> {
  const [saved] = await saveDrafts(db, [await writeDraft(db, deps, shop, target, options)]);
  return saved;
}

/** Writes and judges one draft (provider calls, regeneration); reads the database, never writes it. */
export async function writeDraft(
  db: Db,
  deps: DraftingDeps,
  shop: string,
  target: DraftTarget,
  options: GenerateOptions,
): Promise<DraftRecord> {
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
  const wanted = target.segment ?? null;
  if (wanted !== null && !isSegmentKey(wanted))
    throw new DraftingError("invalid_input", `unknown segment ${wanted}`);
  const segmentKey: SegmentKey | null = wanted;
  const segmentFacts = segmentKey
    ? (options.segments ?? (await loadSegmentFacts(db, shop, ctx.currency)))
    : null;
  const segment =
    segmentKey && segmentFacts
      ? { key: segmentKey, stats: segmentFacts.stats.get(segmentKey) ?? null, rules: segmentFacts.rules }
      : null;

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
      businessContext: ctx.businessContext,
      shopMaxDiscountPercent: ctx.settings.maxDiscountPercent,
      feedback,
      segment,
    });
    // The template drafter reads the inputs directly: building (and token-counting) a prompt is waste.
    const prompt = provider.usesPrompt === false ? NO_PROMPT : buildPrompt(input);
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
  if (review?.content && author !== TEMPLATE_AUTHOR)
    findings.push(
      ...(await grammarAdvice(review.content, {
        product,
        shopName: ctx.shopName,
        signOff: ctx.voice.signOff,
      })),
    );
  const status = review?.approvable ? "pending" : "parked";
  const content = JSON.stringify(review?.content ?? raw ?? {});
  return {
    shop,
    target: {
      flowKey: target.flowKey,
      stepKey: target.stepKey,
      productShopifyId: target.productShopifyId,
      segment: segmentKey,
    },
    status,
    content,
    findings,
    voiceScore: review?.voiceScore ?? null,
    author,
    promptHash,
    voiceVersion: ctx.voice.version,
    businessContextVersion: ctx.businessContext?.version ?? null,
    productHash: row ? productHash(row) : null,
    inputTokens,
    outputTokens,
    attempts,
    options: {
      actor: options.actor,
      now: options.now,
      previousId: options.previousId,
      rejectionReason: options.rejectionReason,
    },
  };
}
