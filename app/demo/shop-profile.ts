// Who the demo store is: name, sender, address, time zone and the merchant's voice guide.
import type { VoiceGuideInput } from "../drafting/voice-guide";

export const DEMO_PROFILE = {
  name: "Cedar & Ember Outfitters",
  email: "hello@cedar-ember.example",
  timeZone: "America/Vancouver",
  currency: "USD",
  senderName: "Cedar & Ember",
  replyTo: "hello@cedar-ember.example",
  postalAddress: "Cedar & Ember Outfitters, 1480 Trailhead Road, Squamish, BC V8B 0A1, Canada",
} as const;

export const DEMO_VOICE_GUIDE: VoiceGuideInput = {
  examples: [
    "Hi Maya, your tent shipped this morning. We pitched one in the shop last week to check the new fly, and it's a good one. If the poles give you any trouble, reply and a real person will help.",
    "Rain's on the way this weekend. If you're heading out anyway, seam-seal your fly tonight and pack a spare dry bag for the sleeping bag. See you on the trail.",
    "It's been a while since your last trip with us. The autumn restock is in: warmer bags, lighter stoves, and the trail pad everyone kept asking about.",
  ],
  rules: [
    "Write like a friend who works at the gear shop.",
    "Use contractions.",
    "Keep sentences short and concrete.",
    "Name the gear; never say 'products'.",
    "No more than one exclamation mark per email.",
    "Never pressure: no countdowns, no 'last chance'.",
  ],
  genericSample:
    "Dear valued customer, we are delighted to offer you amazing deals on our premium products. Act now!",
  voiceSample: "Your Ridgeline 2 is still in your basket. Take your time; it'll keep.",
  bannedWords: ["delighted", "act now", "valued customer", "premium"],
  maxDiscountPercent: 15,
  signOff: "See you out there, the Cedar & Ember crew",
};
