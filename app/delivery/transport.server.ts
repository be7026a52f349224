// Where rendered email goes: SMTP through a pooled nodemailer transport (any provider's SMTP URL,
// DKIM-signed when a key is configured), or the outbox when SMTP_URL is unset (development and the
// demo: the message stays in the Message table for the admin's outbox viewer).
import nodemailer from "nodemailer";
import { env } from "../env.server";
import { logger } from "../logger.server";
import { classifySmtpError, type TransportOutcome } from "./policy";

export interface OutgoingEmail {
  from: { name: string; address: string };
  to: string;
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  messageId: string; // "<run.step@domain>"
  headers: Record<string, string>;
}

export interface Transport {
  readonly name: "smtp" | "outbox";
  send(email: OutgoingEmail): Promise<TransportOutcome>;
  close(): Promise<void>;
}

export interface DkimConfig {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

export interface SmtpOptions {
  url: string;
  dkim?: DkimConfig | null;
  maxConnections?: number;
  maxMessages?: number;
}

export function createSmtpTransport(options: SmtpOptions): Transport {
  const mailer = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: options.maxMessages ?? 500,
    ...(options.dkim ? { dkim: options.dkim } : {}),
  } as nodemailer.TransportOptions);
  return {
    name: "smtp",
    async send(email) {
      try {
        const info = await mailer.sendMail({
          from: email.from,
          to: email.to,
          ...(email.replyTo ? { replyTo: email.replyTo } : {}),
          subject: email.subject,
          html: email.html,
          text: email.text,
          messageId: email.messageId,
          headers: email.headers,
        });
        return { kind: "accepted", response: String((info as { response?: string }).response ?? "accepted") };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    async close() {
      mailer.close();
    },
  };
}

/** Stores nothing itself: sendStep records html/text on the Message with transport "outbox". */
export function createOutboxTransport(): Transport {
  return {
    name: "outbox",
    async send() {
      return { kind: "accepted", response: "kept in the outbox (SMTP_URL is not set)" };
    },
    async close() {},
  };
}

export function dkimFromEnv(): DkimConfig | null {
  const e = env();
  if (!e.DKIM_DOMAIN || !e.DKIM_SELECTOR || !e.DKIM_PRIVATE_KEY) return null;
  // Keys pasted into one-line env vars usually carry literal "\n".
  return {
    domainName: e.DKIM_DOMAIN,
    keySelector: e.DKIM_SELECTOR,
    privateKey: e.DKIM_PRIVATE_KEY.replace(/\\n/g, "\n"),
  };
}

declare global {
  var __tendTransport: Transport | undefined;
}

/** The process's transport: one pool per process, created on first use. */
export function defaultTransport(): Transport {
  if (!globalThis.__tendTransport) {
    const url = env().SMTP_URL;
    globalThis.__tendTransport = url
      ? createSmtpTransport({ url, dkim: dkimFromEnv() })
      : createOutboxTransport();
    logger.info({ transport: globalThis.__tendTransport.name }, "email transport ready");
  }
  return globalThis.__tendTransport;
}
