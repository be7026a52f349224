// Small pure conversions shared by webhook and bulk ingestion: Shopify ids, money, text, hashes.
import { createHash } from "node:crypto";

/** "gid://shopify/Customer/123" or 123 or "123" → "123". Ids stay text: they exceed 2^53. */
export function shopifyId(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  const text = String(value);
  const slash = text.lastIndexOf("/");
  const tail = slash >= 0 ? text.slice(slash + 1) : text;
  // Some gids carry a query string (e.g. "?checkout=...").
  const q = tail.indexOf("?");
  return q >= 0 ? tail.slice(0, q) : tail;
}

/** Prefers the exact admin_graphql_api_id over the numeric id, which JSON may have rounded. */
export function preferGid(
  gid: string | null | undefined,
  id: string | number | null | undefined,
): string | null {
  return shopifyId(gid ?? null) ?? shopifyId(id ?? null);
}

/** "19.99" → 1999 without floating-point drift; numbers are accepted for older payloads. */
export function toMinor(amount: string | number | null | undefined): number {
  if (amount === null || amount === undefined || amount === "") return 0;
  const text = typeof amount === "number" ? amount.toFixed(2) : amount.trim();
  const match = /^(-)?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new Error(`not a money amount: ${text}`);
  const [, sign, whole, frac = ""] = match;
  const cents = Number(whole || "0") * 100 + Number((frac + "00").slice(0, 2));
  // Round half up on a third decimal (some currencies are sent with three).
  const extra = frac.length > 2 && Number(frac[2]) >= 5 ? 1 : 0;
  return (sign ? -1 : 1) * (cents + extra);
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  "#39": "'",
};

/** Product descriptions arrive as HTML; copy and prompts want plain text. */
export function stripHtml(html: string | null | undefined): string {
  if (!html) return "";
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<\/(p|div|li|h[1-6])>|<br\s*\/?>/gi, "\n")
    .replace(/<[^>]+>/g, " ")
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      const lower = name.toLowerCase();
      if (lower.startsWith("#x")) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
      if (lower.startsWith("#") && lower !== "#39") return String.fromCodePoint(Number(lower.slice(1)));
      return ENTITIES[lower] ?? whole;
    })
    .replace(/[ \t\f\v\r]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

export interface HashedVariant {
  id: string;
  title: string;
  priceMinor: number;
}

/** What copy depends on: a change here marks a product's drafts stale (drafting compares it). */
export function productContentHash(title: string, description: string, variants: HashedVariant[]): string {
  const prices = [...variants]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((v) => [v.id, v.title, v.priceMinor]);
  return createHash("sha256")
    .update(JSON.stringify([title, description, prices]))
    .digest("hex")
    .slice(0, 32);
}

// One formatter per zone: constructing one costs ~50 µs, 25× a format (a 100k-customer recompute).
const monthDayFormats = new Map<string, Intl.DateTimeFormat>();
function monthDayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = monthDayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, month: "2-digit", day: "2-digit" });
    monthDayFormats.set(timeZone, format);
  }
  return format;
}

/**
 * "MM-DD" of an instant in the shop's zone, for the indexed anniversary scan: an order placed on
 * the evening of 2 December in Los Angeles has its anniversary on 2 December there.
 */
export function monthDay(date: Date, timeZone = "UTC"): string {
  if (timeZone === "UTC") {
    return `${String(date.getUTCMonth() + 1).padStart(2, "0")}-${String(date.getUTCDate()).padStart(2, "0")}`;
  }
  const parts = monthDayFormat(timeZone).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("month")}-${part("day")}`;
}

/** Shopify consent states arrive lowercase in webhooks and uppercase in GraphQL. */
export function marketingState(state: string | null | undefined): string {
  return (state ?? "NOT_SUBSCRIBED").toUpperCase();
}

/** Date from Shopify's ISO text; null stays null. Throws on garbage (the caller dead-letters). */
export function dateOrNull(value: string | null | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`not a timestamp: ${value}`);
  return d;
}
