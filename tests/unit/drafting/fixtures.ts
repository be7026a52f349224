// Shared inputs for the drafting unit tests: a realistic product and voice guide.
import { buildDraftInput, type DraftInput, type ProductFacts } from "../../../app/drafting/facts";
import { DEFAULT_VOICE_GUIDE, type VoiceGuideData } from "../../../app/drafting/voice-guide";

export const TENT: ProductFacts = {
  shopifyId: "8001",
  title: "Alpine 2 Tent",
  description:
    "A two-person tent that pitches in under five minutes. The 2 kg frame packs down small. Seams are taped against rain.",
  productType: "Tents",
  vendor: "Ridge Supply",
  imageAlt: "Green Alpine 2 Tent pitched by a lake",
  variants: [
    { title: "Green", priceMinor: 24900 },
    { title: "Sand", priceMinor: 24900 },
  ],
  priceMinor: 24900,
  currency: "USD",
};

export const VOICE: VoiceGuideData = {
  ...DEFAULT_VOICE_GUIDE,
  version: 3,
  rules: [
    "Use contractions.",
    "Keep sentences under 20 words.",
    'Never open with "In today\'s fast-paced world".',
    'Avoid "delighted".',
    "No exclamation marks.",
    "No emoji.",
  ],
  bannedWords: ["cheap", "hurry"],
  maxDiscountPercent: 15,
  signOff: "Sam at Ridge Supply",
};

export function input(
  stepKey: string,
  overrides: Partial<Parameters<typeof buildDraftInput>[0]> = {},
): DraftInput {
  return buildDraftInput({
    shopName: "Ridge Supply",
    stepKey,
    product: TENT,
    voice: VOICE,
    shopMaxDiscountPercent: 15,
    ...overrides,
  });
}
