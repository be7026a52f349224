// Link and domain detection that survives obfuscation. Copy may carry only Tend's merge-field links,
// so anything that a reader could type into a browser counts: Unicode dots, "dot" / "(dot)" / "[.]",
// letter-spaced ("e v i l . c o m") and spaced ("evil . com") forms, after NFKC and hidden-character
// removal (normalise), which folds fullwidth letters and drops zero-width characters.
import { normalise } from "./text";

/** TLDs an obfuscated link is recognised by when there is no literal dot to go on. */
const TLDS =
  "com|net|org|io|co|uk|us|de|ru|cn|info|biz|xyz|top|site|online|shop|store|app|dev|ai|me|ly|gl|to|tk|cc|click|link|live|club|page|example|test|invalid|local|onion";

/** Characters that render as, or stand in for, a dot. */
const DOT_LIKE = /[\u3002\uFF0E\uFF61\uFE52\u2024\u2027\u00B7\u2219\u22C5\u0701\u0702\u06D4\u1362]/gu;
const BRACKETED_DOT = /[ \t]*[([{<][ \t]*(?:dot|\.|punto|punkt)[ \t]*[)\]}>][ \t]*/giu;
const WORD_DOT = new RegExp(
  `[ \\t]+dot[ \\t]+(?=(?:${TLDS})\\b)|[ \\t]+dot[ \\t]+(?=[\\p{L}\\p{N}-]+[ \\t]+dot[ \\t])`,
  "giu",
);
// Lower-case only after a spaced dot: "rain. Shop now" is a sentence, "evil. com" is a link.
const SPACED_DOT_TLD = new RegExp(
  `[ \\t]*\\.[ \\t]+(?=(?:${TLDS})\\b)|[ \\t]+\\.[ \\t]*(?=[\\p{L}\\p{N}])`,
  "gu",
);
const SPACED_SCHEME = /\b(h\s*t\s*t\s*p\s*s?|f\s*t\s*p)\s*:\s*\/\s*\//giu;
const HXXP = /\bhxxps?\b|\bh\*\*ps?\b/giu;
/** Three or more single characters separated by spaces: "e v i l" (possibly around a dot). */
const LETTER_SPACED = /(?<![\p{L}\p{N}])[\p{L}\p{N}](?:[ \t]+[.]?[ \t]*[\p{L}\p{N}](?![\p{L}\p{N}])){2,}/gu;

const SCHEME = /\b(?:https?|s?ftp|file|wss?)\s*:\s*\/\/|\b(?:mailto|tel|sms|callto):\S|\bwww\d?\./iu;
const DOMAIN =
  /(?<![\p{L}\p{N}@])[\p{L}\p{N}][\p{L}\p{N}-]{0,62}(?:\.[\p{L}\p{N}-]{1,63})*\.(?:\p{L}{2,24}|xn--[a-z0-9-]+)(?![\p{L}\p{N}])(?:\/\S*)?/iu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+/u;
const IP = /\b\d{1,3}(?:\.\d{1,3}){3}\b/;
const KNOWN_TLD_END = new RegExp(`\\.(?:${TLDS})(?![\\p{L}\\p{N}])`, "iu");

/** Disguises no prose uses: Unicode dots, "(dot)" / "[.]", "hxxp", "h t t p s : / /". */
function strongView(value: string): string {
  return normalise(value)
    .replace(DOT_LIKE, ".")
    .replace(BRACKETED_DOT, ".")
    .replace(SPACED_SCHEME, "$1://")
    .replace(HXXP, "http");
}

/** Disguises that ordinary prose could resemble ("polka dot", "e g"), so only known TLDs count. */
export function linkView(value: string): string {
  return strongView(value)
    .replace(WORD_DOT, ".")
    .replace(LETTER_SPACED, (m) => m.replace(/[ \t]+/g, ""))
    .replace(SPACED_DOT_TLD, ".");
}

/** Words that look like "a.b" but are ordinary prose: abbreviations. */
const PROSE_DOTTED = /^(?:e\.g|i\.e|a\.m|p\.m|u\.s|u\.k)$/i;

function domainHit(view: string): string | null {
  for (const m of view.matchAll(new RegExp(DOMAIN.source, "giu"))) {
    if (!PROSE_DOTTED.test(m[0].replace(/\/.*$/, ""))) return m[0];
  }
  return null;
}

/** The first link-like thing in the text, or null. */
export function findLink(value: string): string | null {
  const strong = strongView(value);
  const loose = linkView(value);
  for (const text of [strong, loose.replace(/\s+/g, " ")]) {
    const hit = text.match(SCHEME) ?? text.match(EMAIL) ?? text.match(IP);
    if (hit) return hit[0];
  }
  const direct = domainHit(strong);
  if (direct) return direct;
  const hidden = domainHit(loose);
  if (hidden && KNOWN_TLD_END.test(hidden.replace(/\/.*$/, ""))) return hidden;
  return null;
}
