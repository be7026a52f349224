// The generation loop with scripted drafters: failing copy is regenerated with its findings fed
// back, parked with its reasons after N attempts; a failing provider hands over to the template.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { fixedDrafting } from "../../../app/drafting/drafter.server";
import { generateDraft } from "../../../app/drafting/generate.server";
import { approveDraft, getDraft } from "../../../app/drafting/lifecycle.server";
import type { DraftProvider, ProviderRequest, ProviderResult } from "../../../app/drafting/provider";
import { draftFromTemplate } from "../../../app/drafting/template-drafter";
import { uniqueShop } from "../../support/database";
import { seedProduct, seedShop } from "./seed";

const NOW = new Date("2026-11-20T10:00:00Z");
const TARGET = {
  flowKey: "checkout_abandonment",
  stepKey: "checkout_abandonment.reminder",
  productShopifyId: "301",
};
let shop: string;

function scripted(
  outputs: Array<(r: ProviderRequest) => unknown>,
  seen: ProviderRequest[] = [],
): DraftProvider {
  let i = 0;
  return {
    author: "scripted-model",
    async write(request): Promise<ProviderResult> {
      seen.push(request);
      const make = outputs[Math.min(i++, outputs.length - 1)];
      const output = make(request);
      if (output instanceof Error) {
        return {
          ok: false,
          kind: "timeout",
          message: output.message,
          author: "scripted-model",
          inputTokens: 0,
          outputTokens: 0,
          attempts: 3,
        };
      }
      return {
        ok: true,
        output,
        author: "scripted-model",
        inputTokens: 700,
        outputTokens: 200,
        cached: false,
        attempts: 1,
      };
    },
  };
}

const good = (r: ProviderRequest) => draftFromTemplate(r.input);
const pricey = (r: ProviderRequest) => ({
  ...draftFromTemplate(r.input),
  callout: "Alpine 2 Tent, now only $5.",
});

beforeEach(async () => {
  shop = uniqueShop("gen");
  await seedShop(getDb(), shop);
  await seedProduct(getDb(), shop, { shopifyId: "301", title: "Alpine 2 Tent", priceMinor: 24900 });
});

describe("generation loop", () => {
  it("regenerates a failing draft with the findings fed back, then keeps the passing one", async () => {
    const seen: ProviderRequest[] = [];
    const r = await generateDraft(getDb(), fixedDrafting(scripted([pricey, good], seen)), shop, TARGET, {
      actor: "system",
      now: NOW,
    });
    expect(r).toMatchObject({
      status: "pending",
      attempts: 2,
      author: "scripted-model",
      inputTokens: 1400,
      outputTokens: 400,
    });
    expect(seen[1].input.feedback.findings?.map((f) => f.rule)).toContain("price_mismatch");
    expect(seen[1].prompt.messages[1].content).toContain("problems_in_previous_attempt");
    expect(seen[1].prompt.messages[1].content).toContain("$5");
    const stored = await getDraft(getDb(), shop, r.id);
    expect(stored).toMatchObject({
      inputTokens: 1400,
      outputTokens: 400,
      author: "scripted-model",
      promptVersion: "drafting-v1",
    });
  });

  it("parks a draft that keeps failing after N attempts, with its reasons, and approval refuses it", async () => {
    const r = await generateDraft(getDb(), fixedDrafting(scripted([pricey]), 3), shop, TARGET, {
      actor: "system",
      now: NOW,
    });
    expect(r.status).toBe("parked");
    expect(r.attempts).toBe(3);
    const stored = await getDraft(getDb(), shop, r.id);
    expect(stored?.status).toBe("parked");
    expect(stored?.findings.some((f) => f.rule === "price_mismatch" && f.severity === "block")).toBe(true);
    expect(stored?.audit.find((a) => a.action === "parked")?.reason).toMatch(/\$5/);
    await expect(approveDraft(getDb(), shop, r.id, "owner", NOW)).rejects.toMatchObject({ code: "blocked" });
  });

  it("hands the draft to the template drafter when the provider fails, and says so", async () => {
    const r = await generateDraft(
      getDb(),
      fixedDrafting(scripted([() => new Error("the provider did not answer in time")])),
      shop,
      TARGET,
      {
        actor: "system",
        now: NOW,
      },
    );
    expect(r).toMatchObject({ status: "pending", author: "template" });
    expect(r.findings[0]).toMatchObject({ source: "provider", rule: "provider_timeout", severity: "warn" });
    const stored = await getDraft(getDb(), shop, r.id);
    expect(stored?.promptVersion).toBe("template-v1");
  });

  it("parks output that does not fit the schema", async () => {
    const r = await generateDraft(
      getDb(),
      fixedDrafting(scripted([() => ({ subject: "hi" })]), 2),
      shop,
      TARGET,
      { actor: "system", now: NOW },
    );
    expect(r.status).toBe("parked");
    expect(r.findings.map((f) => f.rule)).toContain("schema");
  });
});
