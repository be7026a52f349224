// Every subject, preheader and body the offline drafter can write, for every template and every demo
// product, in both tones and with and without contractions, passes the grammar checker (Harper plus
// the agreement rule) with zero findings. The checker itself is shown to catch what shipped before.
import { beforeAll, describe, expect, it } from "vitest";
import type { CopyContent } from "../../../app/domain/copy";
import { buildDraftInput, type ProductFacts } from "../../../app/drafting/facts";
import {
  type GrammarIssue,
  grammarIssues,
  textIssues,
  ungrammaticalSentences,
} from "../../../app/drafting/grammar.server";
import { createTemplateProvider } from "../../../app/drafting/provider";
import { draftFromTemplate } from "../../../app/drafting/template-drafter";
import { DEFAULT_VOICE_GUIDE, type VoiceGuideData } from "../../../app/drafting/voice-guide";
import { FLOW_CATALOG } from "../../../app/flows/catalog";
import { DEMO_FACTS } from "./demo-products";

const STEPS = Object.values(FLOW_CATALOG).flatMap((f) => f.steps.map((s) => s.key));
const SHOP = "Tend Demo Outfitters";
const FORMAL: VoiceGuideData = { ...DEFAULT_VOICE_GUIDE, rules: ["Never use contractions.", "Be warm."] };
const screened = createTemplateProvider(ungrammaticalSentences);

async function draft(stepKey: string, product: ProductFacts | null, voice: VoiceGuideData, reason?: string) {
  const input = buildDraftInput({
    shopName: SHOP,
    stepKey,
    product,
    voice,
    shopMaxDiscountPercent: 15,
    feedback: { rejectionReason: reason ?? null },
  });
  const result = await screened.write({
    shop: "demo",
    input,
    prompt: { messages: [], promptVersion: "", hash: "" },
  });
  if (!result.ok) throw new Error("template drafter failed");
  return result.output as CopyContent;
}

describe("grammar checker", () => {
  // Compiling Harper's WebAssembly takes a second or more on a busy machine: once, up front.
  beforeAll(() => textIssues("warm-up", "Hello.", { product: null, shopName: SHOP }), 60_000);

  it("catches the subject that went out before, and Harper's own agreement errors", async () => {
    const ctx = { product: null, shopName: SHOP };
    const bad = await textIssues("subjects[0]", "Your picks is waiting", ctx);
    expect(bad.map((i) => i.rule)).toEqual(["PluralNounSingularVerb"]);
    expect(await textIssues("subjects[0]", "Your picks are waiting", ctx)).toEqual([]);
    const harper = await textIssues("paragraphs[0]", "We was there when you left.", ctx);
    expect(harper.length).toBeGreaterThan(0);
    expect(harper[0].kind).not.toBe("Spelling");
  });

  it("does not count the catalog's own names as misspellings, but does count other misspellings", async () => {
    const product = DEMO_FACTS.find((p) => p.title.startsWith("Fastboil")) ?? null;
    expect(
      await textIssues("headline", "Meet the Fastboil Cooking System 1L.", { product, shopName: SHOP }),
    ).toEqual([]);
    const typo = await textIssues("headline", "Meet the Fastboil stove, it is realy good.", {
      product,
      shopName: SHOP,
    });
    expect(typo.length).toBeGreaterThan(0);
  });

  it("the offline drafter's screen leaves out a description sentence with a grammar issue", async () => {
    const stove = DEMO_FACTS.find((p) => p.title === "Wood Gasifier Stove") as ProductFacts;
    const input = buildDraftInput({
      shopName: SHOP,
      stepKey: "browse_abandonment.reminder",
      product: stove,
      voice: DEFAULT_VOICE_GUIDE,
      shopMaxDiscountPercent: 15,
    });
    expect(JSON.stringify(draftFromTemplate(input))).toContain("air flow");
    expect(
      JSON.stringify(await draft("browse_abandonment.reminder", stove, DEFAULT_VOICE_GUIDE)),
    ).not.toContain("air flow");
  });

  it("finds zero issues in any copy the offline drafter writes for the demo catalogue", async () => {
    const products: Array<ProductFacts | null> = [null, ...DEMO_FACTS];
    const seen = new Set<string>();
    const issues: Array<GrammarIssue & { where: string }> = [];
    let checked = 0;
    for (const stepKey of STEPS) {
      for (const product of products) {
        for (const [voice, reason] of [
          [DEFAULT_VOICE_GUIDE, undefined],
          [DEFAULT_VOICE_GUIDE, "too pushy"],
          [FORMAL, "too long"],
        ] as const) {
          const copy = await draft(stepKey, product, voice, reason);
          const fields = { ...copy, text: "" }; // the plain-text version repeats the other fields
          for (const [field, value] of Object.entries(fields).flatMap(([k, v]) =>
            Array.isArray(v) ? v.map((x, i) => [`${k}[${i}]`, x] as const) : [[k, v] as const],
          )) {
            if (!value || seen.has(value)) continue;
            seen.add(value);
            checked++;
            // Text shared by many products is checked once, with no catalog words excused; only if
            // that finds something is it checked again with this product's names excused.
            if (!(await textIssues(field, value, { product: null, shopName: SHOP })).length) continue;
            for (const i of await textIssues(field, value, { product, shopName: SHOP }))
              issues.push({ ...i, where: `${stepKey} / ${product?.title ?? "generic"}` });
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(issues).toEqual([]);
  }, 240_000);

  it("grammarIssues covers every field but the plain-text copy", async () => {
    const copy = draftFromTemplate(
      buildDraftInput({
        shopName: SHOP,
        stepKey: "cart_abandonment.reminder",
        product: null,
        voice: DEFAULT_VOICE_GUIDE,
        shopMaxDiscountPercent: 15,
      }),
    );
    const broken = { ...copy, preheader: "Your picks is saved.", text: "Your picks is saved." };
    const found = await grammarIssues(broken, { product: null, shopName: SHOP });
    expect(found.map((i) => i.field)).toEqual(["preheader"]);
  });
});
