// When a webhook delivery whose handler failed is tried again. Pure: the processor passes `now`.
// Exponential backoff (30 s, 1 min, 2 min, … capped at 1 h) so a failing dependency (database
// locked, Admin API down) is not hammered; after MAX_ATTEMPTS the row stays "failed" for inspection.

export const MAX_ATTEMPTS = 8;
export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 60 * 60_000;

/** Delay before the next try, given how many attempts have failed so far (1 or more). */
export function retryDelayMs(failedAttempts: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** exponent);
}

export type RetryDecision =
  | { status: "received"; nextAttemptAt: Date }
  | { status: "failed"; nextAttemptAt: null };

/** After a failed attempt: queue it again later, or give up once the attempts are spent. */
export function afterFailure(failedAttempts: number, now: Date): RetryDecision {
  if (failedAttempts >= MAX_ATTEMPTS) return { status: "failed", nextAttemptAt: null };
  return { status: "received", nextAttemptAt: new Date(now.getTime() + retryDelayMs(failedAttempts)) };
}
