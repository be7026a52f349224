// Delivery rules that need no I/O: who may be mailed right now, how transport outcomes map to
// message states, how long to wait before retrying, and how big a discount may be.

export type SkipReason =
  | "holdout"
  | "no_email"
  | "not_subscribed"
  | "suppressed"
  | "checkout_completed"
  | "ordered_since_trigger"
  | "customer_redacted";

export interface EligibilityFacts {
  holdout: boolean;
  email: string | null;
  marketingState: string | null; // null: we hold no customer record
  redacted: boolean;
  suppression: string | null; // the suppression reason, if any
  checkoutCompleted: boolean; // only meaningful for checkout abandonment
  orderedSinceTrigger: boolean;
}

/** First failing rule wins; holdout is checked first so holdouts never reach copy or discounts. */
export function eligibility(
  f: EligibilityFacts,
): { ok: true } | { ok: false; reason: SkipReason; detail: string } {
  if (f.holdout) return { ok: false, reason: "holdout", detail: "customer is in the holdout group" };
  if (!f.email) return { ok: false, reason: "no_email", detail: "no email address" };
  if (f.redacted) return { ok: false, reason: "customer_redacted", detail: "customer data was redacted" };
  if (f.suppression)
    return { ok: false, reason: "suppressed", detail: `address suppressed (${f.suppression})` };
  if (f.marketingState !== "SUBSCRIBED") {
    return {
      ok: false,
      reason: "not_subscribed",
      detail: `email marketing consent is ${f.marketingState ?? "unknown"}`,
    };
  }
  if (f.checkoutCompleted)
    return { ok: false, reason: "checkout_completed", detail: "the checkout was completed" };
  if (f.orderedSinceTrigger)
    return { ok: false, reason: "ordered_since_trigger", detail: "customer ordered since the flow started" };
  return { ok: true };
}

export type TransportOutcome =
  | { kind: "accepted"; response: string }
  | { kind: "transient"; code: number | null; error: string } // nothing was accepted: safe to retry
  | { kind: "rejected"; code: number | null; error: string; hardBounce: boolean } // permanent
  | { kind: "unknown"; error: string }; // may or may not have been accepted: never retry

interface SmtpErrorLike {
  responseCode?: number;
  command?: string;
  code?: string;
  syscall?: string;
  message?: string;
}

/**
 * Maps a nodemailer error to an outcome. Only errors that prove nothing was accepted are retried:
 * an SMTP 4xx reply, or a failure to connect at all. A dropped connection without a reply may have
 * happened after the server took the message, so it is "unknown" and never re-sent.
 */
export function classifySmtpError(error: unknown): TransportOutcome {
  const e = (error ?? {}) as SmtpErrorLike;
  const message = e.message ?? String(error);
  const code = typeof e.responseCode === "number" ? e.responseCode : null;
  if (code !== null && code >= 400 && code < 500) return { kind: "transient", code, error: message };
  if (code !== null && code >= 500) {
    // A recipient refused at RCPT (or an enhanced 5.1.x status) is a bad mailbox: a hard bounce.
    const hardBounce = e.command === "RCPT TO" || /\b5\.1\.\d+\b/.test(message);
    return { kind: "rejected", code, error: message, hardBounce };
  }
  const neverConnected =
    e.syscall === "connect" ||
    e.syscall === "getaddrinfo" ||
    e.code === "EDNS" ||
    e.code === "ETLS" ||
    e.code === "EAUTH" ||
    (e.code === "ETIMEDOUT" && /connection timeout|greeting/i.test(message));
  if (neverConnected) return { kind: "transient", code: null, error: message };
  return { kind: "unknown", error: message };
}

export const MAX_SEND_ATTEMPTS = 6;

/** Exponential backoff: 1 min, 2, 4, 8, 16 ... capped at 1 hour. */
export function retryDelayMs(attempt: number): number {
  const base = 60_000;
  return Math.min(base * 2 ** Math.max(0, attempt - 1), 60 * 60_000);
}

/** The percentage a message offers: the step's offer, never above the shop's cap; 0 means none. */
export function discountPercentFor(stepPercent: number | null, shopMaxPercent: number): number {
  if (!stepPercent || stepPercent <= 0) return 0;
  const cap = Math.max(0, Math.min(100, Math.floor(shopMaxPercent)));
  return Math.min(Math.floor(stepPercent), cap);
}

/** A claimed message older than this without a recorded outcome was lost in a crash. */
export const STALE_CLAIM_MS = 10 * 60_000;
