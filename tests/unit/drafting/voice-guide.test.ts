import { describe, expect, it } from "vitest";
import { sampleInVoice } from "../../../app/drafting/sample";
import { DEFAULT_VOICE_GUIDE, voiceGuideInputSchema } from "../../../app/drafting/voice-guide";
import { TENT, VOICE } from "./fixtures";

const valid = {
  examples: [
    "Your order's on its way, packed by hand.",
    "Your cart's saved. Take your time.",
    "It's been a while. Come say hi.",
  ],
  rules: [
    "Use contractions.",
    "Keep sentences under 20 words.",
    'Avoid "delighted".',
    "No exclamation marks.",
    "No emoji.",
  ],
  genericSample: "We are delighted to inform you.",
  voiceSample: "Your basket's still here.",
  bannedWords: ["delighted"],
  maxDiscountPercent: 15,
  signOff: "Sam",
};

describe("voice guide input", () => {
  it("accepts a complete guide", () => {
    expect(voiceGuideInputSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    ["too few examples", { examples: valid.examples.slice(0, 2) }, "examples"],
    ["too many rules", { rules: Array.from({ length: 11 }, (_, i) => `Rule number ${i}`) }, "rules"],
    ["too few rules", { rules: valid.rules.slice(0, 4) }, "rules"],
    ["a discount above 90", { maxDiscountPercent: 95 }, "maxDiscountPercent"],
    ["a link in the sign-off", { signOff: "Sam, https://evil.example" }, "signOff"],
    [
      "HTML in an example",
      { examples: [...valid.examples.slice(0, 2), "<script>alert(1)</script> hello there friend"] },
      "examples",
    ],
  ])("refuses %s", (_, patch, path) => {
    const r = voiceGuideInputSchema.safeParse({ ...valid, ...patch });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0].path[0]).toBe(path);
  });
});

describe("sampleInVoice", () => {
  it("shows generic copy scoring lower than the shop's own voice, naming the product", () => {
    const s = sampleInVoice(VOICE, TENT);
    expect(`${s.ours.headline} ${s.ours.body}`).toContain("Alpine 2 Tent");
    expect(s.ours.score).toBeGreaterThan(s.generic.score);
    expect(s.ours.body).toContain(VOICE.signOff);
  });

  it("works before a product exists, with the default guide", () => {
    const s = sampleInVoice(DEFAULT_VOICE_GUIDE, null);
    expect(s.ours.body.length).toBeGreaterThan(20);
    expect(s.generic.body).toBe(DEFAULT_VOICE_GUIDE.genericSample);
  });
});
