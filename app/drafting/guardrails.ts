// Guardrails every draft passes before a merchant sees it, and again when it is approved: the AI is
// an untrusted author, so nothing it writes may carry markup, foreign links, unfillable
// placeholders, discounts above the cap, prices the catalog does not have, or banned phrases.
import type { CopyContent } from "../domain/copy";
import { MERGE_FIELDS } from "../domain/copy";
import type { DraftInput } from "./facts";
import { allowedMergeFields } from "./facts";
import type { Finding } from "./findings";
import { copyFields, LIMITS } from "./schema";
import { containsPhrase, hasHiddenCharacters, mixedScriptWords, normalise } from "./text";

/** Phrases Tend never sends, whatever the voice guide says: spam triggers and prompt-injection echoes. */
export const TEND_BANNED_PHRASES = [
  "act now",
  "100% free",
  "risk-free",
  "risk free",
  "guaranteed",
  "click here",
  "no strings attached",
  "once in a lifetime",
  "winner",
  "cash bonus",
  "ignore previous instructions",
  "ignore all previous",
  "previous instructions",
  "system prompt",
];

export type GuardFacts = Pick<DraftInput, "step" | "product" | "discountCap">;

function block(rule: string, message: string, field?: string): Finding {
  return { source: "guardrail", rule, severity: "block", message, field };
}

const MERGE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const HTML =
  /<\s*\/?\s*[a-z!?][^>]*>|&lt;\s*\/?\s*[a-z]|javascript\s*:|\bon[a-z]+\s*=\s*["']|data:text\/html/i;
const URL_LIKE =
  /(https?:\/\/|ftp:\/\/|mailto:|www\.)|\b[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63})*\.(?:[a-z]{2,24})(?:\/[^\s]*)?(?=$|[\s,;:!?)"'’]|\.(?:\s|$))/i;
const OTHER_PLACEHOLDER = /\{[^{}]*\}|\{\{|\}\}|\[[^\]]{1,40}\]|%[A-Z_]{2,}%|\*\|[^|]*\|\*|\{%|<%|\$\{/;

/** Removes valid merge fields so later checks see only the prose. */
function withoutMergeFields(value: string): string {
  return value.replace(MERGE, " ");
}

const NUM_WORDS: Record<string, number> = {
  five: 5,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  "twenty-five": 25,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
};

const CURRENCY =
  /(?:[$€£¥₹]|\b(?:usd|eur|gbp|cad|aud|nzd)\b)\s?(\d+(?:[.,]\d{1,2})?)|(\d+(?:[.,]\d{1,2})?)\s?(?:[€£$]|\b(?:usd|eur|gbp|cad|aud|nzd|dollars?|euros?|pounds?|bucks)\b)/gi;
const PERCENT = /(\d+(?:[.,]\d+)?)\s?(?:%|\s?percent\b|\s?per\s?cent\b)/gi;
const WORD_PERCENT = new RegExp(
  `\\b(${Object.keys(NUM_WORDS).join("|")})[\\s-]?(?:%|percent|per cent)`,
  "gi",
);
const HALF_OFF = /\bhalf[\s-]?(?:off|price)\b|\bbogo\b|\bbuy one,? get one\b/i;
const DISCOUNT_AFTER = /^\s*(?:off|discount|saving|savings|reduction|less)\b/i;
const DISCOUNT_BEFORE = /(?:save|take|get|enjoy|extra|discount of|up to|knock|slash|an additional)\s*$/i;

function num(value: string): number {
  return Number(value.replace(",", "."));
}

function numbersIn(value: string): number[] {
  return (normalise(value).match(/\d+(?:[.,]\d+)?/g) ?? []).map(num);
}

function priceValues(facts: GuardFacts): number[] {
  const p = facts.product;
  if (!p) return [];
  const base = [p.priceMinor, ...p.variants.map((v) => v.priceMinor)];
  const d = facts.step.discountPercent;
  const discounted = d ? base.map((m) => Math.round(m * (1 - d / 100))) : [];
  return [...base, ...discounted].map((m) => m / 100);
}

/** Numbers the product data and the step carry: copy may repeat them, nothing else. */
function knownNumbers(facts: GuardFacts): number[] {
  const p = facts.product;
  const fromProduct = p
    ? [
        p.title,
        p.description,
        p.imageAlt ?? "",
        p.productType ?? "",
        p.vendor ?? "",
        ...p.variants.map((v) => v.title),
      ].flatMap(numbersIn)
    : [];
  const step = facts.step.discountPercent !== null ? [facts.step.discountPercent] : [];
  return [...fromProduct, ...step, ...priceValues(facts)];
}

function same(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}

function checkNumbers(field: string, prose: string, facts: GuardFacts, out: Finding[]): void {
  let rest = normalise(prose);
  const allowedDiscount = facts.step.discountPercent;
  const claim = (pct: number) => {
    if (pct > facts.discountCap) {
      out.push(
        block(
          "discount_above_cap",
          `Offers ${pct}% off; the most this shop allows is ${facts.discountCap}%`,
          field,
        ),
      );
    } else if (allowedDiscount === null || !same(pct, allowedDiscount)) {
      out.push(
        block(
          "discount_not_offered",
          allowedDiscount === null
            ? `Offers ${pct}% off, but this step offers no discount`
            : `Offers ${pct}% off, but this step offers ${allowedDiscount}%`,
          field,
        ),
      );
    }
  };

  for (const m of rest.matchAll(WORD_PERCENT)) claim(NUM_WORDS[m[1].toLowerCase()]);
  if (HALF_OFF.test(rest)) claim(50);

  rest = rest.replace(PERCENT, (match, n: string, offset: number, whole: string) => {
    const after = whole.slice(offset + match.length, offset + match.length + 20);
    const before = whole.slice(Math.max(0, offset - 20), offset);
    const pct = num(n);
    if (DISCOUNT_AFTER.test(after) || DISCOUNT_BEFORE.test(before)) claim(pct);
    else if (!knownNumbers(facts).some((k) => same(k, pct))) {
      out.push(block("unsupported_number", `Mentions ${n}%, which the product data does not state`, field));
    }
    return " ";
  });

  const prices = priceValues(facts);
  rest = rest.replace(CURRENCY, (match, a?: string, b?: string) => {
    const value = num(a ?? b ?? "0");
    if (!prices.some((p) => same(p, value))) {
      out.push(
        block(
          "price_mismatch",
          prices.length
            ? `Mentions the price ${match.trim()}, which is not this product's price`
            : `Mentions the price ${match.trim()}, but this copy has no product price to state`,
          field,
        ),
      );
    }
    return " ";
  });

  const known = knownNumbers(facts);
  for (const n of rest.match(/\d+(?:[.,]\d+)?/g) ?? []) {
    if (!known.some((k) => same(k, num(n)))) {
      out.push(
        block("unsupported_number", `Mentions ${n}, which neither the product nor the step states`, field),
      );
    }
  }
}

/** The per-field checks (everything but lengths); the template drafter uses it to vet product text. */
export function checkField(field: string, value: string, facts: GuardFacts): Finding[] {
  const out: Finding[] = [];
  const allowed = new Set(allowedMergeFields(facts.step));
  if (!value.trim()) out.push(block("empty", "Is empty", field));
  if (hasHiddenCharacters(value))
    out.push(block("hidden_characters", "Contains invisible characters", field));
  const spoofed = mixedScriptWords(value);
  if (spoofed.length) out.push(block("lookalike_characters", `"${spoofed[0]}" mixes alphabets`, field));

  for (const m of value.matchAll(MERGE)) {
    const name = m[1];
    if (!(MERGE_FIELDS as readonly string[]).includes(name)) {
      out.push(block("unknown_merge_field", `{{${name}}} is not a merge field Tend fills`, field));
    } else if (!allowed.has(name)) {
      out.push(block("unavailable_merge_field", `{{${name}}} cannot be filled in this step`, field));
    }
  }
  const prose = withoutMergeFields(value);
  const normal = normalise(prose);
  if (HTML.test(normal)) out.push(block("markup", "Contains HTML or script: copy must be plain text", field));
  if (URL_LIKE.test(normal))
    out.push(block("link", "Contains a link: only Tend's merge-field links are allowed", field));
  if (OTHER_PLACEHOLDER.test(normal))
    out.push(block("placeholder", "Contains an unfilled placeholder", field));
  for (const phrase of TEND_BANNED_PHRASES) {
    if (containsPhrase(prose, phrase)) out.push(block("banned_phrase", `Uses "${phrase}"`, field));
  }
  checkNumbers(field, prose, facts, out);
  return out;
}

export function checkGuardrails(content: CopyContent, facts: GuardFacts): Finding[] {
  const out: Finding[] = [];
  for (const { field, value } of copyFields(content)) out.push(...checkField(field, value, facts));

  const limit = (field: string, value: string, l: { min: number; max: number }) => {
    const len = [...value].length;
    if (len > l.max) out.push(block("too_long", `${len} characters (limit ${l.max})`, field));
    else if (value.trim() && len < l.min)
      out.push(block("too_short", `${len} characters (at least ${l.min})`, field));
  };
  for (const [i, s] of content.subjects.entries()) limit(`subjects[${i}]`, s, LIMITS.subject);
  limit("preheader", content.preheader, LIMITS.preheader);
  limit("headline", content.headline, LIMITS.headline);
  for (const [i, p] of content.paragraphs.entries()) limit(`paragraphs[${i}]`, p, LIMITS.paragraph);
  limit("callout", content.callout, LIMITS.callout);
  limit("cta", content.cta, LIMITS.cta);
  limit("text", content.text, LIMITS.text);
  if (new Set(content.subjects.map((s) => s.trim().toLowerCase())).size < content.subjects.length) {
    out.push(block("duplicate_subjects", "Subject line variants must differ", "subjects"));
  }
  return dedupe(out);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.field}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
