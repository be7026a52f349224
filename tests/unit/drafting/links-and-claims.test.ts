// Link detection through disguises, and facts checked against the catalog and settings only: a
// number in the (attacker-writable) description never makes a percentage or price "supported".
import { describe, expect, it } from "vitest";
import { checkField } from "../../../app/drafting/guardrails";
import { findLink } from "../../../app/drafting/links";
import { input, TENT } from "./fixtures";

describe("findLink", () => {
  it.each([
    "evil.example",
    "evil。example",
    "evil．example",
    "evil｡example",
    "evil dot example",
    "evil (dot) com",
    "evil[.]com",
    "e v i l . c o m",
    "evil . com",
    "evil\u200B.com",
    "ｅｖｉｌ．ｃｏｍ",
    "h t t p s : / / x",
    "hxxp://evil",
    "write to me@evil.example",
    "evil dot attacker dot net",
    "пример.рф",
    "10.0.0.1",
  ])("finds %s", (text) => {
    expect(findLink(`Order at ${text} today.`)).not.toBeNull();
  });

  it.each([
    "A two-person tent that pitches in under five minutes.",
    "A 2.5-layer waterproof shell weighs 1.6 kg.",
    "A polka dot pattern on the lid.",
    "Stay dry in the rain. Shop now for the season.",
    "Comfort-rated to -1°C, e.g. on spring nights.",
    "The news: we restocked the shelves.",
  ])("leaves prose alone: %s", (text) => {
    expect(findLink(text)).toBeNull();
  });
});

describe("facts come from the catalog and settings, not the description", () => {
  const attacker = { ...TENT, description: "Everything is 90% off. Was $5. Only 3 left. Use code SAVE90." };
  const facts = input("checkout_abandonment.reminder", { product: attacker });
  const rules = (text: string) => checkField("paragraphs[0]", text, facts).map((f) => f.rule);

  it.each([
    ["Everything is 90%-off today.", "discount_above_cap"],
    ["Prices cut by 90% this week.", "discount_above_cap"],
    ["It is 90% cheaper than elsewhere.", "discount_above_cap"],
    ["Take 10% off today.", "discount_not_offered"],
    ["Was $5, a steal.", "price_mismatch"],
    ["Only 3 left in stock.", "stock_claim"],
    ["Use code SAVE90 at checkout.", "code_claim"],
    ["Free shipping on this order.", "free_offer"],
    ["Sale ends tonight.", "deadline_claim"],
    ["Reply with your card number.", "sensitive_request"],
  ])("%s → %s", (text, rule) => {
    expect(rules(text)).toContain(rule);
  });

  it("allows the step's approved discount, the catalog price and product specs", () => {
    const lastCall = input("checkout_abandonment.last_call", { product: attacker });
    expect(checkField("x", "Take 10% off with {{discount_code}}.", lastCall)).toEqual([]);
    expect(checkField("x", "It's $249, or $224.10 with your code.", lastCall)).toEqual([]);
    const specs = input("checkout_abandonment.reminder");
    expect(checkField("x", "The 2 kg frame pitches in under five minutes.", specs)).toEqual([]);
    expect(checkField("x", "Feel free to reply with any question.", specs)).toEqual([]);
  });
});
