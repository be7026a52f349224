// The merchant's brand voice: what the editor saves (validated here) and what drafting reads.
// Pure: voice.server.ts stores it; prompt, template drafter and voice check read this shape.
import { z } from "zod";

const noMarkup = (label: string) => (v: string) =>
  !/<\/?[a-z!][^>]*>/i.test(v) || `${label} cannot contain HTML`;
const noLink = (label: string) => (v: string) =>
  !/(https?:\/\/|www\.|mailto:|javascript:)/i.test(v) || `${label} cannot contain links`;

function plain(label: string, min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min, `${label} needs at least ${min} characters`)
    .max(max, `${label} can have at most ${max} characters`)
    .refine((v) => noMarkup(label)(v) === true, { message: `${label} cannot contain HTML` });
}

export const voiceGuideInputSchema = z.object({
  examples: z
    .array(plain("An example email", 20, 3000))
    .min(3, "Paste at least 3 of your best past emails")
    .max(5, "At most 5 example emails"),
  rules: z
    .array(plain("A rule", 3, 200))
    .min(5, "Write at least 5 rules")
    .max(10, "At most 10 rules"),
  genericSample: plain("The generic sample", 0, 600),
  voiceSample: plain("Your voice sample", 0, 600),
  bannedWords: z.array(plain("A banned word", 1, 60)).max(50, "At most 50 banned words"),
  maxDiscountPercent: z.coerce.number().int().min(0).max(90),
  signOff: plain("The sign-off", 1, 120).refine((v) => noLink("The sign-off")(v) === true, {
    message: "The sign-off cannot contain links",
  }),
});

export type VoiceGuideInput = z.infer<typeof voiceGuideInputSchema>;

export interface VoiceGuideData extends VoiceGuideInput {
  version: number; // 0 = Tend's default, before the merchant saves one
}

/** Used until the merchant writes their own guide: plain, warm, calm. */
export const DEFAULT_VOICE_GUIDE: VoiceGuideData = {
  version: 0,
  examples: [
    "Hi there, your order's on its way. We packed it by hand this morning, and it'll be with you in a few days. Any questions, just reply.",
    "You left something in your cart. No rush: it'll be there when you're ready, and we're happy to help if you've got questions.",
    "It's been a while. We've added a few things we think you'll like, and we'd love to see you back.",
  ],
  rules: [
    "Use contractions.",
    "Keep sentences under 20 words.",
    'Never open with "In today\'s fast-paced world".',
    'Avoid "delighted".',
    "No more than one exclamation mark per email.",
  ],
  genericSample:
    "We are delighted to inform you that your items are waiting. Act now to complete your purchase!",
  voiceSample: "Your basket's still here. Take your time, and reply if you've got a question.",
  bannedWords: ["delighted", "act now"],
  maxDiscountPercent: 15,
  signOff: "The team",
};

/** Rules a machine can check, read out of the merchant's plain-language rules and banned words. */
export interface CheckableRules {
  requireContractions: boolean;
  avoidContractions: boolean;
  maxSentenceWords: number | null;
  maxExclamations: number | null; // per email
  forbiddenOpeners: string[];
  avoidWords: string[]; // from rules ("avoid X", "never say X") and the banned list
  noEmoji: boolean;
  noAllCaps: boolean;
}

// A quote opens after a space or punctuation, so the apostrophe in "don't" never opens one; double
// quotes may hold apostrophes ("In today's fast-paced world").
const QUOTED =
  /(?:^|[\s(:,;])(?:"([^"]{2,80})"|“([^”]{2,80})”|'([^']{2,80})'(?=$|[\s).,;:!?])|‘([^’]{2,80})’)/g;

function quotedIn(rule: string): string[] {
  return [...rule.matchAll(QUOTED)].map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4] ?? "").trim()).filter(Boolean);
}

export function checkableRules(guide: Pick<VoiceGuideData, "rules" | "bannedWords">): CheckableRules {
  const out: CheckableRules = {
    requireContractions: false,
    avoidContractions: false,
    maxSentenceWords: null,
    maxExclamations: null,
    forbiddenOpeners: [],
    avoidWords: [...guide.bannedWords.map((w) => w.trim()).filter(Boolean)],
    noEmoji: false,
    noAllCaps: false,
  };
  for (const raw of guide.rules) {
    const rule = raw.toLowerCase();
    if (/contraction/.test(rule)) {
      if (/\b(no|never|avoid|don't|do not)\b/.test(rule)) out.avoidContractions = true;
      else out.requireContractions = true;
    }
    const words = rule.match(
      /(?:under|fewer than|less than|at most|max(?:imum)?|no more than)\s+(\d{1,3})\s+words/,
    );
    if (words) {
      const n = Number(words[1]);
      out.maxSentenceWords = /under|fewer|less/.test(words[0]) ? n - 1 : n;
    }
    if (/exclamation/.test(rule)) {
      const m = rule.match(/(?:no more than|at most|max(?:imum)?(?: of)?|only)\s+(one|two|three|\d)/);
      const n = m ? ({ one: 1, two: 2, three: 3 }[m[1]] ?? Number(m[1])) : 0;
      out.maxExclamations = /\b(no|never|avoid)\b/.test(rule) && !m ? 0 : n;
    }
    if (
      /\b(open|start|begin)\w*\s+(with|by)\b/.test(rule) &&
      /\b(never|don't|do not|no|avoid)\b/.test(rule)
    ) {
      out.forbiddenOpeners.push(...quotedIn(raw));
    } else if (/\b(avoid|never (?:say|use|write)|don't (?:say|use)|do not (?:say|use)|ban)\b/.test(rule)) {
      out.avoidWords.push(...quotedIn(raw));
      const bare = rule.match(
        /\b(?:avoid|never say|never use|don't say|don't use)\s+([a-z][a-z'-]{2,30})\.?$/,
      );
      if (bare && !quotedIn(raw).length && !/contraction|exclamation|emoji|caps/.test(rule))
        out.avoidWords.push(bare[1]);
    }
    if (/emoji/.test(rule) && /\b(no|never|avoid|don't)\b/.test(rule)) out.noEmoji = true;
    if (/(all caps|capitals|shout)/.test(rule) && /\b(no|never|avoid|don't)\b/.test(rule))
      out.noAllCaps = true;
  }
  out.avoidWords = [...new Set(out.avoidWords.map((w) => w.toLowerCase()))];
  return out;
}
