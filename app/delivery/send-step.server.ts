// sendStep: the scheduler's `send`. One (run, step) becomes at most one email:
//   re-check (consent, suppression, checkout still open, holdout) → approved copy → claim the Message
//   row → discount code → render → hand to the transport → record the outcome.
// A crash after the hand-off leaves the row "claimed"; the next look reports it "unknown" and never
// sends it again. Only outcomes that prove nothing was accepted (SMTP 4xx, no connection) are retried.
import type { AdminGraphql } from "../admin.server";
import { type Clock, now as processClock } from "../clock.server";
import type { Db } from "../db/client.server";
import { getDb } from "../db.server";
import type { CopyRequest, CopyResolution } from "../domain/copy";
import type { StepSendRequest, StepSendResult } from "../domain/delivery";
import { resolveCopy } from "../drafting/copy.server";
import type { WhyEntry } from "../flows/why.server";
import { chooseSubjectVariant } from "../insights/ab-decision";
import { draftSegmentFor } from "../insights/personalisation-test";
import { abChoiceFor } from "../scheduler/ab-arm.server";
import { adminFor } from "../shopify/admin-client.server";
import { createDiscountCode, discountCodeFor } from "../shopify/discounts";
import { buildOutgoing } from "./compose";
import { type DeliveryConfig, deliveryConfig } from "./config.server";
import { claimMessage } from "./messages.server";
import {
  alreadyHandled,
  type ClaimedSend,
  giveUpOrRetry,
  recordFields,
  recordUnsent,
} from "./outcome.server";
import { discountPercentFor, eligibility, type TransportOutcome } from "./policy";
import { createShopFactsCache, loadSendFacts } from "./send-facts.server";
import { createSendLog, type SendLog } from "./send-log.server";
import { reportToShopify } from "./shopify-report.server";
import { defaultTransport, type Transport } from "./transport.server";

export type ResolveCopy = (db: Db, req: CopyRequest) => Promise<CopyResolution>;

export interface SenderDeps {
  db: Db;
  transport: Transport;
  resolveCopy: ResolveCopy;
  admin: (shop: string) => Promise<AdminGraphql>;
  clock: Clock;
  config: DeliveryConfig;
  /** How long a message's discount code stays valid. */
  discountValidDays: number;
}

// Copy resolution belongs to drafting; tests inject their own.
const draftingResolveCopy: ResolveCopy = resolveCopy;

export function createSender(overrides: Partial<SenderDeps> = {}) {
  let resolved: SenderDeps | null = null;
  const shopFacts = createShopFactsCache();
  let log: SendLog | null = null;
  const deps = (): SenderDeps => {
    resolved ??= {
      db: overrides.db ?? getDb(),
      transport: overrides.transport ?? defaultTransport(),
      resolveCopy: overrides.resolveCopy ?? draftingResolveCopy,
      admin: overrides.admin ?? adminFor,
      clock: overrides.clock ?? processClock,
      config: overrides.config ?? deliveryConfig(),
      discountValidDays: overrides.discountValidDays ?? 7,
    };
    return resolved;
  };
  return {
    sendStep: (req: StepSendRequest) => {
      const d = deps();
      log ??= createSendLog(d.db);
      return sendWith(d, req, { shopFacts, log });
    },
  };
}

interface SendHelpers {
  shopFacts: Parameters<typeof loadSendFacts>[2];
  /** Group-committed: concurrent sends write their outcomes and why-log entries together. */
  log: SendLog;
}

let defaultSender: ReturnType<typeof createSender> | null = null;

/** The scheduler's `send` with the real wiring. */
export function sendStep(req: StepSendRequest): Promise<StepSendResult> {
  defaultSender ??= createSender();
  return defaultSender.sendStep(req);
}

async function sendWith(d: SenderDeps, req: StepSendRequest, h: SendHelpers): Promise<StepSendResult> {
  const { db } = d;
  const facts = await loadSendFacts(db, req, h.shopFacts);
  const entry = (kind: string, reason: string, detail: Record<string, unknown> = {}): WhyEntry => ({
    shop: req.shop,
    kind,
    reason,
    at: d.clock(),
    customerShopifyId: req.customerShopifyId,
    email: req.email,
    runId: req.runId,
    flowKey: req.flowKey,
    detail: { stepKey: req.stepKey, stepIndex: req.stepIndex, ...detail },
  });
  const why = (kind: string, reason: string, detail?: Record<string, unknown>) =>
    h.log.why(entry(kind, reason, detail));

  // (1) Re-check at send time: things change while a step waits.
  const allowed = eligibility({
    holdout: req.holdout,
    email: req.email || null,
    marketingState: facts.customer?.marketingState ?? null,
    redacted: Boolean(facts.customer?.redactedAt),
    suppression: facts.suppression,
    checkoutCompleted: facts.checkoutCompleted,
    orderedSinceTrigger: facts.orderedSinceTrigger,
  });
  if (!allowed.ok) {
    await why("skipped", allowed.detail, { code: allowed.reason });
    return { status: "skipped", reason: `${allowed.reason}: ${allowed.detail}` };
  }
  if (!facts.settings.postalAddress?.trim()) {
    const reason = "the shop's postal address is not set (required in every email footer)";
    await why("held", reason);
    return { status: "held", reason };
  }

  // (2) Approved copy, or hold. A/B decisions in force and the customer's personalisation arm
  // (generic: the default draft) come first: they pick the copy and the subject line.
  const ab = await abChoiceFor(db, req);
  const copy = await d.resolveCopy(db, {
    shop: req.shop,
    flowKey: req.flowKey,
    stepKey: req.stepKey,
    productShopifyId: req.productShopifyIds[0] ?? null,
    segment: draftSegmentFor(ab.arm, facts.customer?.segment ?? null),
    dueAt: facts.dueAt,
    now: req.now,
  });
  if (copy.kind === "hold") {
    await why("held", copy.reason);
    return { status: "held", reason: copy.reason };
  }
  const variant = chooseSubjectVariant(
    `${req.shop}:${req.runId}:${req.stepIndex}`,
    copy.content.subjects.length,
    ab.subjectWinner,
  );

  // (3) Claim the (run, step): whoever does not insert the row never sends.
  const messageIdHeader = `<${req.runId}.${req.stepIndex}@${d.config.mailFromDomain}>`;
  const claim = await claimMessage(db, {
    shop: req.shop,
    runId: req.runId,
    stepIndex: req.stepIndex,
    flowKey: req.flowKey,
    customerShopifyId: req.customerShopifyId,
    email: req.email,
    messageIdHeader,
    draftId: copy.draftId,
    subject: copy.content.subjects[variant] ?? "",
    variant,
    abArm: ab.arm,
    segment: facts.customer?.segment ?? null,
    now: d.clock(),
  });
  if (!claim.owned) return alreadyHandled(claim, messageIdHeader);
  const message = claim.message;
  const claimed: ClaimedSend = {
    db,
    log: h.log,
    shop: req.shop,
    email: req.email,
    messageRowId: message.id,
    messageIdHeader,
    attempts: message.attempts + 1,
    why: entry,
  };

  // (4) A unique single-use code, only now that this message is certainly ours to send.
  const percent = discountPercentFor(req.discountPercent, facts.settings.maxDiscountPercent);
  let discount: { code: string; percent: number } | null = null;
  if (percent > 0) {
    const code = message.discountCode ?? discountCodeFor(d.config.signingSecret, req.shop, message.id);
    try {
      if (!message.discountCode) {
        const at = d.clock();
        await createDiscountCode(await d.admin(req.shop), {
          code,
          percent,
          customerShopifyId: req.customerShopifyId,
          startsAt: at,
          endsAt: new Date(at.getTime() + d.discountValidDays * 86_400_000),
          title: `Tend ${req.stepKey} ${code}`,
        });
        await recordFields(claimed, { discountCode: code });
      }
      discount = { code, percent };
    } catch (error) {
      return giveUpOrRetry(claimed, `discount code: ${(error as Error).message}`, null);
    }
  }

  // (5) Render; a broken render is this message's failure, never a half-filled email.
  let outgoing: Awaited<ReturnType<typeof buildOutgoing>>;
  try {
    outgoing = await buildOutgoing({
      req,
      facts,
      copy: copy.content,
      variant,
      messageRowId: message.id,
      messageIdHeader,
      discount,
      config: d.config,
    });
  } catch (error) {
    const reason = `render: ${(error as Error).message}`;
    await recordFields(claimed, { status: "failed", error: reason, discountCode: discount?.code ?? null });
    await why("failed", reason);
    return { status: "failed", reason, messageId: messageIdHeader };
  }

  // (6) Hand-off. A throw here is a transport bug; we cannot know what happened, so: unknown.
  let outcome: TransportOutcome;
  try {
    outcome = await d.transport.send(outgoing.email);
  } catch (error) {
    outcome = { kind: "unknown", error: (error as Error).message };
  }

  // (7) Record.
  const body = {
    html: outgoing.rendered.html,
    text: outgoing.rendered.text,
    subject: outgoing.rendered.subject,
    transport: d.transport.name,
  };
  if (outcome.kind !== "accepted") return recordUnsent(claimed, outcome, body);
  const sentAt = d.clock();
  await h.log.sent(
    {
      shop: req.shop,
      messageRowId: message.id,
      attempts: claimed.attempts,
      sentAt,
      providerResponse: outcome.response.slice(0, 500),
      ...body,
    },
    entry("sent", `sent "${outgoing.rendered.subject}"`, {
      variant,
      draftId: copy.draftId,
      discountCode: discount?.code ?? null,
    }),
  );
  await reportToShopify(
    d.admin,
    req,
    { ...facts.context, checkoutCreatedAt: facts.checkoutCreatedAt },
    sentAt,
    d.config.appUrl,
  );
  return { status: "sent", reason: "sent", messageId: messageIdHeader };
}
