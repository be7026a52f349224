// The contract between the scheduler (which decides a step is due and allowed) and delivery
// (which renders approved copy, claims the (run, step) message, sends it and records it).
export interface StepSendRequest {
  shop: string;
  runId: string;
  stepIndex: number;
  flowKey: string; // see app/flows/catalog.ts
  stepKey: string;
  customerShopifyId: string | null;
  email: string;
  /** Products the message is about (checkout lines, product bought, cross-sell pick...). */
  productShopifyIds: string[];
  /** Run context for merge fields: items and prices at abandonment, recovery URL, order name... */
  context: Record<string, unknown>;
  discountPercent: number | null;
  holdout: boolean;
  now: Date;
}

export type StepSendStatus =
  | "sent" // handed to the transport and recorded
  | "held" // no approved copy and the shop chose to hold: retry later
  | "skipped" // consent, suppression, checkout closed... (reason says which); never retried
  | "unknown" // crashed between hand-off and record: never re-sent automatically
  | "failed" // transport refused (5xx / bounce) or gave up after retries
  | "retry"; // transient (SMTP 4xx, Admin API throttled): retry after retryAfterMs

export interface StepSendResult {
  status: StepSendStatus;
  reason: string;
  messageId?: string;
  retryAfterMs?: number;
}
