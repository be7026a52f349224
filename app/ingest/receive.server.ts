// The front door for every webhook: verify (HMAC, route, headers), admit (installed shop, replay),
// record, answer 200 fast. Work happens after the response, in the processor, so Shopify's ~5 s
// budget is never at risk.
import { shopLogger } from "../logger.server";
import type { DeliveryRow } from "./delivery-writer.server";
import type { RawWebhook } from "./verify.server";

export { topicName } from "./topics";

/** What the store says about a verified delivery before it is recorded. */
export type Admission = { kind: "record" } | { kind: "duplicate" } | { kind: "refuse"; reason: string };

export interface ReceiveDeps {
  /** Checks the HMAC on the raw body; throws a 401/400/405 Response when not authentic. */
  verify(request: Request): Promise<RawWebhook>;
  /** Is the shop installed for this topic, and was this body already recorded (for whom)? */
  admit(hook: RawWebhook): Promise<Admission>;
  /** Records the delivery (group commit); a redelivery of a recorded webhook id is a no-op. */
  record(row: DeliveryRow): Promise<void>;
  /** Wakes the processor after a delivery is recorded. */
  kick(): void;
}

export interface Answer {
  status: 200 | 400 | 500;
  message?: string;
}

/** Records an authentic delivery and answers with the status Shopify should see (200, or 500 to retry). */
export async function acceptWebhook(hook: RawWebhook, deps: Omit<ReceiveDeps, "verify">): Promise<Answer> {
  const log = shopLogger(hook.shop, { webhookId: hook.webhookId, topic: hook.topic });
  try {
    const admission = await deps.admit(hook);
    if (admission.kind === "refuse") {
      log.warn({ reason: admission.reason }, "webhook refused");
      return { status: 400, message: admission.reason };
    }
    if (admission.kind === "duplicate") return { status: 200 };
    // The raw body is kept as sent: parsing (and dead-lettering what cannot be parsed) happens later.
    await deps.record({
      shop: hook.shop,
      webhookId: hook.webhookId,
      eventId: hook.eventId,
      topic: hook.topic,
      apiVersion: hook.apiVersion,
      triggeredAt: hook.triggeredAt,
      payload: hook.rawBody,
      contentKey: hook.contentKey,
    });
  } catch (error) {
    // Not recorded: a 500 makes Shopify deliver again later.
    log.error({ err: error }, "delivery not recorded");
    return { status: 500 };
  }
  deps.kick();
  return { status: 200 };
}

/** The Fetch flavour used by the Remix webhook routes. */
export async function receiveWebhook(request: Request, deps: ReceiveDeps): Promise<Response> {
  const hook = await deps.verify(request); // a forged delivery throws 401 here: nothing stored
  const answer = await acceptWebhook(hook, deps);
  return new Response(answer.message ?? null, {
    status: answer.status,
    headers: answer.message ? { "Content-Type": "text/plain; charset=utf-8" } : undefined,
  });
}
