// How many drafts a flow's copy takes and what the AI would charge for them, shown before anything
// is generated. Copy is written per product (plus one generic draft) × step × segment, so the count
// follows the catalog and the merchant's choices, never the number of customers. Pure.
import type { SegmentSteps } from "../flows/segment-steps";

/** USD per million tokens, from OpenAI's published price list (checked 2026-12). */
export const MODEL_PRICES: Record<string, { input: number; output: number }> = {
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1": { input: 2, output: 8 },
};

/** Tokens one draft costs before the shop has any measured: a full prompt and a full answer. */
export const DEFAULT_TOKENS_PER_DRAFT = { input: 1600, output: 450 };

export interface DraftEstimateInput {
  /** Products the drafter writes for (the best sellers); each step also gets one generic draft. */
  products: number;
  stepKeys: string[];
  segmentSteps: SegmentSteps;
  tokensPerDraft?: { input: number; output: number };
  model: string | null;
}

export interface DraftEstimate {
  /** Every draft the flow's copy takes: default copy plus per-segment copy. */
  total: number;
  /** The default copy for everyone: (products + 1) × steps. */
  defaults: number;
  /** The extra drafts the marked segments add. */
  perSegment: number;
  steps: Array<{ stepKey: string; segments: number; drafts: number }>;
  inputTokens: number;
  outputTokens: number;
  /** Estimated USD for the whole flow; null when the model's price is not known. */
  costUsd: number | null;
  /** Estimated USD for the per-segment drafts alone. */
  segmentCostUsd: number | null;
}

export function estimateDrafts(input: DraftEstimateInput): DraftEstimate {
  const perStepCopies = Math.max(0, Math.floor(input.products)) + 1;
  const steps = input.stepKeys.map((stepKey) => {
    const segments = input.segmentSteps[stepKey]?.length ?? 0;
    return { stepKey, segments, drafts: perStepCopies * (1 + segments) };
  });
  const total = steps.reduce((s, x) => s + x.drafts, 0);
  const defaults = perStepCopies * steps.length;
  const tokens = input.tokensPerDraft ?? DEFAULT_TOKENS_PER_DRAFT;
  const price = input.model ? MODEL_PRICES[input.model] : undefined;
  const cost = (drafts: number) =>
    price ? (drafts * (tokens.input * price.input + tokens.output * price.output)) / 1_000_000 : null;
  return {
    total,
    defaults,
    perSegment: total - defaults,
    steps,
    inputTokens: total * tokens.input,
    outputTokens: total * tokens.output,
    costUsd: cost(total),
    segmentCostUsd: cost(total - defaults),
  };
}

/** "$0.42", "under $0.01", or "unknown" for a model without a listed price. */
export function formatCost(usd: number | null): string {
  if (usd === null) return "unknown for this model";
  if (usd > 0 && usd < 0.01) return "under $0.01";
  return `$${usd.toFixed(2)}`;
}
