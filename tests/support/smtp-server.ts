// A real SMTP server for tests (smtp-server), recording what arrives. `parse: true` runs mailparser on
// each message; otherwise only the Message-ID is read from the raw headers (cheap for big runs).
// `respond` lets a test refuse recipients with a chosen SMTP code (4xx transient, 5xx permanent).
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  messageId: string | null;
  parsed: ParsedMail | null;
}

export interface TestSmtpServer {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Count of messages per Message-ID header: any value above 1 is a duplicate delivery. */
  countsByMessageId(): Map<string, number>;
  close(): Promise<void>;
}

export interface SmtpServerOptions {
  parse?: boolean;
  /** Return an SMTP code to refuse the recipient at RCPT TO, or null to accept. */
  respond?: (recipient: string) => number | null;
  /** Called with each Message-ID as soon as the message is accepted. */
  onMessage?: (mail: ReceivedMail) => void;
}

function messageIdOf(raw: string): string | null {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/) >>> 0 || raw.length);
  const match = /^message-id:\s*(<[^>\r\n]+>)/im.exec(head);
  return match ? match[1] : null;
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const code = options.respond?.(address.address) ?? null;
      if (code === null) return callback();
      const error = new Error(
        code >= 500 ? "5.1.1 mailbox unavailable" : "4.2.0 try again later",
      ) as Error & {
        responseCode: number;
      };
      error.responseCode = code;
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const mail: ReceivedMail = {
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId: messageIdOf(raw),
          parsed: options.parse ? await simpleParser(raw) : null,
        };
        received.push(mail);
        options.onMessage?.(mail);
        callback();
      });
    },
  });
  // A client killed mid-transaction resets its socket; that is the scenario under test, not a failure.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    countsByMessageId() {
      const counts = new Map<string, number>();
      for (const m of received) if (m.messageId) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
      return counts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
