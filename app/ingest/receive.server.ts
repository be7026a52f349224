// The front door for every webhook: verify (HMAC), record by webhook id, answer 200 fast.
// Work happens after the response, in the processor, so Shopify's ~5 s budget is never at risk.
import type { Db } from "../db/client.server";
import { shopLogger } from "../logger.server";

export interface VerifiedWebhook {
  shop: string;
  topic: string;
  webhookId: string;
  eventId?: string;
  triggeredAt?: string;
  apiVersion: string;
  payload: unknown;
}

export interface ReceiveDeps {
  db: Db;
  /** authenticate.webhook from shopify.server.ts; throws a 401/400/405 Response when not authentic. */
  verify(request: Request): Promise<VerifiedWebhook>;
  /** Wakes the processor after a new delivery is recorded. */
  kick(): void;
}

export type RecordResult = "recorded" | "duplicate";

/** Normalises "ORDERS_CREATE" / "orders/create" to Shopify's slash form. */
export function topicName(topic: string): string {
  if (topic.includes("/")) return topic.toLowerCase();
  const lower = topic.toLowerCase();
  // Only the first underscore separates resource from action, except for multi-word resources.
  const multiWord = ["customers_email_marketing_consent", "bulk_operations", "customers_marketing_consent"];
  for (const prefix of multiWord) {
    if (lower.startsWith(`${prefix}_`)) return `${prefix}/${lower.slice(prefix.length + 1)}`;
  }
  const i = lower.indexOf("_");
  return i < 0 ? lower : `${lower.slice(0, i)}/${lower.slice(i + 1)}`;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export async function recordDelivery(db: Db, hook: VerifiedWebhook): Promise<RecordResult> {
  const triggeredAt = hook.triggeredAt ? new Date(hook.triggeredAt) : null;
  try {
    await db.webhookEvent.create({
      data: {
        shop: hook.shop,
        webhookId: hook.webhookId,
        eventId: hook.eventId ?? null,
        topic: topicName(hook.topic),
        apiVersion: hook.apiVersion,
        triggeredAt: triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : null,
        payload: JSON.stringify(hook.payload ?? null),
      },
      select: { id: true },
    });
    return "recorded";
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

export async function receiveWebhook(request: Request, deps: ReceiveDeps): Promise<Response> {
  const hook = await deps.verify(request); // a forged delivery throws 401 here: nothing stored
  const result = await recordDelivery(deps.db, hook);
  const log = shopLogger(hook.shop, { webhookId: hook.webhookId, topic: hook.topic });
  if (result === "duplicate") {
    log.debug("duplicate delivery acknowledged");
  } else {
    deps.kick();
  }
  return new Response(null, { status: 200 });
}
