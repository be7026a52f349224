// The rules that make ingestion order-independent, as pure functions: which incoming facts win
// over what is stored. An older payload never overwrites newer state; redacted customers stay
// redacted; consent has its own clock (marketingUpdatedAt), separate from the profile's.
import type { CustomerInput } from "./types";

export interface StoredCustomerClock {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  locale: string | null;
  countryCode: string | null;
  timeZone: string | null;
  tags: string;
  marketingState: string;
  marketingUpdatedAt: Date | null;
  sourceUpdatedAt: Date | null;
  redactedAt: Date | null;
}

export interface CustomerMerge {
  data: Record<string, unknown>;
  profileApplied: boolean;
  consentApplied: boolean;
  /** The consent state before, when this merge changes it. */
  consentChangedFrom: string | null;
}

/** Newer-or-equal wins (equal re-applies the same delivery: idempotent). Unknown time never wins over known. */
export function isNewer(incoming: Date | null, stored: Date | null, strict = false): boolean {
  if (!stored) return true;
  if (!incoming) return false;
  return strict ? incoming.getTime() > stored.getTime() : incoming.getTime() >= stored.getTime();
}

/**
 * `strict`: equal timestamps do not re-apply. Backfill and reconciliation use it, because their
 * GraphQL records carry fewer fields than the webhook that may already have stored the same version.
 */
export function mergeCustomer(
  stored: StoredCustomerClock | null,
  input: CustomerInput,
  strict = false,
): CustomerMerge | null {
  if (stored?.redactedAt) return null;
  const data: Record<string, unknown> = {};
  let profileApplied = false;
  if (input.updatedAt && isNewer(input.updatedAt, stored?.sourceUpdatedAt ?? null, strict)) {
    Object.assign(data, {
      email: input.email,
      emailLower: input.email?.toLowerCase() ?? null,
      firstName: input.firstName,
      lastName: input.lastName,
      locale: input.locale,
      tags: input.tags,
      countryCode: input.countryCode,
      sourceUpdatedAt: input.updatedAt,
    });
    if (input.timeZone) data.timeZone = input.timeZone;
    profileApplied = true;
  } else if (!stored?.sourceUpdatedAt) {
    // A stub (customer embedded in an order/checkout, or a consent-only record): fill gaps only,
    // so a full profile always wins whichever arrives first.
    const fill = (key: keyof StoredCustomerClock, value: string | null) => {
      if (value && !stored?.[key]) data[key] = value;
    };
    fill("email", input.email);
    if (data.email) data.emailLower = (data.email as string).toLowerCase();
    fill("firstName", input.firstName);
    fill("lastName", input.lastName);
    fill("locale", input.locale);
    fill("countryCode", input.countryCode);
    fill("timeZone", input.timeZone);
    fill("tags", input.tags || null);
    profileApplied = Object.keys(data).length > 0 || !stored;
  }
  let consentApplied = false;
  let consentChangedFrom: string | null = null;
  const consent = input.consent;
  if (
    consent &&
    (!stored?.marketingUpdatedAt || isNewer(consent.updatedAt, stored.marketingUpdatedAt, strict))
  ) {
    const before = stored?.marketingState ?? "NOT_SUBSCRIBED";
    data.marketingState = consent.state;
    data.marketingOptInLevel = consent.optInLevel;
    data.marketingUpdatedAt = consent.updatedAt;
    consentApplied = true;
    if (before !== consent.state) consentChangedFrom = before;
  }
  if (!profileApplied && !consentApplied) return null;
  return { data, profileApplied, consentApplied, consentChangedFrom };
}

/** Which checkout completion wins: the checkout's own completed_at, else the converting order's time. */
export function checkoutCompletion(
  payloadCompletedAt: Date | null,
  convertingOrder: { shopifyId: string; processedAt: Date } | null,
  storedConvertedOrderId: string | null,
): { completedAt: Date | null; convertedOrderId: string | null } {
  return {
    completedAt: payloadCompletedAt ?? convertingOrder?.processedAt ?? null,
    convertedOrderId: convertingOrder?.shopifyId ?? storedConvertedOrderId,
  };
}
