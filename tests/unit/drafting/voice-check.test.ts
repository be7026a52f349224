import { describe, expect, it } from "vitest";
import { voiceCheck } from "../../../app/drafting/voice-check";
import { checkableRules } from "../../../app/drafting/voice-guide";
import { draftFromTemplate } from "../../../app/drafting/template-drafter";
import { input, VOICE } from "./fixtures";

const base = draftFromTemplate(input("browse_abandonment.reminder"));

describe("checkable rules", () => {
  it("reads the merchant's plain-language rules", () => {
    const r = checkableRules({
      rules: [
        "Use contractions.",
        "Keep sentences under 20 words.",
        'Never open with "In today\'s fast-paced world".',
        'Avoid "delighted".',
        "No more than one exclamation mark per email.",
        "Don't say 'cheap', it's tacky.",
        "No emoji.",
        "Never write in all caps.",
      ],
      bannedWords: ["Hurry"],
    });
    expect(r).toMatchObject({
      requireContractions: true,
      maxSentenceWords: 19,
      maxExclamations: 1,
      forbiddenOpeners: ["In today's fast-paced world"],
      noEmoji: true,
      noAllCaps: true,
    });
    expect(r.avoidWords.sort()).toEqual(["cheap", "delighted", "hurry"]);
  });

  it("reads 'never use contractions' and 'no exclamation marks'", () => {
    const r = checkableRules({
      rules: ["Never use contractions.", "No exclamation marks."],
      bannedWords: [],
    });
    expect(r).toMatchObject({ avoidContractions: true, requireContractions: false, maxExclamations: 0 });
  });
});

describe("voice check", () => {
  it("scores on-voice copy 100 with no findings", () => {
    const v = voiceCheck(base, VOICE);
    expect(v.findings).toEqual([]);
    expect(v.score).toBe(100);
    expect(v.checked).toEqual(
      expect.arrayContaining(["banned_words", "sentence_length", "contractions", "exclamation_marks"]),
    );
  });

  it("finds each broken rule and lowers the score", () => {
    const off = {
      ...base,
      headline: "In today's fast-paced world, tents matter",
      paragraphs: [
        "We are pleased to present this tent. It is made for the outdoors. You will enjoy it very much indeed.",
        "This sentence goes on and on and on with far too many words in it for anyone to read it comfortably at all today.",
        "Hurry!! 🎉",
      ],
    };
    const v = voiceCheck(off, VOICE);
    const rules = v.findings.map((f) => f.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        "banned_word",
        "sentence_length",
        "contractions",
        "exclamation_marks",
        "forbidden_opener",
        "emoji",
      ]),
    );
    expect(v.findings.find((f) => f.rule === "banned_word")?.severity).toBe("block");
    expect(v.findings.find((f) => f.rule === "sentence_length")?.severity).toBe("warn");
    expect(v.score).toBeLessThan(40);
  });

  it("catches a banned word however it is cased or spaced", () => {
    const v = voiceCheck({ ...base, cta: "CHEAP  tents" }, VOICE);
    expect(v.findings.map((f) => f.rule)).toContain("banned_word");
  });
});
