// Incrementality of one flow: did customers who got the emails order more than the holdout, who
// were enrolled the same way but never emailed? Pure: takes per-group sufficient statistics.
import {
  type Interval,
  type Moments,
  mean,
  minimumDetectableDifference,
  newcombeDifference,
  welchDifference,
} from "./stats";

export interface GroupOutcome {
  /** Enrollments whose outcome window has closed. */
  customers: number;
  /** Of those, how many ordered within the window. */
  converted: number;
  /** Net revenue per customer in minor units, as count / sum / sum of squares. */
  revenue: Moments;
}

export interface LiftThresholds {
  minPerGroup: number;
  minConversions: number;
  confidence: number;
}

export const DEFAULT_LIFT_THRESHOLDS: LiftThresholds = {
  minPerGroup: 100,
  minConversions: 20,
  confidence: 0.95,
};

export type LiftVerdict = "not_enough_data" | "positive" | "negative" | "no_significant_lift";

export interface LiftResult {
  verdict: LiftVerdict;
  treated: { customers: number; conversionRate: number; revenuePerCustomerMinor: number };
  holdout: { customers: number; conversionRate: number; revenuePerCustomerMinor: number };
  /** Treated minus holdout conversion rate (fraction), with its interval. */
  conversionLift: Interval;
  /** Treated minus holdout revenue per customer (minor units), with its interval. */
  revenueLiftMinor: Interval;
  /** The smallest conversion lift these sample sizes could detect reliably. */
  minimumDetectable: number;
  /** Why the verdict is "not enough data", in the merchant's words. */
  reason: string | null;
}

export function computeLift(
  treated: GroupOutcome,
  holdout: GroupOutcome,
  thresholds: LiftThresholds = DEFAULT_LIFT_THRESHOLDS,
): LiftResult {
  const rate = (g: GroupOutcome) => (g.customers > 0 ? g.converted / g.customers : 0);
  const conversionLift = newcombeDifference(
    treated.converted,
    treated.customers,
    holdout.converted,
    holdout.customers,
    thresholds.confidence,
  );
  const welch = welchDifference(treated.revenue, holdout.revenue, thresholds.confidence);
  const revenueLiftMinor: Interval = { estimate: welch.estimate, low: welch.low, high: welch.high };
  const minimumDetectable = minimumDetectableDifference(rate(holdout), treated.customers, holdout.customers);

  let reason: string | null = null;
  if (holdout.customers < thresholds.minPerGroup) {
    reason = `The holdout has ${holdout.customers} customers with a finished window; at least ${thresholds.minPerGroup} are needed.`;
  } else if (treated.customers < thresholds.minPerGroup) {
    reason = `Only ${treated.customers} emailed customers have a finished window; at least ${thresholds.minPerGroup} are needed.`;
  } else if (treated.converted + holdout.converted < thresholds.minConversions) {
    reason = `Only ${treated.converted + holdout.converted} orders so far; at least ${thresholds.minConversions} are needed.`;
  }

  let verdict: LiftVerdict;
  if (reason) verdict = "not_enough_data";
  else if (conversionLift.low > 0) verdict = "positive";
  else if (conversionLift.high < 0) verdict = "negative";
  else verdict = "no_significant_lift";

  return {
    verdict,
    treated: {
      customers: treated.customers,
      conversionRate: rate(treated),
      revenuePerCustomerMinor: mean(treated.revenue),
    },
    holdout: {
      customers: holdout.customers,
      conversionRate: rate(holdout),
      revenuePerCustomerMinor: mean(holdout.revenue),
    },
    conversionLift,
    revenueLiftMinor,
    minimumDetectable,
    reason,
  };
}
