// Everything one draft is written from: the step, the product (or none, for generic copy), segment
// context without personal data, and the voice guide. Pure: loaders in *.server.ts fill it in.
import { FLOW_CATALOG, type FlowKey, findStep } from "../flows/catalog";
import type { SegmentKey } from "../domain/segments";
import type { BusinessContextForDraft } from "./business-context";
import type { Finding } from "./findings";
import { describeAudience, type SegmentFor } from "./segment-facts";
import type { VoiceGuideData } from "./voice-guide";

export interface ProductFacts {
  shopifyId: string;
  title: string;
  description: string;
  productType: string | null;
  vendor: string | null;
  imageAlt: string | null;
  variants: Array<{ title: string; priceMinor: number }>;
  priceMinor: number; // lowest variant price, integer minor units
  currency: string;
}

export interface StepFacts {
  flowKey: FlowKey;
  flowName: string;
  stepKey: string;
  stepNumber: number; // 1-based
  stepCount: number;
  intent: string;
  /** The discount this step may mention: the catalog's, capped by shop and voice guide; null = none. */
  discountPercent: number | null;
  timeSensitive: boolean;
}

export interface Feedback {
  rejectionReason?: string | null;
  findings?: Finding[];
}

export interface DraftInput {
  shopName: string;
  step: StepFacts;
  product: ProductFacts | null;
  /** Who the copy is for, in words with no personal data: the flow's audience, narrowed to a segment. */
  segment: string;
  /** The segment this copy is written for; null = the default copy for everyone in the step. */
  segmentKey: SegmentKey | null;
  voice: VoiceGuideData;
  /** The merchant's business context (latest version): quoted as data in the prompt, never obeyed. */
  businessContext?: BusinessContextForDraft | null;
  discountCap: number;
  feedback: Feedback;
}

export function discountCap(shopMaxDiscountPercent: number, voiceMaxDiscountPercent: number): number {
  return Math.max(0, Math.min(shopMaxDiscountPercent, voiceMaxDiscountPercent));
}

/** Who receives the step, in words with no personal data in them: the default copy's audience. */
const SEGMENTS: Record<FlowKey, string> = {
  checkout_abandonment:
    "Shoppers who gave their email at checkout and left before paying; they opted in to marketing.",
  cart_abandonment: "Identified shoppers who added this product to their cart but never reached checkout.",
  browse_abandonment: "Identified shoppers who viewed this product more than once without buying.",
  post_purchase: "First-time buyers of this product.",
  win_back: "Past customers who have not ordered for about three months.",
  anniversary: "Customers whose first order was a year ago.",
  welcome: "New email subscribers who have not ordered yet; this product is one of the shop's best sellers.",
};

/** The audience facts for a step's flow, narrowed to a segment when the copy is written for one. */
export function segmentFacts(flowKey: FlowKey, segment: SegmentFor | null = null): string {
  return describeAudience(SEGMENTS[flowKey] ?? FLOW_CATALOG[flowKey].description, segment);
}

export function stepFacts(stepKey: string, cap: number): StepFacts {
  const found = findStep(stepKey);
  if (!found) throw new Error(`unknown flow step ${stepKey}`);
  const { flow, step, index } = found;
  const wanted = step.discountPercent;
  const discountPercent = wanted !== null && cap > 0 ? Math.min(wanted, cap) : null;
  return {
    flowKey: flow.key,
    flowName: flow.name,
    stepKey: step.key,
    stepNumber: index + 1,
    stepCount: flow.steps.length,
    intent: step.intent,
    discountPercent,
    timeSensitive: step.timeSensitive,
  };
}

export function buildDraftInput(args: {
  shopName: string;
  stepKey: string;
  product: ProductFacts | null;
  voice: VoiceGuideData;
  shopMaxDiscountPercent: number;
  feedback?: Feedback;
  segment?: SegmentFor | null;
  businessContext?: BusinessContextForDraft | null;
}): DraftInput {
  const cap = discountCap(args.shopMaxDiscountPercent, args.voice.maxDiscountPercent);
  const step = stepFacts(args.stepKey, cap);
  return {
    shopName: args.shopName,
    step,
    product: args.product,
    segment: segmentFacts(step.flowKey, args.segment ?? null),
    segmentKey: args.segment?.key ?? null,
    voice: args.voice,
    businessContext: args.businessContext ?? null,
    discountCap: cap,
    feedback: args.feedback ?? {},
  };
}

/** Merge fields delivery can fill for each flow; anything else would reach the customer unfilled. */
export const MERGE_FIELDS_BY_FLOW: Record<FlowKey, readonly string[]> = {
  checkout_abandonment: ["items", "recovery_url"],
  cart_abandonment: ["items", "recovery_url"],
  browse_abandonment: [],
  post_purchase: ["order_name"],
  win_back: ["first_product_title"],
  anniversary: ["first_product_title", "order_name"],
  welcome: [],
};
export const MERGE_FIELDS_ALWAYS = [
  "first_name",
  "shop_name",
  "shop_url",
  "product_title",
  "product_price",
  "product_url",
];
export const MERGE_FIELDS_DISCOUNT = ["discount_code", "discount_percent"];

export function allowedMergeFields(step: Pick<StepFacts, "flowKey" | "discountPercent">): string[] {
  return [
    ...MERGE_FIELDS_ALWAYS,
    ...MERGE_FIELDS_BY_FLOW[step.flowKey],
    ...(step.discountPercent !== null ? MERGE_FIELDS_DISCOUNT : []),
  ];
}
