// What a send writes after the hand-off, group-committed: the "sent" outcome of every message that
// finished in the same turn of the event loop, and their why-log entries, in one transaction. A
// message's record is durable before its sendStep resolves; a crash before that leaves its row
// "claimed", which the next look reports as unknown (never re-sent).
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.server";
import type { WhyEntry } from "../flows/why.server";
import { executeWrite, valuesList, writeDialect } from "../db/direct.server";
import { groupCommit } from "./group-commit";

export interface SentRecord {
  shop: string;
  messageRowId: string;
  attempts: number;
  sentAt: Date;
  providerResponse: string;
  html: string;
  text: string;
  subject: string;
  transport: string;
}

type Entry = { sent?: SentRecord; why?: WhyEntry };

export interface SendLog {
  /** Records a message as sent, with its why-log entry. */
  sent(record: SentRecord, why: WhyEntry): Promise<void>;
  /** A why-log entry on its own (skips, holds, failures). */
  why(entry: WhyEntry): Promise<void>;
}

// One statement of each kind per batch, straight to the driver (direct-write): a Prisma model query
// costs several times the statement itself in query compilation, and so does a batch transaction
// of one UPDATE per message.
async function recordSent(db: Db, sent: SentRecord[]): Promise<void> {
  // VALUES columns are untyped text on PostgreSQL: cast where the column is not text.
  const pg = writeDialect(db) === "postgresql";
  const sentAt = pg ? "CAST(v.column3 AS TIMESTAMP(3))" : "v.column3";
  const attempts = pg ? "CAST(v.column9 AS INTEGER)" : "v.column9";
  await executeWrite(
    db,
    `UPDATE "Message" SET "status" = 'sent', "sentAt" = ${sentAt}, "providerResponse" = v.column4, "error" = NULL,
      "html" = v.column5, "text" = v.column6, "subject" = v.column7, "transport" = v.column8, "attempts" = ${attempts}
    FROM (VALUES ${valuesList(sent.length, 9)}) AS v
    WHERE "Message"."id" = v.column1 AND "Message"."shop" = v.column2`,
    sent.flatMap((s) => [
      s.messageRowId,
      s.shop,
      s.sentAt,
      s.providerResponse,
      s.html,
      s.text,
      s.subject,
      s.transport,
      s.attempts,
    ]),
  );
}

/** The same rows recordWhy writes (app/flows/why.server.ts), as one multi-row INSERT. */
async function recordWhyEntries(db: Db, entries: WhyEntry[]): Promise<void> {
  await executeWrite(
    db,
    `INSERT INTO "CustomerEvent" ("id", "shop", "customerShopifyId", "email", "runId", "flowKey", "kind", "reason",
      "detail", "at") VALUES ${valuesList(entries.length, 10)}`,
    entries.flatMap((e) => [
      randomUUID(),
      e.shop,
      e.customerShopifyId ?? null,
      e.email?.toLowerCase() ?? null,
      e.runId ?? null,
      e.flowKey ?? null,
      e.kind,
      e.reason.slice(0, 500),
      JSON.stringify(e.detail ?? {}),
      e.at,
    ]),
  );
}

async function write(db: Db, entries: Entry[]): Promise<void> {
  const sent = entries.flatMap((e) => (e.sent ? [e.sent] : []));
  const why = entries.flatMap((e) => (e.why ? [e.why] : []));
  // The outcome first: it is what at-most-once rests on; the why-log explains it.
  if (sent.length) await recordSent(db, sent);
  if (why.length) await recordWhyEntries(db, why);
}

export function createSendLog(db: Db): SendLog {
  const commit = groupCommit<Entry>((entries) => write(db, entries));
  return {
    sent: (record, why) => commit({ sent: record, why }),
    why: (entry) => commit({ why: entry }),
  };
}
