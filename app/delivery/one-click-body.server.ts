// Reads the body of an unsubscribe POST. RFC 8058 §3.1 lets the mailbox provider send the
// "List-Unsubscribe=One-Click" pair as application/x-www-form-urlencoded or multipart/form-data;
// both are accepted, and anything else (or a missing pair) is refused before anything changes.

/** A one-click body is a few dozen bytes; a large one is not a mailbox provider's request. */
export const MAX_ONE_CLICK_BODY = 16 * 1024;

export type OneClickBody = { ok: true; fromPage: boolean } | { ok: false; reason: string };

const EXPECTED = "Expected List-Unsubscribe=One-Click";

async function readFields(request: Request): Promise<Map<string, string> | null> {
  const type = request.headers.get("Content-Type") ?? "";
  const bytes = await request.arrayBuffer().catch(() => null);
  if (!bytes || bytes.byteLength > MAX_ONE_CLICK_BODY) return null;
  if (type.toLowerCase().startsWith("multipart/form-data")) {
    // Parsed by the platform's own multipart reader, from the bytes already size-checked.
    const form = await new Response(bytes, { headers: { "Content-Type": type } })
      .formData()
      .catch(() => null);
    if (!form) return null;
    const fields = new Map<string, string>();
    for (const [name, value] of form) {
      if (typeof value === "string" && !fields.has(name)) fields.set(name, value);
    }
    return fields;
  }
  // x-www-form-urlencoded, or no type at all (some clients omit it): the same key=value syntax.
  return new Map(new URLSearchParams(new TextDecoder().decode(bytes)));
}

export async function readOneClickBody(request: Request): Promise<OneClickBody> {
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > MAX_ONE_CLICK_BODY) return { ok: false, reason: "Request body too large" };
  const fields = await readFields(request);
  if (fields?.get("List-Unsubscribe") !== "One-Click") return { ok: false, reason: EXPECTED };
  return { ok: true, fromPage: fields.get("from") === "page" };
}
