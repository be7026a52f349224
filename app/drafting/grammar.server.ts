// Grammar check for copy, offline: Harper (harper.js, WebAssembly shipped in the package) plus one
// agreement rule Harper lacks ("your picks is waiting"). The linter is compiled once, on first use,
// so requests that never check grammar never pay for it. AI drafts get its findings as advice the
// merchant sees before approving; the offline drafter is held to zero findings by a test.
import type { LocalLinter } from "harper.js";
import type { CopyContent } from "../domain/copy";
import type { ProductFacts } from "./facts";
import type { Finding } from "./findings";
import { logger } from "../logger.server";
import { copyFields } from "./schema";
import { normalise } from "./text";

export interface GrammarIssue {
  field: string;
  rule: string;
  kind: string;
  problem: string;
  message: string;
}

/** Stand-ins for merge fields, so the checker reads the sentence a customer would. */
const MERGE_SAMPLES: Record<string, string> = {
  first_name: "Alex",
  shop_name: "Ridge Supply",
  shop_url: "https://example.com",
  product_title: "Alpine Tent",
  product_price: "$49",
  product_url: "https://example.com/tent",
  items: "your items",
  recovery_url: "https://example.com/checkout",
  order_name: "#1001",
  first_product_title: "Alpine Tent",
  discount_code: "WELCOME",
  discount_percent: "10",
};

let linter: Promise<LocalLinter> | null = null;

function loadLinter(): Promise<LocalLinter> {
  linter ??= (async () => {
    const [{ LocalLinter, Dialect }, { binary }] = await Promise.all([
      import("harper.js"),
      import("harper.js/binary"),
    ]);
    // British: the offline drafter and most demo copy spell "favourite", "colour", "metre".
    const l = new LocalLinter({ binary, dialect: Dialect.British });
    await l.setup();
    return l;
  })();
  linter.catch(() => {
    linter = null; // a failed load is retried on the next check instead of failing forever
  });
  return linter;
}

export function fillSamples(value: string): string {
  return value.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (m, name: string) => MERGE_SAMPLES[name] ?? m);
}

/** Plural noun phrase + singular verb: "your picks is", "the socks has". Harper does not check this. */
const PLURAL_SINGULAR_VERB =
  /\b(?:your|the|these|those|our|my|all)\s+(?:[\p{L}'-]+\s+){0,3}?([\p{L}]+(?<!ss|us|is|ics|news|series|species|ss')s)\s+(is|was|has|isn't|wasn't|hasn't|does|doesn't)\b/giu;

function agreementIssues(field: string, text: string): GrammarIssue[] {
  return [...text.matchAll(PLURAL_SINGULAR_VERB)].map((m) => ({
    field,
    rule: "PluralNounSingularVerb",
    kind: "Agreement",
    problem: m[0],
    message: `"${m[1]}" is plural, so the verb should be plural too (not "${m[2]}")`,
  }));
}

/**
 * The product's and shop's own text, lower-cased: brand names, model numbers and units from the
 * catalog ("Fastboil", "3x3", "1L", "-7°C") are flagged by Harper's spell check but are the
 * merchant's names, not misspellings, so spelling findings inside them are dropped.
 */
function ownText(c: GrammarContext): string {
  const p = c.product;
  return normalise(
    [c.shopName, c.signOff, p?.title, p?.vendor, p?.productType, p?.description].join(" "),
  ).toLowerCase();
}

/** Spelling and casing rules ("Sam" read as the acronym "SAM") do not apply to the merchant's names. */
const NAME_SENSITIVE = new Set(["Spelling"]);
const NAME_SENSITIVE_RULES = new Set(["OrthographicConsistency", "SpellCheck"]);

function isOwnWord(problem: string, own: string): boolean {
  const word = problem.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").toLowerCase();
  return word.length > 0 && own.includes(word);
}

export interface GrammarContext {
  product: ProductFacts | null;
  shopName: string;
  signOff?: string; // the merchant's own name for themselves ("Sam at Ridge Supply")
}

/** Issues in one piece of copy (merge fields filled with samples first). */
export async function textIssues(
  field: string,
  value: string,
  context: GrammarContext,
): Promise<GrammarIssue[]> {
  const l = await loadLinter();
  const own = ownText(context);
  const text = fillSamples(normalise(value));
  const issues: GrammarIssue[] = [];
  for (const [rule, lints] of Object.entries(await l.organizedLints(text, { language: "plaintext" }))) {
    for (const lint of lints) {
      const problem = lint.get_problem_text();
      const kind = lint.lint_kind();
      if ((NAME_SENSITIVE.has(kind) || NAME_SENSITIVE_RULES.has(rule)) && isOwnWord(problem, own)) continue;
      issues.push({ field, rule, kind, problem, message: lint.message() });
    }
  }
  return [...issues, ...agreementIssues(field, text)];
}

/** Lints every field but the plain-text version (it repeats the others). */
export async function grammarIssues(content: CopyContent, context: GrammarContext): Promise<GrammarIssue[]> {
  const issues: GrammarIssue[] = [];
  for (const { field, value } of copyFields(content)) {
    if (field !== "text" && value.trim()) issues.push(...(await textIssues(field, value, context)));
  }
  return issues;
}

export async function grammarFindings(content: CopyContent, context: GrammarContext): Promise<Finding[]> {
  const issues = await grammarIssues(content, context);
  return issues.map((i) => ({
    source: "grammar",
    rule: `grammar_${i.rule}`,
    severity: "warn",
    message: `${i.message} ("${i.problem}")`,
    field: i.field,
  }));
}

/** The production screen for the offline drafter: description sentences with any grammar issue. */
export async function ungrammaticalSentences(
  sentences: string[],
  context: GrammarContext,
): Promise<Set<string>> {
  const rejected = new Set<string>();
  for (const s of sentences) if ((await textIssues("detail", s, context)).length) rejected.add(s);
  return rejected;
}

/** Grammar findings are advice (warn): a checker that fails to load must not stop drafting. */
export async function grammarAdvice(content: CopyContent, context: GrammarContext): Promise<Finding[]> {
  try {
    return await grammarFindings(content, context);
  } catch (error) {
    logger.warn({ err: error }, "grammar check unavailable");
    return [];
  }
}
