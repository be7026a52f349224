// Reads a bounce or complaint report mail (RFC 6522 multipart/report) into Tend's email events:
// a delivery status notification (RFC 3464, report-type=delivery-status) or an abuse feedback report
// (RFC 5965 ARF, report-type=feedback-report). The original Message-ID comes from the returned
// headers (text/rfc822-headers or message/rfc822). Pure: the caller has verified who sent it.
import type { EmailEvent } from "./email-events.server";

interface Part {
  headers: Map<string, string>;
  body: string;
}

function splitHeaders(text: string): Part {
  const normalized = text.replace(/\r\n/g, "\n");
  const end = normalized.search(/\n\n|^\n/);
  const head = end < 0 ? normalized : normalized.slice(0, end);
  const body = end < 0 ? "" : normalized.slice(end).replace(/^\n+/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const i = line.indexOf(":");
    if (i > 0) {
      const name = line.slice(0, i).trim().toLowerCase();
      if (!headers.has(name)) headers.set(name, line.slice(i + 1).trim());
    }
  }
  return { headers, body };
}

function param(value: string, name: string): string | null {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i").exec(value);
  return m ? (m[1] ?? m[2]) : null;
}

function decode(part: Part): string {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "").toLowerCase();
  return encoding === "base64"
    ? Buffer.from(part.body.replace(/\s+/g, ""), "base64").toString("utf8")
    : part.body;
}

function parts(message: Part): Part[] {
  const boundary = param(message.headers.get("content-type") ?? "", "boundary");
  if (!boundary) return [];
  const chunks = message.body.split(`--${boundary}`);
  return chunks
    .slice(1)
    .filter((chunk) => !chunk.startsWith("--"))
    .map((chunk) => splitHeaders(chunk.replace(/^[ \t]*\n/, "")));
}

/** Field blocks (separated by blank lines) of a delivery-status or feedback-report body. */
function fieldBlocks(text: string): Map<string, string>[] {
  return text
    .split(/\n\s*\n/)
    .map((block) => splitHeaders(`${block.trim()}\n\n`).headers)
    .filter((fields) => fields.size > 0);
}

const address = (field: string | undefined) =>
  field
    ?.replace(/^[^;]*;/, "")
    .trim()
    .replace(/^<|>$/g, "") || undefined;

/** The events a report mail carries; empty when it is not a report Tend understands. */
export function eventsFromReport(raw: string): EmailEvent[] {
  const message = splitHeaders(raw);
  const type = message.headers.get("content-type") ?? "";
  if (!/^multipart\/report/i.test(type)) return [];
  const all = parts(message);
  const typeOf = (p: Part) =>
    (p.headers.get("content-type") ?? "text/plain").split(";")[0].trim().toLowerCase();
  const original = all.find((p) =>
    ["text/rfc822-headers", "message/rfc822", "message/rfc822-headers"].includes(typeOf(p)),
  );
  const messageId = original ? splitHeaders(decode(original)).headers.get("message-id") : undefined;
  if (!messageId) return [];

  const status = all.find((p) => typeOf(p) === "message/delivery-status");
  if (status) {
    // The first block describes the reporting server; each following one a recipient.
    return fieldBlocks(decode(status))
      .filter((f) => f.has("action") && f.has("final-recipient"))
      .filter((f) => f.get("action")?.toLowerCase() === "failed")
      .map((f) => ({
        type: "bounce" as const,
        messageId,
        recipient: address(f.get("final-recipient") ?? f.get("original-recipient")),
        bounceType: f.get("status")?.startsWith("5") ? ("hard" as const) : ("soft" as const),
        reason: [f.get("status"), f.get("diagnostic-code")].filter(Boolean).join(" ") || undefined,
      }));
  }
  const feedback = all.find((p) => typeOf(p) === "message/feedback-report");
  if (feedback) {
    const fields = fieldBlocks(decode(feedback))[0];
    if (fields?.get("feedback-type")?.toLowerCase() !== "abuse") return [];
    return [
      {
        type: "complaint",
        messageId,
        recipient: address(fields.get("original-rcpt-to") ?? fields.get("removal-recipient")),
        bounceType: "hard",
        reason: "abuse report (ARF)",
      },
    ];
  }
  return [];
}
