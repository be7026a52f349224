// Customer segments: the one vocabulary shared by the recompute (store), the drafter, the send
// path, the reports and the admin page. Pure data; the SQL that assigns them lives in
// app/store/segments-sql.ts and must implement exactly the rules written here.

/** Lifecycle segment of a customer, from their own order history. Exactly one per customer. */
export type SegmentKey = "new" | "returning" | "vip" | "at_risk" | "lapsed";

export const SEGMENT_KEYS: readonly SegmentKey[] = ["new", "returning", "vip", "at_risk", "lapsed"];

/** Tuning of the rules; the merchant may set a VIP spend threshold (minor units) instead of the decile. */
export interface SegmentRules {
  /** VIP when total spend ≥ this (minor units); null means "top 10% of the shop's buyers by spend". */
  vipThresholdMinor: number | null;
  /** At risk once the time since the last order exceeds this multiple of the customer's own reorder gap. */
  atRiskGapMultiple: number;
  /** Lapsed once the last order is older than this many days (whatever their gap). */
  lapsedDays: number;
  /** Engaged when the customer clicked an email within this many days. */
  engagedDays: number;
}

export const DEFAULT_SEGMENT_RULES: SegmentRules = {
  vipThresholdMinor: null,
  atRiskGapMultiple: 1.5,
  lapsedDays: 180,
  engagedDays: 90,
};

export interface SegmentDefinition {
  key: SegmentKey;
  label: string;
  /** The rule in a merchant's words; shown in the admin and used as the report label's tooltip. */
  definition: string;
}

/** Precedence when several rules match: lapsed, then at risk, then VIP, then returning, then new. */
export const SEGMENT_PRECEDENCE: readonly SegmentKey[] = ["lapsed", "at_risk", "vip", "returning", "new"];

export function segmentDefinitions(rules: SegmentRules = DEFAULT_SEGMENT_RULES): SegmentDefinition[] {
  const vip =
    rules.vipThresholdMinor === null
      ? "Among the top 10% of your buyers by total spend (anyone tied with the last of them too; none until you have 10 buyers)."
      : `Has ordered and spent at least ${(rules.vipThresholdMinor / 100).toFixed(2)} in total.`;
  return [
    { key: "new", label: "New", definition: "No order yet, or exactly one order." },
    {
      key: "returning",
      label: "Returning",
      definition: "Two or more orders, still ordering at their usual pace.",
    },
    { key: "vip", label: "VIP", definition: `${vip} Takes precedence over returning.` },
    {
      key: "at_risk",
      label: "At risk",
      definition: `Two or more orders on different days or times, and it has been more than ${rules.atRiskGapMultiple}× their own average time between orders since the last one (exactly ${rules.atRiskGapMultiple}× is not yet at risk).`,
    },
    {
      key: "lapsed",
      label: "Lapsed",
      definition: `At least one order, and the last one was more than ${rules.lapsedDays} days ago (exactly ${rules.lapsedDays} days is not yet lapsed).`,
    },
  ];
}

export function segmentLabel(key: string | null | undefined): string {
  const found = segmentDefinitions().find((d) => d.key === key);
  return found ? found.label : "Not yet computed";
}

export function isSegmentKey(value: unknown): value is SegmentKey {
  return typeof value === "string" && (SEGMENT_KEYS as readonly string[]).includes(value);
}
