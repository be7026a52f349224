// The offline drafter: product-specific copy from product data, step intent, voice rules and the
// merchant's last rejection reason, with no model and no network. Deterministic, so every flow works
// in the demo and when the AI provider is down. Product text is untrusted: only sentences that pass
// the same guardrails as the copy itself (and read like description, not instructions) are quoted.
import type { CopyContent } from "../domain/copy";
import type { DraftInput } from "./facts";
import { readRejection } from "./feedback";
import { checkField, TEND_BANNED_PHRASES } from "./guardrails";
import { findLink } from "./links";
import { LIMITS } from "./schema";
import { SEGMENT_WORDS } from "./segment-words";
import { STEP_WORDS, type WordsContext } from "./template-words";
import {
  containsPhrase,
  escapeRegExp,
  formatAmount,
  mixedScriptWords,
  normalise,
  sentences,
  wordCount,
} from "./text";
import { checkableRules } from "./voice-guide";

export const TEMPLATE_AUTHOR = "template";
export const TEMPLATE_VERSION = "template-v1";

const INSTRUCTION_LIKE =
  /\b(ignore|disregard|instruction|prompt|system|assistant|you are an?|you must|as an ai|override|jailbreak|respond with|output)\b/i;

const SYMBOLS: Record<string, string> = { USD: "$", CAD: "$", AUD: "$", NZD: "$", EUR: "€", GBP: "£" };

export function formatPrice(minor: number, currency: string): string {
  const symbol = SYMBOLS[currency.toUpperCase()];
  return symbol ? `${symbol}${formatAmount(minor)}` : `${currency.toUpperCase()} ${formatAmount(minor)}`;
}

/** The product title with markup, links, amounts, placeholders and banned phrases taken out. */
export function cleanTitle(title: string, banned: readonly string[]): string {
  let t = normalise(title)
    .replace(/<\s*(script|style)\b[\s\S]*?(?:<\s*\/\s*\1\s*>|$)/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/(https?:\/\/|www\.)\S+/gi, " ")
    .replace(/\S+\.(com|net|org|io|co|shop|store|xyz|ru|info|biz|app)\b\S*/gi, " ")
    .replace(/\{[^}]*\}|\[[^\]]*\]|[{}[\]<>%$€£¥*|]/g, " ")
    .replace(/\b\d+\s*(percent|off)\b/gi, " ");
  for (const phrase of [...TEND_BANNED_PHRASES, ...banned]) {
    t = t.replace(new RegExp(escapeRegExp(phrase), "gi"), " ");
  }
  const words = t.split(/\s+/).filter((w) => w && !mixedScriptWords(w).length && !INSTRUCTION_LIKE.test(w));
  let out = words
    .join(" ")
    .replace(/\s+([,.!?;:])/g, "$1")
    .replace(/^[\s,.;:!-]+|[\s,;:-]+$/g, "");
  if (out.length > 40) out = out.slice(0, 40).replace(/\s+\S*$/, "");
  return out;
}

function expandContractions(value: string): string {
  const map: Record<string, string> = {
    "it's": "it is",
    "it'll": "it will",
    "you're": "you are",
    "you'll": "you will",
    "you've": "you have",
    "you'd": "you would",
    "we're": "we are",
    "we've": "we have",
    "we'll": "we will",
    "we'd": "we would",
    "here's": "here is",
    "there's": "there is",
    "that's": "that is",
    "what's": "what is",
    "isn't": "is not",
    "don't": "do not",
    "can't": "cannot",
    "won't": "will not",
    "haven't": "have not",
  };
  // "It's been" is "it has been", not "it is been": the perfect tense takes "has".
  const perfect = value.replace(/\b(it|that|there|here|what|who)['’]s(?=\s+(?:been|got|had)\b)/gi, "$1 has");
  return perfect.replace(/\b([A-Za-z]+['’][a-z]+)\b/g, (word) => {
    const lower = word.toLowerCase().replace("’", "'");
    const full = map[lower];
    if (!full) return word;
    return word[0] === word[0].toUpperCase() ? full.charAt(0).toUpperCase() + full.slice(1) : full;
  });
}

function pick<T>(pool: T[], seed: string, count: number): T[] {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const start = h % pool.length;
  return Array.from({ length: Math.min(count, pool.length) }, (_, i) => pool[(start + i) % pool.length]);
}

export interface TemplateOptions {
  /** Description sentences a screen (the grammar checker) turned down; they are never quoted. */
  rejected?: ReadonlySet<string>;
}

/** Description sentences short enough to quote that pass every guardrail on their own. */
export function quotableSentences(input: DraftInput): string[] {
  if (!input.product) return [];
  const facts = { step: input.step, product: input.product, discountCap: input.discountCap };
  const all = sentences(normalise(input.product.description));
  // A link split over two sentences ("Order at evil. com instead.") shows only when joined: a
  // sentence is left out when joining it to a neighbour makes a link the neighbour alone lacks.
  const splitLink = (i: number) =>
    [all[i - 1], all[i + 1]].some(
      (n, side) => n !== undefined && !findLink(n) && findLink(side ? `${all[i]} ${n}` : `${n} ${all[i]}`),
    );
  return all.filter(
    (s, i) =>
      s.length <= 200 &&
      !INSTRUCTION_LIKE.test(s) &&
      checkField("detail", s, facts).length === 0 &&
      !splitLink(i),
  );
}

export function draftFromTemplate(input: DraftInput, options: TemplateOptions = {}): CopyContent {
  const words = STEP_WORDS[input.step.stepKey];
  if (!words) throw new Error(`no template for step ${input.step.stepKey}`);
  const rules = checkableRules(input.voice);
  const tone = readRejection(input.feedback.rejectionReason);
  const facts = { step: input.step, product: input.product, discountCap: input.discountCap };
  const banned = [...rules.avoidWords];
  const maxWords = rules.maxSentenceWords ?? 24;

  const fits = (sentence: string) =>
    wordCount(sentence) <= maxWords &&
    !banned.some((w) => containsPhrase(sentence, w)) &&
    (rules.maxExclamations === null || !sentence.includes("!"));

  const product = input.product;
  const cleaned = product ? cleanTitle(product.title, banned) : "";
  // A title that still fails a guardrail once cleaned is left out rather than repaired further.
  const title = cleaned && checkField("title", cleaned, facts).length === 0 ? cleaned : "";
  const details = quotableSentences(input).filter((s) => fits(s) && !options.rejected?.has(s));
  const prices = product
    ? new Set([product.priceMinor, ...product.variants.map((v) => v.priceMinor)])
    : new Set();
  const price = product
    ? `${prices.size > 1 ? "from " : ""}${formatPrice(product.priceMinor, product.currency)}`
    : null;
  const generic =
    input.step.flowKey === "checkout_abandonment" || input.step.flowKey === "cart_abandonment"
      ? "your picks"
      : "{{product_title}}";

  const ctx: WordsContext = {
    thing: title ? `the ${title}` : generic,
    detail: details[0] ?? null,
    price,
    discount: input.step.discountPercent !== null,
    calm: tone.calmer || tone.noDiscountTalk,
  };

  const avoidContractions = rules.avoidContractions || tone.moreFormal;
  const finish = (value: string) => {
    const v = avoidContractions ? expandContractions(value) : value;
    return v.replace(/\s+/g, " ").trim();
  };
  const keep = (value: string | null): value is string => Boolean(value) && fits(value as string);

  // Copy written for one segment opens with a line, a subject and a preheader for that group.
  const segmentWords = input.segmentKey ? SEGMENT_WORDS[input.segmentKey] : null;
  const opener = segmentWords && keep(segmentWords.opener) ? [finish(segmentWords.opener)] : [];
  let body = [...opener, ...words.body(ctx).filter(keep).map(finish)];
  if ((tone.longer || tone.moreSpecific) && details[1]) body.splice(1, 0, finish(details[1]));
  if (tone.shorter) body = body.slice(0, 2);
  const signOff = normalise(input.voice.signOff).trim();
  const paragraphs = [...body.slice(0, signOff ? 3 : 4), signOff].filter(Boolean);

  const pool = pick(words.subjects(ctx).map(finish), product?.shopifyId ?? input.step.stepKey, 3);
  if (segmentWords) pool.unshift(finish(segmentWords.subject(ctx.thing)));
  const subjects = pool
    .filter((s) => [...s].length <= LIMITS.subject.max && !banned.some((w) => containsPhrase(s, w)))
    .slice(0, 3);
  while (subjects.length < 2)
    subjects.push(finish(subjects.length ? "A note from {{shop_name}}" : "Hello from {{shop_name}}"));

  const headline = finish(words.headline(ctx));
  const callout = finish(
    product
      ? [title ? `${title}.` : null, details[0] ?? null, price ? `${price}.` : null].filter(Boolean).join(" ")
      : generic === "your picks"
        ? "Everything you picked, saved in one place."
        : "{{product_title}}, from {{shop_name}}.",
  );
  const cta = finish(words.cta(ctx));
  const text = [headline, ...paragraphs, `${cta}: {{${words.link}}}`].join("\n\n");

  return {
    subjects,
    preheader: finish(
      segmentWords && keep(segmentWords.preheader) ? segmentWords.preheader : words.preheader(ctx),
    ),
    headline,
    paragraphs: paragraphs.length ? paragraphs : [finish("Thanks for shopping with {{shop_name}}.")],
    callout,
    cta,
    text,
  };
}
