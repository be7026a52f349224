// Where customers' personal data lives in Tend, model by model, and what customers/redact does to
// it. Every Prisma model must be listed: a new table cannot be added without deciding (and a test
// checks) how a redaction treats it.

export type Handling =
  /** Rows about the customer are deleted. */
  | "deleted"
  /** Personal columns are erased; the row stays for anonymous aggregates (revenue, counts). */
  | "anonymised"
  /** The customer row stays as a tombstone so a late webhook cannot bring the data back. */
  | "tombstone"
  /** Holds no customer data. */
  | "none";

export interface Coverage {
  handling: Handling;
  why: string;
}

export const CUSTOMER_DATA: Readonly<Record<string, Coverage>> = {
  Session: { handling: "none", why: "the merchant's staff sessions (a staff email, not a customer's)" },
  Shop: { handling: "none", why: "the merchant's shop" },
  ShopSettings: { handling: "none", why: "the merchant's settings" },
  Customer: {
    handling: "tombstone",
    why: "email, names, locale, tags, country and zone erased; segment, affinity and clicks too",
  },
  Order: { handling: "anonymised", why: "email and landing site erased; totals kept for reports" },
  OrderLine: { handling: "none", why: "products and prices of an order, nothing about the person" },
  Checkout: { handling: "anonymised", why: "email and recovery URL erased; totals kept" },
  Product: { handling: "none", why: "the catalog" },
  PixelEvent: { handling: "deleted", why: "what the customer browsed" },
  PixelClient: { handling: "deleted", why: "the tie between a browser and the customer" },
  RateCounter: { handling: "deleted", why: "short-lived limit counters keyed by customer id or address" },
  WebhookEvent: { handling: "anonymised", why: "raw payloads naming the customer erased" },
  DeadLetter: { handling: "anonymised", why: "raw payloads naming the customer erased" },
  BackfillJob: { handling: "none", why: "import progress" },
  ComplianceRecord: {
    handling: "anonymised",
    why: "earlier data exports erased; the audit row keeps the id",
  },
  FlowSetting: { handling: "none", why: "flow switches" },
  FlowVersion: { handling: "none", why: "flow definitions" },
  FlowRun: { handling: "anonymised", why: "email and trigger context erased" },
  DueStep: { handling: "none", why: "scheduling of a run, by id" },
  CustomerEvent: { handling: "anonymised", why: "email and details erased from the why-log" },
  VoiceGuide: { handling: "none", why: "the merchant's voice" },
  BusinessContext: {
    handling: "none",
    why: "the merchant's description of their business; proposals use shop-wide aggregates only",
  },
  Draft: { handling: "none", why: "copy per product and step, never per customer" },
  DraftAudit: { handling: "none", why: "staff actions on drafts" },
  AiCache: { handling: "none", why: "answers to prompts built from product data" },
  Message: { handling: "anonymised", why: "address, subject and rendered body erased" },
  Click: { handling: "deleted", why: "which links the customer clicked" },
  Suppression: {
    handling: "anonymised",
    why: "the address is replaced by a one-way hash so it stays suppressed",
  },
  Attribution: { handling: "none", why: "an order id and revenue credited to a message" },
  AppState: { handling: "none", why: "per-shop cursors and switches" },
  AbDecision: { handling: "none", why: "an A/B test's winner and per-arm counts, nobody's identity" },
  PersonalisationTest: { handling: "none", why: "a flow's personalised-vs-generic switch" },
};

/** Column names that hold, or point at, a customer: a model having one cannot be "none" unexplained. */
export const CUSTOMER_COLUMNS: ReadonlySet<string> = new Set([
  "customerShopifyId",
  "email",
  "emailLower",
  "firstName",
  "lastName",
  "phone",
  "clientId",
  "checkoutToken",
]);
