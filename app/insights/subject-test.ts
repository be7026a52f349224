// A/B subject lines: per-variant results and a winner only when the data says so. Pure.
// The test compares the leading variant with each other variant (two-proportion z-test on click
// rate) with a Bonferroni correction, and needs a minimum sample per variant: reports are looked
// at often, and a loose rule would crown a winner from noise.
import { AUTO_DECIDE_ALPHA, AUTO_DECIDE_MIN_SENT_PER_ARM } from "./ab-rules";
import { twoProportionTest, wilsonInterval } from "./stats";

export interface VariantCounts {
  variant: number;
  sent: number;
  clicks: number; // messages with at least one click
  orders: number;
  revenueMinor: number;
}

export interface VariantResult extends VariantCounts {
  clickRate: number;
  clickRateLow: number;
  clickRateHigh: number;
  conversionRate: number;
}

export interface SubjectTestResult {
  variants: VariantResult[];
  /** Index of the winning variant, or null ("no winner yet"). */
  winner: number | null;
  pValue: number | null;
  summary: string;
}

export interface SubjectTestRules {
  minSentPerVariant: number;
  alpha: number;
}

/** The rule that acts (ab-rules.ts): the reports call a winner only when sends would switch to it. */
export const DEFAULT_SUBJECT_TEST_RULES: SubjectTestRules = {
  minSentPerVariant: AUTO_DECIDE_MIN_SENT_PER_ARM,
  alpha: AUTO_DECIDE_ALPHA,
};

export const variantLetter = (variant: number) => String.fromCharCode(65 + variant);

export function judgeSubjectTest(
  counts: VariantCounts[],
  rules: SubjectTestRules = DEFAULT_SUBJECT_TEST_RULES,
): SubjectTestResult {
  const variants: VariantResult[] = [...counts]
    .sort((a, b) => a.variant - b.variant)
    .map((c) => {
      const w = wilsonInterval(c.clicks, c.sent);
      return {
        ...c,
        clickRate: w.estimate,
        clickRateLow: w.low,
        clickRateHigh: w.high,
        conversionRate: c.sent > 0 ? c.orders / c.sent : 0,
      };
    });
  if (variants.length < 2) {
    return {
      variants,
      winner: null,
      pValue: null,
      summary: "Only one subject line has been sent: nothing to compare.",
    };
  }
  const short = variants.filter((v) => v.sent < rules.minSentPerVariant);
  if (short.length > 0) {
    return {
      variants,
      winner: null,
      pValue: null,
      summary: `No winner yet: each subject line needs ${rules.minSentPerVariant} sends (${short
        .map((v) => `${variantLetter(v.variant)} has ${v.sent}`)
        .join(", ")}).`,
    };
  }
  const leader = variants.reduce((best, v) => (v.clickRate > best.clickRate ? v : best));
  const comparisons = variants.length - 1;
  let worstP = 0;
  for (const other of variants) {
    if (other === leader) continue;
    const { pValue } = twoProportionTest(leader.clicks, leader.sent, other.clicks, other.sent);
    worstP = Math.max(worstP, Math.min(1, pValue * comparisons));
  }
  if (worstP < rules.alpha) {
    return {
      variants,
      winner: leader.variant,
      pValue: worstP,
      summary: `Subject ${variantLetter(leader.variant)} wins on click rate (p = ${worstP.toFixed(3)}).`,
    };
  }
  return {
    variants,
    winner: null,
    pValue: worstP,
    summary: `No winner yet: the click rates differ by less than chance can explain (p = ${worstP.toFixed(2)}).`,
  };
}
