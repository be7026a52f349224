// The envelope of a marketing email: From/Reply-To per shop, a stable Message-ID per (run, step),
// an idempotency key for providers that honour one, and RFC 8058 one-click unsubscribe headers.
// Recipients see every header, so the extra ones carry no internal ids (runs, rows, customers).
import { createHash } from "node:crypto";

export interface SenderIdentity {
  name: string;
  address: string;
  replyTo: string | null;
}

/** Header values must never carry line breaks (header injection); names lose quotes and angle brackets. */
export function headerSafe(value: string): string {
  return value.replace(/[\r\n\t]+/g, " ").trim();
}

export function displayName(value: string): string {
  return (
    headerSafe(value)
      .replace(/["<>\\]/g, "")
      .slice(0, 78) || "Shop"
  );
}

/** The local part is derived from the shop handle so each shop has a recognisable sender address. */
export function senderIdentity(input: {
  shop: string;
  senderName: string | null | undefined;
  shopName: string | null | undefined;
  replyTo: string | null | undefined;
  mailFromDomain: string;
}): SenderIdentity {
  const handle =
    input.shop
      .replace(/\.myshopify\.com$/, "")
      .replace(/[^a-z0-9-]/gi, "")
      .toLowerCase() || "shop";
  const name = displayName(input.senderName || input.shopName || handle);
  const replyTo = input.replyTo && isPlausibleEmail(input.replyTo) ? headerSafe(input.replyTo) : null;
  return { name, address: `${handle}@${input.mailFromDomain}`, replyTo };
}

export function isPlausibleEmail(value: string): boolean {
  return /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/.test(value.trim());
}

/** Same (run, step) → same Message-ID, so a provider or a receiving server can spot a duplicate. */
export function stableMessageId(runId: string, stepIndex: number, domain: string): string {
  return `<${runId}.${stepIndex}@${domain}>`;
}

/** Stable per (shop, run, step) but opaque: a digest, so the header reveals none of the three. */
export function idempotencyKey(shop: string, runId: string, stepIndex: number): string {
  return `tend-${createHash("sha256").update(`${shop}\n${runId}\n${stepIndex}`).digest("hex").slice(0, 32)}`;
}

/**
 * Only the https one-click URL: a mailto: target would promise unsubscribe by email, and nothing
 * reads such mail (the merchant's Reply-To is a person's inbox).
 */
export function unsubscribeHeaders(input: { unsubscribeUrl: string }): Record<string, string> {
  return {
    "List-Unsubscribe": `<${input.unsubscribeUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

export function marketingHeaders(input: {
  shop: string;
  runId: string;
  stepIndex: number;
  unsubscribeUrl: string;
  flowKey: string;
}): Record<string, string> {
  return {
    ...unsubscribeHeaders(input),
    "Idempotency-Key": idempotencyKey(input.shop, input.runId, input.stepIndex),
    "X-Tend-Flow": input.flowKey,
    Precedence: "bulk",
    "Auto-Submitted": "auto-generated",
  };
}
