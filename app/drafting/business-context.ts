// The merchant's business context: who their best customers are, what they buy, what the shop
// stands for, what never to say, seasonal moments and shipping/returns promises, in their words.
// Pure: validation of what the page saves, and the shape the prompt quotes as data (never as
// instructions). business-context.server.ts stores it; prompt.ts puts it inside the <data> block.
import { z } from "zod";

export const CONTEXT_FIELDS = [
  {
    key: "bestCustomers",
    label: "Who your best customers are",
    help: "Who comes back, and why. For example: weekend hikers who buy a new layer every season.",
  },
  {
    key: "whatTheyBuy",
    label: "What they buy and why",
    help: "Your best sellers and categories, and what people buy them for.",
  },
  {
    key: "shopStandsFor",
    label: "What your shop stands for",
    help: "What makes you different: how you make, source or choose things.",
  },
  {
    key: "neverSay",
    label: "What never to say",
    help: "Claims, words or topics your emails must avoid.",
  },
  {
    key: "seasonalMoments",
    label: "Seasonal moments",
    help: "When your customers buy most, and the moments that matter to them.",
  },
  {
    key: "shippingReturns",
    label: "Shipping and returns promises",
    help: "What you promise about delivery and returns (only what is true today).",
  },
] as const;

export type ContextFieldKey = (typeof CONTEXT_FIELDS)[number]["key"];
export type ContextFields = Record<ContextFieldKey, string>;
export type ContextSource = "proposed" | "merchant";

export interface BusinessContextData extends ContextFields {
  version: number;
  source: ContextSource;
  createdAt: Date;
  createdBy: string | null;
}

export const FIELD_MAX = 1000;

/** Control characters other than tab and line breaks (never typed; only pasted or forged). */
function hasControlCharacters(v: string): boolean {
  for (const ch of v) {
    const c = ch.charCodeAt(0);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
}

const field = (label: string) =>
  z
    .string()
    .trim()
    .max(FIELD_MAX, `${label} can have at most ${FIELD_MAX} characters`)
    // Stored and shown as plain text: markup has no place here and only helps an attacker.
    .refine((v) => !/<\/?[a-z!][^>]*>/i.test(v), { message: `${label} cannot contain HTML` })
    .refine((v) => !hasControlCharacters(v), { message: `${label} contains control characters` });

export const businessContextInputSchema = z
  .object(
    Object.fromEntries(CONTEXT_FIELDS.map((f) => [f.key, field(f.label)])) as Record<
      ContextFieldKey,
      ReturnType<typeof field>
    >,
  )
  .refine((v) => CONTEXT_FIELDS.some((f) => v[f.key].length > 0), {
    message: "Write at least one section",
    path: ["form"],
  });

export const EMPTY_CONTEXT: ContextFields = {
  bestCustomers: "",
  whatTheyBuy: "",
  shopStandsFor: "",
  neverSay: "",
  seasonalMoments: "",
  shippingReturns: "",
};

/** The same fields, in the order the page shows them. */
export function contextFields(ctx: ContextFields): ContextFields {
  return Object.fromEntries(CONTEXT_FIELDS.map((f) => [f.key, ctx[f.key]])) as ContextFields;
}

const SNAKE: Record<ContextFieldKey, string> = {
  bestCustomers: "best_customers",
  whatTheyBuy: "what_they_buy",
  shopStandsFor: "shop_stands_for",
  neverSay: "never_say",
  seasonalMoments: "seasonal_moments",
  shippingReturns: "shipping_returns",
};

function clip(value: string, max: number): string {
  const v = value.replace(/\s+/g, " ").trim();
  if (max <= 0) return "";
  return v.length <= max ? v : `${v.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}

/**
 * What the prompt quotes: the non-empty fields, each clipped to `each` characters, as a plain
 * object the prompt serialises with the rest of its data (so the same escaping applies: "<" and
 * ">" cannot close the block, whatever the merchant or an attacker typed). Null when empty.
 */
export function businessContextData(
  ctx: ContextFields | null | undefined,
  each: number,
): Record<string, string> | null {
  if (!ctx || each <= 0) return null;
  const out: Record<string, string> = {};
  for (const f of CONTEXT_FIELDS) {
    const v = clip(ctx[f.key] ?? "", each);
    if (v) out[SNAKE[f.key]] = v;
  }
  return Object.keys(out).length ? out : null;
}

/** Field errors keyed by field (or "form"), as the page shows them. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}

/** A version as one line of text per field (draft page, history). */
export function describeContext(ctx: ContextFields): Array<{ label: string; text: string }> {
  return CONTEXT_FIELDS.filter((f) => ctx[f.key].trim()).map((f) => ({ label: f.label, text: ctx[f.key] }));
}

/** What a draft is written from: the fields and the version, recorded on the draft. */
export type BusinessContextForDraft = ContextFields & { version: number };
