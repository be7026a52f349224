// When an A/B test's winner takes all sends, and which subject line a send uses. Pure.
// The significance test is the reports' one (judgeSubjectTest: two-proportion z-test with a
// Bonferroni correction) under the same rule (ab-rules.ts), plus a floor on expected clicks.
import { assignVariant } from "./ab";
import { AUTO_DECIDE_ALPHA, AUTO_DECIDE_MIN_SENT_PER_ARM } from "./ab-rules";
import { judgeSubjectTest } from "./subject-test";

/**
 * Both tests compare clicks per send (a sent message with at least one click). A subject line's
 * job is to get the email opened and clicked; orders per send are a tenth as frequent, and at the
 * 500-50,000-customer shops Tend serves a conversion test would rarely finish before the copy
 * changes. The page still shows conversion per send beside it.
 */
export const AB_METRIC = "click_per_send";

export { AUTO_DECIDE_ALPHA, AUTO_DECIDE_MIN_SENT_PER_ARM };
/**
 * The z-test's normal approximation needs about five expected clicks per arm; below that a
 * "significant" p-value is an artefact of tiny counts.
 */
export const AUTO_DECIDE_MIN_EXPECTED_CLICKS = 5;

export interface ArmCounts {
  arm: string;
  sent: number;
  clicks: number;
  orders: number;
}

export interface ArmResult extends ArmCounts {
  clickRate: number;
  conversionRate: number;
}

export type AbVerdict =
  | { decided: true; winner: string; pValue: number; results: ArmResult[] }
  | { decided: false; reason: string; pValue: number | null; results: ArmResult[] };

export interface AutoDecideRules {
  minSentPerArm: number;
  alpha: number;
  minExpectedClicks: number;
}

export const AUTO_DECIDE_RULES: AutoDecideRules = {
  minSentPerArm: AUTO_DECIDE_MIN_SENT_PER_ARM,
  alpha: AUTO_DECIDE_ALPHA,
  minExpectedClicks: AUTO_DECIDE_MIN_EXPECTED_CLICKS,
};

function resultsOf(arms: ArmCounts[]): ArmResult[] {
  return arms.map((a) => ({
    ...a,
    clickRate: a.sent > 0 ? a.clicks / a.sent : 0,
    conversionRate: a.sent > 0 ? a.orders / a.sent : 0,
  }));
}

/** Whether one arm has won on clicks per send strongly enough to take every send. */
export function decideAbTest(arms: ArmCounts[], rules: AutoDecideRules = AUTO_DECIDE_RULES): AbVerdict {
  const results = resultsOf(arms);
  if (arms.length < 2) {
    const reason = arms.length ? "only one arm has been sent" : "nothing sent since the test started";
    return { decided: false, reason, pValue: null, results };
  }
  const short = arms.filter((a) => a.sent < rules.minSentPerArm);
  if (short.length) {
    return {
      decided: false,
      reason: `each arm needs ${rules.minSentPerArm} sends (${short.map((a) => `${a.arm} has ${a.sent}`).join(", ")})`,
      pValue: null,
      results,
    };
  }
  const sent = arms.reduce((n, a) => n + a.sent, 0);
  const pooled = arms.reduce((n, a) => n + a.clicks, 0) / sent;
  const thin = arms.filter((a) => pooled * a.sent < rules.minExpectedClicks);
  if (thin.length) {
    return { decided: false, reason: "too few clicks for the test to mean anything", pValue: null, results };
  }
  const judged = judgeSubjectTest(
    arms.map((a, i) => ({ variant: i, sent: a.sent, clicks: a.clicks, orders: a.orders, revenueMinor: 0 })),
    { minSentPerVariant: rules.minSentPerArm, alpha: rules.alpha },
  );
  if (judged.winner === null) {
    return {
      decided: false,
      reason: `the click rates differ by less than chance can explain at p < ${rules.alpha}`,
      pValue: judged.pValue,
      results,
    };
  }
  return { decided: true, winner: arms[judged.winner].arm, pValue: judged.pValue ?? 0, results };
}

/**
 * The subject line a send uses: the decided winner when the copy has it, otherwise the
 * deterministic split (same key, same variant, so retries never flip a customer).
 */
export function chooseSubjectVariant(key: string, subjectCount: number, winner: number | null): number {
  const count = Math.max(1, subjectCount);
  if (winner !== null && Number.isInteger(winner) && winner >= 0 && winner < count) return winner;
  return assignVariant(key, count);
}

/** The AbDecision.activeKey of a test: unique while a decision is in force. */
export function activeKeyOf(shop: string, flowKey: string, stepIndex: number | null, kind: string): string {
  return `${shop}|${flowKey}|${stepIndex ?? "flow"}|${kind}`;
}
