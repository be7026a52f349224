// One-click unsubscribe and its consequences. Immediate and idempotent: the suppression row is the
// source of truth for "do not mail" and is written first; the customer's state, the why-log, the
// consent_changed event (flows exit the customer's runs) and the write-back to Shopify follow. A
// failed write-back leaves Suppression.shopifySyncedAt null and is retried in the background.
//
// Re-subscribe rule: a one-click suppression is lifted only by an explicit, dated opt-in newer than
// the suppression (the customer opted in again, e.g. at checkout); an undated or older "subscribed"
// never lifts it. Hard bounces and complaints are never lifted by consent.
import type { AdminGraphql } from "../admin.server";
import type { Db } from "../db/client.server";
import type { DomainEvent } from "../domain/events";
import { recordWhy } from "../flows/why.server";
import { logger } from "../logger.server";
import { writeUnsubscribed } from "../shopify/consent";
import { readUnsubscribeToken, verifyUnsubscribeToken } from "./tokens";

export interface UnsubscribeDeps {
  db: Db;
  clock: () => Date;
  publish: (db: Db, event: DomainEvent) => Promise<void>;
  admin: (shop: string) => Promise<AdminGraphql>;
  secret: string;
}

export type UnsubscribeResult =
  | { ok: true; status: "unsubscribed" | "already"; shop: string }
  | { ok: false; httpStatus: 400 | 403 | 404; reason: string };

export async function unsubscribeWithToken(
  deps: UnsubscribeDeps,
  token: string,
  source: "one_click" | "link",
): Promise<UnsubscribeResult> {
  const claim = readUnsubscribeToken(token);
  if (!claim) return { ok: false, httpStatus: 400, reason: "malformed link" };
  const message = await deps.db.message.findFirst({
    where: { id: claim.messageId, shop: claim.shop },
    select: { id: true, email: true, customerShopifyId: true },
  });
  // Same answer for "no such message" and "bad signature" would hide existence; 4xx either way.
  if (!message?.email) return { ok: false, httpStatus: 404, reason: "unknown link" };
  if (!verifyUnsubscribeToken(deps.secret, token, message.email))
    return { ok: false, httpStatus: 403, reason: "invalid signature" };
  const status = await applyUnsubscribe(deps, {
    shop: claim.shop,
    email: message.email,
    customerShopifyId: message.customerShopifyId,
    messageId: message.id,
    source,
  });
  return { ok: true, status, shop: claim.shop };
}

/** Checks a token without acting on it (the GET confirmation page). */
export async function checkUnsubscribeToken(
  db: Db,
  secret: string,
  token: string,
): Promise<{ shop: string; alreadyUnsubscribed: boolean } | null> {
  const claim = readUnsubscribeToken(token);
  if (!claim) return null;
  const message = await db.message.findFirst({
    where: { id: claim.messageId, shop: claim.shop },
    select: { email: true },
  });
  if (!message?.email || !verifyUnsubscribeToken(secret, token, message.email)) return null;
  const suppression = await db.suppression.findUnique({
    where: { shop_emailLower: { shop: claim.shop, emailLower: message.email.toLowerCase() } },
    select: { reason: true },
  });
  return { shop: claim.shop, alreadyUnsubscribed: suppression?.reason === "unsubscribe" };
}

export async function applyUnsubscribe(
  deps: UnsubscribeDeps,
  input: {
    shop: string;
    email: string;
    customerShopifyId: string | null;
    messageId: string | null;
    source: string;
  },
): Promise<"unsubscribed" | "already"> {
  const { db } = deps;
  const at = deps.clock();
  const emailLower = input.email.trim().toLowerCase();
  const existing = await db.suppression.findUnique({
    where: { shop_emailLower: { shop: input.shop, emailLower } },
    select: { reason: true },
  });
  if (existing?.reason === "unsubscribe") return "already";
  await db.suppression.upsert({
    where: { shop_emailLower: { shop: input.shop, emailLower } },
    create: {
      shop: input.shop,
      emailLower,
      reason: "unsubscribe",
      source: input.source,
      messageId: input.messageId,
      createdAt: at,
    },
    update: {
      reason: "unsubscribe",
      source: input.source,
      messageId: input.messageId,
      createdAt: at,
      shopifySyncedAt: null,
    },
  });

  const customer = input.customerShopifyId
    ? { shopifyId: input.customerShopifyId }
    : await db.customer.findFirst({ where: { shop: input.shop, emailLower }, select: { shopifyId: true } });
  await db.customer.updateMany({
    where: {
      shop: input.shop,
      OR: [{ emailLower }, ...(customer ? [{ shopifyId: customer.shopifyId }] : [])],
    },
    data: { marketingState: "UNSUBSCRIBED", marketingUpdatedAt: at },
  });
  await recordWhy(db, {
    shop: input.shop,
    kind: "unsubscribed",
    reason:
      input.source === "one_click"
        ? "one-click unsubscribe from the email client"
        : "unsubscribe link in the email",
    at,
    customerShopifyId: customer?.shopifyId ?? null,
    email: emailLower,
    detail: { messageId: input.messageId },
  });

  // The suppression already stops every send; the event lets flows end the customer's runs now.
  try {
    await deps.publish(db, {
      type: "consent_changed",
      shop: input.shop,
      customerShopifyId: customer?.shopifyId ?? "",
      email: emailLower,
      state: "UNSUBSCRIBED",
      at,
    });
  } catch (error) {
    logger.error({ shop: input.shop, err: error }, "consent_changed subscribers failed after unsubscribe");
  }
  if (customer) await writeBack(deps, input.shop, emailLower, customer.shopifyId, at);
  return "unsubscribed";
}

async function writeBack(
  deps: UnsubscribeDeps,
  shop: string,
  emailLower: string,
  customerShopifyId: string,
  at: Date,
): Promise<boolean> {
  try {
    await writeUnsubscribed(await deps.admin(shop), { customerShopifyId, at });
    await deps.db.suppression.updateMany({
      where: { shop, emailLower, reason: "unsubscribe" },
      data: { shopifySyncedAt: deps.clock() },
    });
    return true;
  } catch (error) {
    logger.warn({ shop, err: error }, "unsubscribe not yet written back to Shopify; will retry");
    return false;
  }
}

/** Background pass: unsubscribes Shopify has not confirmed yet are written again. */
export async function retryConsentWriteBacks(
  deps: UnsubscribeDeps,
  limit = 100,
): Promise<{ tried: number; synced: number }> {
  const pending = await deps.db.suppression.findMany({
    where: { reason: "unsubscribe", shopifySyncedAt: null },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { shop: true, emailLower: true, createdAt: true },
  });
  let synced = 0;
  for (const row of pending) {
    const customer = await deps.db.customer.findFirst({
      where: { shop: row.shop, emailLower: row.emailLower },
      select: { shopifyId: true },
    });
    if (!customer) continue; // nothing in Shopify to update until the customer exists
    if (await writeBack(deps, row.shop, row.emailLower, customer.shopifyId, row.createdAt)) synced++;
  }
  return { tried: pending.length, synced };
}

/**
 * consent_changed subscriber: lifts a one-click suppression when the customer's stored consent is
 * SUBSCRIBED with its own consent time, newer than the unsubscribe. The stored consent, not the
 * event's time: the event is stamped when the webhook arrived, which says nothing about when the
 * customer opted in (a stale or undated "subscribed" arrives after the unsubscribe too).
 */
export async function honourResubscribe(
  db: Db,
  event: Extract<DomainEvent, { type: "consent_changed" }>,
): Promise<boolean> {
  if (event.state !== "SUBSCRIBED" || !event.customerShopifyId) return false;
  const customer = await db.customer.findUnique({
    where: { shop_shopifyId: { shop: event.shop, shopifyId: event.customerShopifyId } },
    select: { emailLower: true, marketingState: true, marketingUpdatedAt: true },
  });
  const optedInAt = customer?.marketingState === "SUBSCRIBED" ? customer.marketingUpdatedAt : null;
  const email = event.email?.toLowerCase() ?? customer?.emailLower ?? null;
  if (!email || !optedInAt) return false;
  const lifted = await db.suppression.deleteMany({
    where: { shop: event.shop, emailLower: email, reason: "unsubscribe", createdAt: { lt: optedInAt } },
  });
  if (lifted.count === 0) return false;
  await recordWhy(db, {
    shop: event.shop,
    kind: "resubscribed",
    reason: "Shopify reports a newer email marketing opt-in; the earlier unsubscribe no longer applies",
    at: event.at,
    customerShopifyId: event.customerShopifyId,
    email,
    detail: { optedInAt: optedInAt.toISOString() },
  });
  return true;
}
