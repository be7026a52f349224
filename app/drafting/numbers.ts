// Numeric facts in copy. Product text is data an attacker may write, so no percentage or money
// amount is ever "supported" by the description: a percentage must be the step's approved discount
// (capped by the shop), a money amount one of the catalog's variant prices (or that price less the
// approved discount). Bare numbers (weights, sizes, counts) may repeat the product's own text.
import type { Finding } from "./findings";
import type { GuardFacts } from "./guardrails";
import { normalise } from "./text";

function block(rule: string, message: string, field: string): Finding {
  return { source: "guardrail", rule, severity: "block", message, field };
}

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const NUM_WORD = `(?:(?:${Object.keys(TENS).join("|")})(?:[\\s-]+(?:${Object.keys(UNITS).join("|")}))?|${Object.keys(UNITS).join("|")}|(?:one\\s+|a\\s+)?hundred)`;
const PERCENT_SIGN = `(?:%|٪|﹪|\\s?per[\\s-]?cent\\b|\\s?pct\\b|\\s?percent(?:age)?\\b)`;
const DIGIT_PERCENT = new RegExp(`(\\d+(?:[.,]\\d+)?)\\s?-?${PERCENT_SIGN}`, "gi");
const WORD_PERCENT = new RegExp(`\\b(${NUM_WORD})[\\s-]?${PERCENT_SIGN}`, "gi");
const HALF_OFF = /\bhalf[\s-]?(?:off|price|priced)\b|\b1\s?\/\s?2\s?(?:off|price)\b|\bhalve[ds]?\b/i;
const MULTI_BUY =
  /\bbogo\b|\bbuy\s+(?:one|1|two|2),?\s+get\s+(?:one|1|two|2)\b|\b(?:two|2|three|3)\s+for\s+(?:one|1|two|2)\b/i;
const CURRENCY_CODES = "usd|eur|gbp|cad|aud|nzd|chf|jpy|inr|sek|nok|dkk";
const MONEY = new RegExp(
  `(?:(?:us|c|a|nz|au|ca)?[$€£¥₹₩₽¢]|\\b(?:${CURRENCY_CODES})\\b)\\s?(\\d+(?:[.,]\\d{1,2})?)|(\\d+(?:[.,]\\d{1,2})?)\\s?(?:[€£$¢]|\\b(?:${CURRENCY_CODES}|dollars?|euros?|pounds?|bucks|quid|cents?)\\b)`,
  "gi",
);
/** A number in a pricing context ("now only 9", "for 19.99"): money, even without a symbol. */
const PRICE_CONTEXT =
  /\b(?:only|just|now|costs?|priced?(?:\s+at)?|was|pay|for)\s+(\d+(?:[.,]\d+)?)(?!\s*(?:[a-z°²³/]|-[a-z]))/gi;
const CENTS = /\b\d+[.,]\d{2}\b(?!\s*(?:[a-z°²³/]|-[a-z]))/gi;
const DISCOUNT_AFTER = /^\s*(?:-\s*)?(?:off|discount|saving|savings|reduction|less|cheaper)\b/i;
const DISCOUNT_BEFORE =
  /(?:save|saving|take|get|enjoy|extra|discount of|up to|knock|slash|slashed|cut|cut by|reduced by|drop(?:ped)? by|lowered by|an additional|minus)\s*$/i;
/** Before a bare number only verbs that make it a discount count ("up to 15 kg" is a spec). */
const BARE_DISCOUNT_BEFORE = /(?:save|slash(?:ed)?|knock|cut by|reduced by|dropped by|lowered by|minus)\s*$/i;
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/u;

function num(value: string): number {
  return Number(value.replace(",", "."));
}

function same(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}

export function wordNumber(words: string): number {
  const parts = words.toLowerCase().split(/[\s-]+/);
  if (parts.includes("hundred")) return 100;
  return parts.reduce((n, w) => n + (TENS[w] ?? UNITS[w] ?? 0), 0);
}

/** Prices the copy may state: every variant's, and each less the step's approved discount. */
export function priceValues(facts: GuardFacts): number[] {
  const p = facts.product;
  if (!p) return [];
  const base = [p.priceMinor, ...p.variants.map((v) => v.priceMinor)];
  const d = facts.step.discountPercent;
  const discounted = d ? base.map((m) => Math.round(m * (1 - d / 100))) : [];
  return [...base, ...discounted].map((m) => m / 100);
}

/** Numbers of the product's own text and the step, for bare (non-money, non-percent) numbers only. */
function bareNumbers(facts: GuardFacts): number[] {
  const p = facts.product;
  const text = p
    ? [
        p.title,
        p.description,
        p.imageAlt ?? "",
        p.productType ?? "",
        p.vendor ?? "",
        ...p.variants.map((v) => v.title),
      ]
    : [];
  const found = text.flatMap((t) => (normalise(t).match(/\d+(?:[.,]\d+)?/g) ?? []).map(num));
  const step = facts.step.discountPercent !== null ? [facts.step.discountPercent] : [];
  return [...found, ...step, ...priceValues(facts)];
}

export function checkNumbers(field: string, prose: string, facts: GuardFacts, out: Finding[]): void {
  let rest = normalise(prose);
  const approved = facts.step.discountPercent;
  const offer = (what: string) =>
    approved === null
      ? `Offers ${what}, but this step offers no discount`
      : `Offers ${what}, but this step offers ${approved}%`;
  const claim = (pct: number) => {
    if (pct > facts.discountCap)
      out.push(
        block(
          "discount_above_cap",
          `Offers ${pct}% off; the most this shop allows is ${facts.discountCap}%`,
          field,
        ),
      );
    else if (approved === null || !same(pct, approved))
      out.push(block("discount_not_offered", offer(`${pct}%`), field));
  };

  if (NON_ASCII_DIGIT.test(rest))
    out.push(block("unsupported_number", "Uses digits from another script: write numbers as 0-9", field));
  if (HALF_OFF.test(rest)) claim(50);
  if (MULTI_BUY.test(rest)) out.push(block("discount_not_offered", offer("a multi-buy deal"), field));
  // Every percentage is a discount claim: "90% cheaper" and "cut by 90%" mean the same as "90% off".
  rest = rest.replace(WORD_PERCENT, (_m, words: string) => {
    claim(wordNumber(words));
    return " ";
  });
  rest = rest.replace(DIGIT_PERCENT, (_m, n: string) => {
    claim(num(n));
    return " ";
  });

  const prices = priceValues(facts);
  const money = (match: string, value: number, after: string, before: string) => {
    if (DISCOUNT_AFTER.test(after) || DISCOUNT_BEFORE.test(before)) {
      out.push(block("discount_not_offered", offer(`${match.trim()} off`), field));
    } else if (!prices.some((p) => same(p, value))) {
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
  };
  for (const re of [MONEY, PRICE_CONTEXT, CENTS]) {
    rest = replaceEach(rest, re, (m, before, after) => {
      const digits = m[1] ?? m[2] ?? m[0];
      const prefix = re === PRICE_CONTEXT ? m[0].slice(0, m[0].length - digits.length) : "";
      return prefix + money(m[0], num(digits), after, before);
    });
  }

  const known = bareNumbers(facts);
  replaceEach(rest, /\d+(?:[.,]\d+)?/g, (m, before, after) => {
    if (DISCOUNT_AFTER.test(after) || BARE_DISCOUNT_BEFORE.test(before))
      out.push(block("discount_not_offered", offer(`${m[0]} off`), field));
    else if (!known.some((k) => same(k, num(m[0]))))
      out.push(
        block("unsupported_number", `Mentions ${m[0]}, which neither the product nor the step states`, field),
      );
    return " ";
  });
}

/** Replaces each match, giving the callback 20 characters either side for context. */
function replaceEach(
  text: string,
  re: RegExp,
  fn: (m: RegExpMatchArray, before: string, after: string) => string,
): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(re)) {
    const i = m.index ?? 0;
    const end = i + m[0].length;
    out += text.slice(last, i) + fn(m, text.slice(Math.max(0, i - 20), i), text.slice(end, end + 20));
    last = end;
  }
  return out + text.slice(last);
}
