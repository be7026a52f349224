// Bounces and complaints a provider learns about after it accepted a message (asynchronous DSNs,
// feedback loops). A provider-neutral JSON, HMAC-signed with TEND_EMAIL_EVENTS_SECRET, names the
// Message-ID Tend set (<run.step@domain>); the message becomes "bounced" or "complained" and the
// address is suppressed for that message's shop only. The shop always comes from our own row, never
// from the request. Idempotent: a repeated event changes nothing and logs nothing twice.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client.server";
import { recordWhy } from "../flows/why.server";
import { eventsFromReport } from "./dsn";
import { suppressAddress } from "./outcome.server";

/** How far a signature's timestamp may be from now: a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_S = 300;

/** `Tend-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` */
export function signEmailEvents(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

export function verifyEmailEventsSignature(
  secret: string,
  body: string,
  header: string | null,
  now: Date,
): boolean {
  if (!header) return false;
  const parts = new Map(
    header.split(",").map((p) => {
      const i = p.indexOf("=");
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get("t"));
  const given = parts.get("v1") ?? "";
  if (!Number.isInteger(t) || Math.abs(now.getTime() / 1000 - t) > SIGNATURE_TOLERANCE_S) return false;
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(given, "hex"));
}

const eventSchema = z.object({
  type: z.enum(["bounce", "complaint"]),
  /** The Message-ID header of the message, as Tend set it ("<run.step@domain>"; brackets optional). */
  messageId: z.string().min(3).max(500),
  /** The address that bounced or complained; must be the message's recipient when given. */
  recipient: z.string().max(320).optional(),
  /** Only hard (permanent) bounces suppress; soft ones are acknowledged and ignored. */
  bounceType: z.enum(["hard", "soft"]).default("hard"),
  /** The provider's diagnostic (e.g. "550 5.1.1 user unknown"), kept on the message. */
  reason: z.string().max(1000).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});
export type EmailEvent = z.infer<typeof eventSchema>;

export const emailEventsSchema = z.object({ events: z.array(eventSchema).min(1).max(500) });

export type EventOutcome = { messageId: string; outcome: "applied" | "already" | "ignored"; reason: string };

/** "<run.step@domain>" → the (run, step) it names, or null for anything Tend did not set. */
export function parseTendMessageId(
  value: string,
): { header: string; runId: string; stepIndex: number } | null {
  const bare = value.trim().replace(/^<|>$/g, "");
  const m = /^([A-Za-z0-9_-]+)\.(\d{1,6})@([A-Za-z0-9.-]+)$/.exec(bare);
  if (!m) return null;
  return { header: `<${bare}>`, runId: m[1], stepIndex: Number(m[2]) };
}

const AFTER_DELIVERY = ["sent", "unknown", "claimed", "bounced"];

export async function applyEmailEvent(db: Db, event: EmailEvent, now: Date): Promise<EventOutcome> {
  const ignored = (reason: string): EventOutcome => ({
    messageId: event.messageId,
    outcome: "ignored",
    reason,
  });
  if (event.type === "bounce" && event.bounceType === "soft")
    return ignored("soft bounce: the address stays mailable");
  const id = parseTendMessageId(event.messageId);
  if (!id) return ignored("not a Message-ID Tend set");
  const message = await db.message.findFirst({
    where: { runId: id.runId, stepIndex: id.stepIndex, messageIdHeader: id.header },
    select: {
      id: true,
      shop: true,
      email: true,
      status: true,
      runId: true,
      flowKey: true,
      customerShopifyId: true,
    },
  });
  if (!message?.email) return ignored("no such message");
  if (event.recipient && event.recipient.trim().toLowerCase() !== message.email.trim().toLowerCase())
    return ignored("recipient is not this message's recipient");

  const status = event.type === "complaint" ? "complained" : "bounced";
  const detail = (event.reason ?? "").slice(0, 400);
  const error = `${event.type === "complaint" ? "spam complaint" : "hard bounce"} reported by the provider${detail ? `: ${detail}` : ""}`;
  // Conditional: of repeated or concurrent deliveries of one event, one changes the row.
  const changed = await db.message.updateMany({
    where: { id: message.id, shop: message.shop, status: { in: AFTER_DELIVERY.filter((s) => s !== status) } },
    data: { status, error },
  });
  await suppressAddress(db, {
    shop: message.shop,
    email: message.email,
    reason: event.type === "complaint" ? "complaint" : "hard_bounce",
    source: "provider",
    messageRowId: message.id,
  });
  if (changed.count === 0)
    return { messageId: event.messageId, outcome: "already", reason: `message is ${message.status}` };
  await recordWhy(db, {
    shop: message.shop,
    kind: status,
    reason: `${error}; address suppressed`,
    at: event.occurredAt ? new Date(event.occurredAt) : now,
    customerShopifyId: message.customerShopifyId,
    email: message.email,
    runId: message.runId,
    flowKey: message.flowKey,
    detail: { messageRowId: message.id },
  });
  return { messageId: event.messageId, outcome: "applied", reason: `${status}; address suppressed` };
}

export type EmailEventsResult =
  | { ok: true; results: EventOutcome[] }
  | { ok: false; httpStatus: 400 | 401 | 404; reason: string };

/**
 * The whole inbound request: signature first, then the body; nothing is read from an unsigned body.
 * `application/json` carries Tend's events; `message/rfc822` a bounce or complaint report mail
 * (RFC 3464 DSN or RFC 5965 ARF) as the provider received it.
 */
export async function handleEmailEvents(
  db: Db,
  secret: string | null | undefined,
  request: { body: string; signature: string | null; contentType: string | null },
  now: Date,
): Promise<EmailEventsResult> {
  if (!secret) return { ok: false, httpStatus: 404, reason: "email events are not enabled" };
  if (!verifyEmailEventsSignature(secret, request.body, request.signature, now))
    return { ok: false, httpStatus: 401, reason: "missing, stale or invalid Tend-Signature" };
  const events = readEvents(request.body, request.contentType);
  if (!events.ok) return { ok: false, httpStatus: 400, reason: events.reason };
  const results: EventOutcome[] = [];
  for (const event of events.events) results.push(await applyEmailEvent(db, event, now));
  return { ok: true, results };
}

function readEvents(
  body: string,
  contentType: string | null,
): { ok: true; events: EmailEvent[] } | { ok: false; reason: string } {
  if (/^message\/rfc822/i.test(contentType ?? "")) {
    const events = eventsFromReport(body);
    return events.length
      ? { ok: true, events }
      : { ok: false, reason: "not a failed-delivery or abuse report naming a Message-ID" };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: "body is not JSON" };
  }
  const parsed = emailEventsSchema.safeParse(json);
  return parsed.success
    ? { ok: true, events: parsed.data.events }
    : { ok: false, reason: z.prettifyError(parsed.error) };
}
