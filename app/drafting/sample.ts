// The voice editor's live "generic vs our voice" preview: the same product written the way any
// shop would, and the way this guide makes the template drafter write it. Pure and instant.
import { buildDraftInput, type ProductFacts } from "./facts";
import { draftFromTemplate } from "./template-drafter";
import { voiceCheck } from "./voice-check";
import type { VoiceGuideData } from "./voice-guide";

export interface VoiceSample {
  generic: { headline: string; body: string; score: number };
  ours: { headline: string; body: string; score: number };
}

export function sampleInVoice(guide: VoiceGuideData, product: ProductFacts | null): VoiceSample {
  const input = buildDraftInput({
    shopName: "",
    stepKey: "cart_abandonment.reminder",
    product,
    voice: guide,
    shopMaxDiscountPercent: 0,
  });
  const ours = draftFromTemplate(input);
  const name = product?.title ?? "your item";
  const genericBody =
    guide.genericSample.trim() ||
    `In today's fast-paced world, we are delighted to remind you that the ${name} is still in your cart. Complete your purchase now before it is too late!`;
  const generic = {
    subjects: ["Complete your purchase", "Your cart is waiting"],
    preheader: "Items in your cart are waiting for you.",
    headline: "You forgot something!",
    paragraphs: [genericBody],
    callout: name,
    cta: "Buy now",
    text: genericBody,
  };
  return {
    generic: { headline: generic.headline, body: genericBody, score: voiceCheck(generic, guide).score },
    ours: {
      headline: ours.headline,
      body: ours.paragraphs.join("\n\n"),
      score: voiceCheck(ours, guide).score,
    },
  };
}
