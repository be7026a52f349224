// The Message table as the at-most-once ledger: a (run, step) is claimed by inserting its row
// before anything is sent; whoever fails to insert never sends. Only a row known not to have reached
// the SMTP server ("retry": a 4xx reply, or a failure before hand-off) can be claimed again.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.server";
import { executeWrite } from "../db/direct.server";
import { STALE_CLAIM_MS } from "./policy";

export interface ClaimInput {
  shop: string;
  runId: string;
  stepIndex: number;
  flowKey: string;
  customerShopifyId: string | null;
  email: string;
  messageIdHeader: string;
  draftId: string;
  subject: string;
  variant: number;
  /** The personalised-vs-generic arm, null when the flow runs no such test. */
  abArm?: string | null;
  /** The customer's segment at claim time (reports split by it); null when not computed or a guest. */
  segment?: string | null;
  now: Date;
}

export interface ClaimedMessage {
  id: string;
  discountCode: string | null;
  attempts: number;
}

export type ClaimResult =
  | { owned: true; message: ClaimedMessage }
  | { owned: false; status: string; messageId: string; sentAt: Date | null; error: string | null };

/**
 * One INSERT … ON CONFLICT DO NOTHING straight to the driver: it runs for every message, and a
 * Prisma model create costs several times the statement itself in query compilation.
 */
async function insertClaim(db: Db, input: ClaimInput): Promise<string | null> {
  const id = randomUUID();
  const inserted = await executeWrite(
    db,
    `INSERT INTO "Message" ("id", "shop", "runId", "stepIndex", "flowKey", "customerShopifyId", "email", "status",
      "messageIdHeader", "draftId", "subject", "variant", "abArm", "segment", "attempts", "claimedAt")
    VALUES (?, ?, ?, ?, ?, ?, ?, 'claimed', ?, ?, ?, ?, ?, ?, 0, ?)
    ON CONFLICT ("runId", "stepIndex") DO NOTHING`,
    [
      id,
      input.shop,
      input.runId,
      input.stepIndex,
      input.flowKey,
      input.customerShopifyId,
      input.email,
      input.messageIdHeader,
      input.draftId,
      input.subject,
      input.variant,
      input.abArm ?? null,
      input.segment ?? null,
      input.now,
    ],
  );
  return inserted === 1 ? id : null;
}

export async function claimMessage(db: Db, input: ClaimInput): Promise<ClaimResult> {
  const id = await insertClaim(db, input);
  if (id) return { owned: true, message: { id, discountCode: null, attempts: 0 } };
  const existing = await db.message.findFirst({
    where: { shop: input.shop, runId: input.runId, stepIndex: input.stepIndex },
    select: {
      id: true,
      status: true,
      sentAt: true,
      claimedAt: true,
      error: true,
      discountCode: true,
      attempts: true,
    },
  });
  if (!existing) throw new Error("message row vanished between claim and read");
  if (existing.status === "retry") {
    // Conditional update: of two processes retrying at once, exactly one wins the row.
    const won = await db.message.updateMany({
      where: { id: existing.id, shop: input.shop, status: "retry" },
      data: {
        status: "claimed",
        claimedAt: input.now,
        draftId: input.draftId,
        subject: input.subject,
        variant: input.variant,
        abArm: input.abArm ?? null,
        segment: input.segment ?? null,
      },
    });
    if (won.count === 1) {
      return {
        owned: true,
        message: { id: existing.id, discountCode: existing.discountCode, attempts: existing.attempts },
      };
    }
  }
  let status = existing.status;
  if (
    status === "claimed" &&
    !existing.sentAt &&
    input.now.getTime() - existing.claimedAt.getTime() > STALE_CLAIM_MS
  ) {
    await markUnknown(db, input.shop, existing.id, "claimed but never recorded (process stopped mid-send)");
    status = "unknown";
  }
  return { owned: false, status, messageId: existing.id, sentAt: existing.sentAt, error: existing.error };
}

async function markUnknown(db: Db, shop: string, id: string, error: string): Promise<void> {
  await db.message.updateMany({
    where: { id, shop, status: "claimed", sentAt: null },
    data: { status: "unknown", error },
  });
}

/** The "next look": claims older than STALE_CLAIM_MS without an outcome become visible as unknown. */
export async function markStaleClaimsUnknown(db: Db, now: Date, shop?: string): Promise<number> {
  const result = await db.message.updateMany({
    where: {
      ...(shop ? { shop } : {}),
      status: "claimed",
      sentAt: null,
      claimedAt: { lt: new Date(now.getTime() - STALE_CLAIM_MS) },
    },
    data: { status: "unknown", error: "claimed but never recorded (process stopped mid-send)" },
  });
  return result.count;
}

export interface OutboxEntry {
  id: string;
  runId: string;
  stepIndex: number;
  flowKey: string;
  email: string | null;
  subject: string | null;
  status: string;
  transport: string | null;
  sentAt: Date | null;
  claimedAt: Date;
  html: string | null;
  text: string | null;
  discountCode: string | null;
  error: string | null;
}

/** Messages for the admin's outbox viewer, newest first; `transport` narrows to "outbox" or "smtp". */
export async function listOutbox(
  db: Db,
  shop: string,
  options: {
    take?: number;
    cursor?: string;
    transport?: "outbox" | "smtp";
    status?: string;
    flowKey?: string;
    withBody?: boolean;
  } = {},
): Promise<OutboxEntry[]> {
  const rows = await db.message.findMany({
    where: {
      shop,
      ...(options.transport ? { transport: options.transport } : {}),
      ...(options.flowKey ? { flowKey: options.flowKey } : {}),
      ...(options.status ? { status: options.status } : {}),
    },
    orderBy: [{ claimedAt: "desc" }, { id: "desc" }],
    take: Math.min(options.take ?? 50, 200),
    ...(options.cursor ? { cursor: { id: options.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      runId: true,
      stepIndex: true,
      flowKey: true,
      email: true,
      subject: true,
      status: true,
      transport: true,
      sentAt: true,
      claimedAt: true,
      html: options.withBody ?? true,
      text: options.withBody ?? true,
      discountCode: true,
      error: true,
    },
  });
  return rows.map((r) => ({ ...r, html: r.html ?? null, text: r.text ?? null }));
}
