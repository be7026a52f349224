// The envelope of a marketing email: From/Reply-To per shop, a stable Message-ID per (run, step),
// an idempotency key for providers that honour one, and RFC 8058 one-click unsubscribe headers.

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

export function idempotencyKey(shop: string, runId: string, stepIndex: number): string {
  return `tend:${shop}:${runId}:${stepIndex}`;
}

export function unsubscribeHeaders(input: {
  unsubscribeUrl: string;
  mailto: string | null;
}): Record<string, string> {
  const targets = [`<${input.unsubscribeUrl}>`];
  if (input.mailto) targets.push(`<mailto:${input.mailto}?subject=unsubscribe>`);
  return {
    "List-Unsubscribe": targets.join(", "),
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

export function marketingHeaders(input: {
  shop: string;
  runId: string;
  stepIndex: number;
  unsubscribeUrl: string;
  mailto: string | null;
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
