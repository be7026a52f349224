// The front door for every webhook: verify (HMAC), record by webhook id, answer 200 fast.
// Work happens after the response, in the processor, so Shopify's ~5 s budget is never at risk.
import { shopLogger } from "../logger.server";
import type { DeliveryRow } from "./delivery-writer.server";
import type { RawWebhook } from "./verify.server";

export interface ReceiveDeps {
  /** Checks the HMAC on the raw body; throws a 401/400/405 Response when not authentic. */
  verify(request: Request): Promise<RawWebhook>;
  /** Records the delivery (group commit); a redelivery of a recorded webhook id is a no-op. */
  record(row: DeliveryRow): Promise<void>;
  /** Wakes the processor after a delivery is recorded. */
  kick(): void;
}

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

/** Records an authentic delivery and answers with the status Shopify should see (200, or 500 to retry). */
export async function acceptWebhook(hook: RawWebhook, deps: Omit<ReceiveDeps, "verify">): Promise<200 | 500> {
  try {
    // The raw body is kept as sent: parsing (and dead-lettering what cannot be parsed) happens later.
    await deps.record({
      shop: hook.shop,
      webhookId: hook.webhookId,
      eventId: hook.eventId,
      topic: topicName(hook.topic),
      apiVersion: hook.apiVersion,
      triggeredAt: hook.triggeredAt,
      payload: hook.rawBody,
    });
  } catch (error) {
    // Not recorded: a 500 makes Shopify deliver again later.
    shopLogger(hook.shop, { webhookId: hook.webhookId, topic: hook.topic }).error(
      { err: error },
      "delivery not recorded",
    );
    return 500;
  }
  deps.kick();
  return 200;
}

/** The Fetch flavour used by the Remix webhook routes. */
export async function receiveWebhook(request: Request, deps: ReceiveDeps): Promise<Response> {
  const hook = await deps.verify(request); // a forged delivery throws 401 here: nothing stored
  return new Response(null, { status: await acceptWebhook(hook, deps) });
}
