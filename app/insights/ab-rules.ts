// The one rule for calling an A/B winner: the reports show a winner only when it is one the send
// path would act on (ab-decision.ts), so a merchant never reads "B wins" while A is still sent.

/**
 * 500 sends per arm (not fewer): the daily scan looks at every test once a day, and each look is
 * another chance to crown noise. With 500 per arm and a 3% click rate a lift to ~5.5% is found
 * with 80% power, a difference worth acting on automatically.
 */
export const AUTO_DECIDE_MIN_SENT_PER_ARM = 500;
/** p < 0.01 (after Bonferroni): daily looks inflate a 0.05 error rate; 0.01 keeps it near 5%. */
export const AUTO_DECIDE_ALPHA = 0.01;
