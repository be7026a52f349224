// Guardrails every draft passes before a merchant sees it, and again when it is approved: the AI is
// an untrusted author, so nothing it writes may carry markup, foreign links, unfillable
// placeholders, discounts above the cap, prices the catalog does not have, or banned phrases.
// Facts are checked against the catalog and the shop's settings only (numbers.ts, claims.ts), never
// against product text, which an attacker may have written.
import type { CopyContent } from "../domain/copy";
import { MERGE_FIELDS } from "../domain/copy";
import type { DraftInput } from "./facts";
import { allowedMergeFields } from "./facts";
import type { Finding } from "./findings";
import { checkClaims } from "./claims";
import { findLink } from "./links";
import { checkNumbers } from "./numbers";
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
  /<\s*\/?\s*[a-z!?][^>]*>|&lt;\s*\/?\s*[a-z]|&#x?[0-9a-f]+;|%3c\s*\/?\s*[a-z]|\\u003c|j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:|vbscript\s*:|\bon[a-z]+\s*=\s*["'`]|data\s*:\s*[a-z]+\/[a-z0-9.+-]+[;,]/i;
const OTHER_PLACEHOLDER = /\{[^{}]*\}|\{\{|\}\}|\[[^\]]{1,40}\]|%[A-Z_]{2,}%|\*\|[^|]*\|\*|\{%|<%|\$\{/;

/** Removes valid merge fields so later checks see only the prose. */
function withoutMergeFields(value: string): string {
  return value.replace(MERGE, " ");
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
  // A merge field reads as a word here, so "{{product_title}}. Store it dry" is no "x.Store" link.
  const link = findLink(value.replace(MERGE, "x"));
  if (link)
    out.push(
      block(
        "link",
        `Contains a link ("${link.slice(0, 40)}"): only Tend's merge-field links are allowed`,
        field,
      ),
    );
  if (OTHER_PLACEHOLDER.test(normal))
    out.push(block("placeholder", "Contains an unfilled placeholder", field));
  for (const phrase of TEND_BANNED_PHRASES) {
    if (containsPhrase(prose, phrase)) out.push(block("banned_phrase", `Uses "${phrase}"`, field));
  }
  checkNumbers(field, prose, facts, out);
  out.push(...checkClaims(field, prose, facts));
  return out;
}

/**
 * Copy shouting in capitals (what a model told to "write in all caps" does): most of a field's
 * letters upper case, leaving out merge fields and the product's own title, which may be in caps.
 */
function shouting(value: string, facts: GuardFacts): boolean {
  let prose = withoutMergeFields(value);
  if (facts.product?.title) prose = prose.split(facts.product.title).join(" ");
  const letters = prose.match(/\p{L}/gu) ?? [];
  const upper = letters.filter((ch) => ch !== ch.toLowerCase()).length;
  return letters.length >= 12 && upper / letters.length > 0.6;
}

export function checkGuardrails(content: CopyContent, facts: GuardFacts): Finding[] {
  const out: Finding[] = [];
  for (const { field, value } of copyFields(content)) {
    out.push(...checkField(field, value, facts));
    if (shouting(value, facts))
      out.push(block("all_caps", "Written in capitals: copy must not shout", field));
  }

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
