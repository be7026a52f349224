import { describe, expect, it } from "vitest";
import type { CopyContent } from "../../../app/domain/copy";
import { checkGuardrails } from "../../../app/drafting/guardrails";
import { draftFromTemplate } from "../../../app/drafting/template-drafter";
import { input } from "./fixtures";

const reminder = input("checkout_abandonment.reminder");
const lastCall = input("checkout_abandonment.last_call"); // offers 10%, cap 15
const base = draftFromTemplate(reminder);
const rules = (content: CopyContent, facts = reminder) => checkGuardrails(content, facts).map((f) => f.rule);

describe("guardrails", () => {
  it("passes clean template copy", () => {
    expect(checkGuardrails(base, reminder)).toEqual([]);
  });

  it.each([
    ["an allowed catalog price", "It's $249."],
    ["a price with cents", "It's $249.00."],
    ["a number from the description", "The 2 kg frame packs small."],
    ["merge-field links", "Finish here: {{recovery_url}}"],
  ])("allows %s", (_, callout) => {
    expect(rules({ ...base, callout })).toEqual([]);
  });

  it("allows the step's own discount and refuses any other", () => {
    const ok = { ...draftFromTemplate(lastCall), headline: "10% off to finish your order" };
    expect(rules(ok, lastCall)).toEqual([]);
    expect(rules({ ...ok, headline: "12% off to finish" }, lastCall)).toContain("discount_not_offered");
    expect(rules({ ...ok, headline: "Save 20% today" }, lastCall)).toContain("discount_above_cap");
    expect(rules({ ...base, headline: "10% off to finish" })).toContain("discount_not_offered");
  });

  it.each([
    ["price_mismatch", { callout: "Only $199 today." }],
    ["price_mismatch", { callout: "Only 199 dollars today." }],
    ["unsupported_number", { callout: "Loved by 5000 campers." }],
    ["link", { cta: "See ridge.example/tents" }],
    ["link", { cta: "www.ridge-supply.com" }],
    ["markup", { headline: "<img src=x onerror=alert(1)>" }],
    ["markup", { headline: "&lt;script&gt; hi" }],
    ["placeholder", { headline: "Hi {name}" }],
    ["placeholder", { headline: "Hi %FIRSTNAME%" }],
    ["unknown_merge_field", { headline: "Hi {{ customer.email }}" }],
    ["unknown_merge_field", { headline: "Hi {{password}}" }],
    ["unavailable_merge_field", { headline: "Your order {{order_name}}" }],
    ["banned_phrase", { cta: "Click here" }],
    ["too_long", { cta: "Finish my order and make it mine today please" }],
    ["too_long", { subjects: ["x".repeat(79), "Fine subject"] }],
    ["too_short", { cta: "x" }],
    ["empty", { preheader: "  " }],
    ["duplicate_subjects", { subjects: ["Same", "same"] }],
    ["hidden_characters", { headline: "Hi\u2066there" }],
    ["lookalike_characters", { headline: "Yоur tent" }],
  ] as Array<[string, Partial<CopyContent>]>)("blocks %s: %j", (rule, patch) => {
    expect(rules({ ...base, ...patch })).toContain(rule);
  });

  it("marks every guardrail finding as blocking and names the field", () => {
    const f = checkGuardrails({ ...base, cta: "Click here" }, reminder);
    expect(f[0]).toMatchObject({ severity: "block", field: "cta", source: "guardrail" });
  });

  it("refuses prices in generic copy, which has no product price to state", () => {
    const generic = input("checkout_abandonment.reminder", { product: null });
    expect(rules({ ...draftFromTemplate(generic), callout: "From $249." }, generic)).toContain(
      "price_mismatch",
    );
  });
});
