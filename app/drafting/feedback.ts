// Reads a merchant's rejection reason ("too pushy", "too long", "sounds generic") into adjustments
// both drafters honour: the template drafter changes its wording, the AI prompt spells them out.
export interface ToneAdjustments {
  calmer: boolean;
  shorter: boolean;
  longer: boolean;
  moreSpecific: boolean;
  moreFormal: boolean;
  moreCasual: boolean;
  noDiscountTalk: boolean;
}

const PATTERNS: Array<[keyof ToneAdjustments, RegExp]> = [
  [
    "calmer",
    /pushy|aggressive|salesy|sales-y|desperate|urgent|pressure|hard sell|spammy|too much|intense|nagging|loud/i,
  ],
  ["shorter", /too long|wordy|verbose|rambl|shorter|too much text|long-winded/i],
  ["longer", /too short|more detail|longer|thin|bare/i],
  ["moreSpecific", /generic|vague|bland|specific|boring|could be any/i],
  ["moreFormal", /too casual|informal|slang|more formal|too chatty/i],
  ["moreCasual", /too formal|stiff|corporate|robotic|cold|stuffy/i],
  ["noDiscountTalk", /discount|cheap|coupon|bargain/i],
];

export function readRejection(reason: string | null | undefined): ToneAdjustments {
  const out: ToneAdjustments = {
    calmer: false,
    shorter: false,
    longer: false,
    moreSpecific: false,
    moreFormal: false,
    moreCasual: false,
    noDiscountTalk: false,
  };
  if (!reason) return out;
  for (const [key, re] of PATTERNS) if (re.test(reason)) out[key] = true;
  if (out.shorter && out.longer) out.longer = false;
  return out;
}

/** The adjustments in words, for the AI prompt. */
export function describeAdjustments(a: ToneAdjustments): string[] {
  const lines: string[] = [];
  if (a.calmer) lines.push("Calmer: no urgency, no pressure, no countdowns; invite rather than push.");
  if (a.shorter) lines.push("Shorter: at most two short paragraphs.");
  if (a.longer) lines.push("A little longer: add one more concrete detail from the product data.");
  if (a.moreSpecific) lines.push("More specific: name concrete product details from the data.");
  if (a.moreFormal) lines.push("More formal: no slang, no contractions.");
  if (a.moreCasual) lines.push("More relaxed and conversational.");
  if (a.noDiscountTalk) lines.push("Do not lead with the discount; mention it once at most.");
  return lines;
}
