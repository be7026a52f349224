// Signed tokens for the public links every email carries: the one-click unsubscribe (/u/TOKEN) and the
// click redirect (/c/TOKEN). HMAC-SHA256 with the signing secret; verification is constant-time.
// The unsubscribe token does not carry the email address (URLs leak into logs): its signature
// covers shop + email + message id, and the route looks the email up from the message to verify.
import { createHmac, timingSafeEqual } from "node:crypto";

const VERSION = "v1";

function b64url(input: Buffer | string): string {
  return Buffer.from(input).toString("base64url");
}

function sign(secret: string, purpose: string, material: string): string {
  return createHmac("sha256", secret).update(`${purpose}\n${material}`, "utf8").digest("base64url");
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, "base64url");
  const b = Buffer.from(given, "base64url");
  // Length differs only for malformed input; comparing lengths first leaks nothing secret.
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

function splitToken(token: string): { payload: string; sig: string } | null {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== VERSION || !parts[1] || !parts[2]) return null;
  if (!/^[A-Za-z0-9_-]+$/.test(parts[1]) || !/^[A-Za-z0-9_-]+$/.test(parts[2])) return null;
  return { payload: parts[1], sig: parts[2] };
}

function decodeJson(payload: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as unknown;
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- unsubscribe

export interface UnsubscribeClaim {
  shop: string;
  /** Message.id, or "test" for a merchant's test send (nothing to unsubscribe). */
  messageId: string;
}

function unsubscribeMaterial(shop: string, email: string, messageId: string): string {
  return `${shop}\n${email.trim().toLowerCase()}\n${messageId}`;
}

export function signUnsubscribeToken(
  secret: string,
  input: { shop: string; email: string; messageId: string },
): string {
  const payload = b64url(JSON.stringify({ s: input.shop, m: input.messageId }));
  return `${VERSION}.${payload}.${sign(secret, "unsubscribe", unsubscribeMaterial(input.shop, input.email, input.messageId))}`;
}

/** Reads the claim without trusting it: call verifyUnsubscribeToken with the message's email next. */
export function readUnsubscribeToken(token: string): UnsubscribeClaim | null {
  const parts = splitToken(token);
  if (!parts) return null;
  const body = decodeJson(parts.payload);
  if (!body || typeof body.s !== "string" || typeof body.m !== "string" || !body.s || !body.m) return null;
  return { shop: body.s, messageId: body.m };
}

export function verifyUnsubscribeToken(
  secret: string,
  token: string,
  email: string,
): UnsubscribeClaim | null {
  const parts = splitToken(token);
  const claim = readUnsubscribeToken(token);
  if (!parts || !claim) return null;
  const expected = sign(secret, "unsubscribe", unsubscribeMaterial(claim.shop, email, claim.messageId));
  return sameSignature(expected, parts.sig) ? claim : null;
}

// ---------------------------------------------------------------- click redirect

export interface ClickClaim {
  shop: string;
  messageId: string;
  /** The exact destination, UTM parameters included: the redirect goes nowhere else. */
  url: string;
}

export function signClickToken(secret: string, claim: ClickClaim): string {
  const payload = b64url(JSON.stringify({ s: claim.shop, m: claim.messageId, u: claim.url }));
  return `${VERSION}.${payload}.${sign(secret, "click", payload)}`;
}

export function verifyClickToken(secret: string, token: string): ClickClaim | null {
  const parts = splitToken(token);
  if (!parts) return null;
  if (!sameSignature(sign(secret, "click", parts.payload), parts.sig)) return null;
  const body = decodeJson(parts.payload);
  if (!body || typeof body.s !== "string" || typeof body.m !== "string" || typeof body.u !== "string")
    return null;
  return { shop: body.s, messageId: body.m, url: body.u };
}
