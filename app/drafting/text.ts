// Text helpers shared by guardrails and the voice check: normalisation that defeats look-alike
// characters, and detection of characters a reader cannot see.

/** Zero-width, bidi-control and other invisible format characters used to hide text. */
const HIDDEN =
  /\u00AD|\u034F|\u061C|\u115F|\u1160|\u17B4|\u17B5|\u180E|[\u200B-\u200F]|[\u202A-\u202E]|[\u2060-\u206F]|\u3164|[\uFE00-\uFE0F]|\uFEFF|\uFFA0|[\u{E0000}-\u{E007F}]/u;
const HIDDEN_GLOBAL = new RegExp(HIDDEN.source, "gu");

export function hasHiddenCharacters(value: string): boolean {
  return HIDDEN.test(value);
}

/** NFKC folds full-width digits, ligatures and compatibility forms; hidden characters are dropped. */
export function normalise(value: string): string {
  return value.normalize("NFKC").replace(HIDDEN_GLOBAL, "");
}

/** A word that mixes Latin letters with Cyrillic or Greek ones is a spoof ("dеlighted" with a Cyrillic е). */
export function mixedScriptWords(value: string): string[] {
  const words = normalise(value).match(/[\p{L}\p{M}]+/gu) ?? [];
  return words.filter((w) => /\p{Script=Latin}/u.test(w) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(w));
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Case-insensitive whole-phrase match on normalised text. */
export function containsPhrase(haystack: string, phrase: string): boolean {
  const p = normalise(phrase).trim();
  if (!p) return false;
  const re = new RegExp(
    `(^|[^\\p{L}\\p{N}])${escapeRegExp(p).replace(/\s+/g, "\\s+")}($|[^\\p{L}\\p{N}])`,
    "iu",
  );
  return re.test(normalise(haystack));
}

export function sentences(value: string): string[] {
  return value
    .replace(/\{\{[^}]*\}\}/g, "x")
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
}

export function wordCount(sentence: string): number {
  return (sentence.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}

/** Formats integer minor units as a plain amount ("49", "49.50"): prompt and template both use it. */
export function formatAmount(minor: number): string {
  const whole = minor % 100 === 0;
  return whole ? String(minor / 100) : (minor / 100).toFixed(2);
}
