// What the drafter is told about the segment a draft is written for: the segment's rule in the
// merchant's words plus figures about the whole group (never about one customer). Pure: the
// figures come from segment-stats.server.ts.
import {
  DEFAULT_SEGMENT_RULES,
  type SegmentKey,
  type SegmentRules,
  segmentDefinitions,
} from "../domain/segments";
import { formatAmount } from "./text";

/** Aggregate figures for one segment of one shop. */
export interface SegmentStats {
  customers: number;
  /** Order counts of the group: lower and upper quartile. */
  ordersLow: number;
  ordersHigh: number;
  averageSpentMinor: number;
  currency: string;
  /** The product type most of the group buys most, with its share of the group (0..1). */
  topCategory: { name: string; share: number } | null;
}

export interface SegmentFor {
  key: SegmentKey;
  stats: SegmentStats | null;
  rules?: SegmentRules;
}

/**
 * Below this many customers no figure is stated: in a tiny group an average or a favourite
 * category says something about a person, not a segment.
 */
export const MIN_GROUP_FOR_FIGURES = 10;

function ordersPhrase(low: number, high: number): string {
  if (high <= 0) return "no orders yet";
  const n = (x: number) => `${x} order${x === 1 ? "" : "s"}`;
  return low === high ? `usually ${n(low)}` : `usually ${low} to ${n(high)}`;
}

/** The segment's figures as one sentence, or "" when the group is too small to describe. */
export function describeStats(stats: SegmentStats | null): string {
  if (!stats || stats.customers < MIN_GROUP_FOR_FIGURES) return "";
  const parts = [
    `${stats.customers.toLocaleString("en")} customers`,
    ordersPhrase(stats.ordersLow, stats.ordersHigh),
  ];
  if (stats.averageSpentMinor > 0)
    parts.push(
      `average total spend ${formatAmount(stats.averageSpentMinor)} ${stats.currency.toUpperCase()}`,
    );
  if (stats.topCategory && stats.topCategory.share >= 0.25)
    parts.push(
      `${Math.round(stats.topCategory.share * 100)}% of them mostly buy ${stats.topCategory.name.slice(0, 60)}`,
    );
  return `In this shop: ${parts.join("; ")}.`;
}

/**
 * The audience sentence the drafter gets. No segment: the flow's own audience (the default copy
 * for everyone). A segment: the same audience narrowed to that segment, its rule and its figures.
 */
export function describeAudience(flowAudience: string, segment: SegmentFor | null): string {
  if (!segment) return flowAudience;
  const def = segmentDefinitions(segment.rules ?? DEFAULT_SEGMENT_RULES).find((d) => d.key === segment.key);
  if (!def) return flowAudience;
  const stats = describeStats(segment.stats);
  return [
    flowAudience,
    `This version is only for the ${def.label} segment: ${def.definition}`,
    stats,
    "Write for this group in particular.",
  ]
    .filter(Boolean)
    .join(" ");
}
