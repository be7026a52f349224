// Win-back timing from the shop's own data: per product type, the lapse threshold is 1.5 × the
// median gap between a customer's consecutive orders, once enough repeat purchases exist. Pure.
import { LAPSE_DAYS } from "./config";

export const MIN_GAPS_FOR_CYCLE = 30;
export const CYCLE_FACTOR = 1.5;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface LapseThreshold {
  productType: string;
  days: number;
  basis: "observed" | "default";
  samples: number;
}

/** gapsByType: days between consecutive orders of one customer, keyed by the earlier order's product type. */
export function lapseThresholds(gapsByType: Map<string, number[]>, defaultDays: number): LapseThreshold[] {
  const out: LapseThreshold[] = [];
  for (const [productType, gaps] of gapsByType) {
    if (gaps.length < MIN_GAPS_FOR_CYCLE) {
      out.push({ productType, days: defaultDays, basis: "default", samples: gaps.length });
      continue;
    }
    // Clamped to the same bounds a merchant may configure: a 10-day cycle still waits 60 days.
    const days = Math.round(Math.min(LAPSE_DAYS.max, Math.max(LAPSE_DAYS.min, CYCLE_FACTOR * median(gaps))));
    out.push({ productType, days, basis: "observed", samples: gaps.length });
  }
  return out.sort((a, b) => a.productType.localeCompare(b.productType));
}
