// The contract between delivery and drafting: which approved copy a message uses.
export interface CopyContent {
  subjects: string[]; // 2-3 variants for A/B
  preheader: string;
  headline: string;
  paragraphs: string[];
  callout: string; // product callout
  cta: string; // call-to-action label
  text: string; // plain-text version (merge fields allowed)
}

/** Merge fields copy may contain; delivery fills them at send time. Any other {{...}} is invalid. */
export const MERGE_FIELDS = [
  "first_name",
  "shop_name",
  "product_title",
  "product_price",
  "items",
  "recovery_url",
  "product_url",
  "shop_url",
  "discount_code",
  "discount_percent",
  "order_name",
  "first_product_title",
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export interface CopyRequest {
  shop: string;
  flowKey: string;
  stepKey: string;
  productShopifyId: string | null; // the message's main product, if any
  /** The customer's segment now; copy written for it is used when the step is marked per segment. */
  segment?: string | null;
  /** When the step became due: a time-sensitive step falls back to generic copy after a grace period. */
  dueAt: Date;
  now: Date;
}

export type CopyResolution =
  | { kind: "copy"; draftId: string; draftVersion: number; content: CopyContent; generic: boolean }
  | { kind: "hold"; reason: string };
