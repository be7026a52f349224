// When and how long to wait before asking the provider again: 429 and 5xx answers, timeouts and
// dropped connections are retried with exponential backoff; a retry-after header wins when present.
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 20_000 };

/** Reads retry-after-ms (OpenAI) or retry-after (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(
  headers: { get(name: string): string | null } | undefined,
  now: Date,
): number | null {
  if (!headers) return null;
  const ms = headers.get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get("retry-after");
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}

/** Delay before retry number `retry` (1-based). `random` in [0,1) adds jitter so workers spread out. */
export function backoffMs(policy: RetryPolicy, retry: number, hinted: number | null, random: number): number {
  if (hinted !== null) return Math.min(hinted, policy.maxDelayMs);
  const exp = policy.baseDelayMs * 2 ** (retry - 1);
  return Math.min(policy.maxDelayMs, Math.round(exp * (0.75 + random * 0.5)));
}
