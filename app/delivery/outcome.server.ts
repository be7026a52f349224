// Recording what became of a claimed message: sent, retried (4xx / no connection), failed, bounced
// (5xx: the address is suppressed) or unknown (the hand-off threw: never re-sent automatically).
import type { Db } from "../db/client.server";
import type { StepSendResult } from "../domain/delivery";
import type { WhyEntry } from "../flows/why.server";
import type { ClaimResult } from "./messages.server";
import { MAX_SEND_ATTEMPTS, retryDelayMs, type TransportOutcome } from "./policy";
import type { SendLog } from "./send-log.server";

export type Why = (kind: string, reason: string, detail?: Record<string, unknown>) => WhyEntry;

/** One claimed message, as the recording steps need it. */
export interface ClaimedSend {
  db: Db;
  log: SendLog;
  shop: string;
  email: string;
  messageRowId: string;
  messageIdHeader: string;
  attempts: number;
  why: Why;
}

export function recordFields(c: ClaimedSend, data: Record<string, unknown>) {
  return c.db.message.update({
    where: { id: c.messageRowId, shop: c.shop },
    data: { attempts: c.attempts, ...data },
  });
}

export async function giveUpOrRetry(
  c: ClaimedSend,
  error: string,
  code: number | null,
): Promise<StepSendResult> {
  if (c.attempts >= MAX_SEND_ATTEMPTS) {
    await recordFields(c, { status: "failed", error });
    await c.log.why(c.why("failed", `gave up after ${c.attempts} attempts: ${error}`));
    return { status: "failed", reason: error, messageId: c.messageIdHeader };
  }
  const retryAfterMs = retryDelayMs(c.attempts);
  await recordFields(c, { status: "retry", error });
  await c.log.why(c.why("retry", error, { code, retryAfterMs }));
  return { status: "retry", reason: error, retryAfterMs, messageId: c.messageIdHeader };
}

export interface RenderedBody {
  html: string;
  text: string;
  subject: string;
  transport: string;
}

/** Every outcome but "accepted" (which the sender records through the group-committed send log). */
export async function recordUnsent(
  c: ClaimedSend,
  outcome: Exclude<TransportOutcome, { kind: "accepted" }>,
  body: RenderedBody,
): Promise<StepSendResult> {
  switch (outcome.kind) {
    case "transient":
      return giveUpOrRetry(c, `SMTP ${outcome.code ?? "connection"}: ${outcome.error}`, outcome.code);
    case "rejected": {
      const reason = `SMTP ${outcome.code ?? ""} refused: ${outcome.error}`.slice(0, 500);
      await recordFields(c, { status: outcome.hardBounce ? "bounced" : "failed", error: reason, ...body });
      if (outcome.hardBounce) {
        await suppressAddress(c.db, {
          shop: c.shop,
          email: c.email,
          reason: "hard_bounce",
          source: "smtp",
          messageRowId: c.messageRowId,
        });
      }
      await c.log.why(c.why("failed", reason, { hardBounce: outcome.hardBounce }));
      return { status: "failed", reason, messageId: c.messageIdHeader };
    }
    case "unknown": {
      const reason = `outcome unknown, not re-sent: ${outcome.error}`.slice(0, 500);
      await recordFields(c, { status: "unknown", error: reason, ...body });
      await c.log.why(c.why("unknown", reason));
      return { status: "unknown", reason, messageId: c.messageIdHeader };
    }
  }
}

/** Suppresses an address for one shop; an existing suppression (any reason) is kept as it is. */
export async function suppressAddress(
  db: Db,
  s: { shop: string; email: string; reason: string; source: string; messageRowId: string | null },
): Promise<void> {
  const emailLower = s.email.trim().toLowerCase();
  await db.suppression.upsert({
    where: { shop_emailLower: { shop: s.shop, emailLower } },
    create: { shop: s.shop, emailLower, reason: s.reason, source: s.source, messageId: s.messageRowId },
    update: {},
  });
}

export function alreadyHandled(
  claim: Extract<ClaimResult, { owned: false }>,
  messageId: string,
): StepSendResult {
  // A message bounced or complained about after delivery was still sent (sentAt is set).
  if (claim.status === "sent" || claim.sentAt)
    return { status: "sent", reason: "already sent for this run and step", messageId };
  switch (claim.status) {
    case "failed":
    case "bounced":
      return { status: "failed", reason: claim.error ?? "already failed", messageId };
    case "skipped":
      return { status: "skipped", reason: claim.error ?? "already skipped", messageId };
    default:
      return {
        status: "unknown",
        reason: `a previous attempt left this message ${claim.status}; it is never re-sent automatically`,
        messageId,
      };
  }
}
