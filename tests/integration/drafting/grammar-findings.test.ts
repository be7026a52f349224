// AI drafts are grammar-checked: an agreement error the model makes reaches the merchant as advice
// on the stored draft (the findings the queue and the detail page show), without blocking approval.
import { afterAll, beforeAll, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import type { CopyContent } from "../../../app/domain/copy";
import { fixedDrafting } from "../../../app/drafting/drafter.server";
import { generateDraft } from "../../../app/drafting/generate.server";
import { getDraft } from "../../../app/drafting/lifecycle.server";
import { createOpenAiProvider } from "../../../app/drafting/openai.server";
import { uniqueShop } from "../../support/database";
import { completion, type OpenAiTestServer, startOpenAiServer } from "../../support/openai-server";
import { seedProduct, seedShop } from "./seed";

const NOW = new Date("2026-11-20T10:00:00Z");
const COPY: CopyContent = {
  subjects: ["Your picks is waiting", "Still thinking about the Alpine 2 Tent?"],
  preheader: "We kept your checkout just as you left it.",
  headline: "Still want the Alpine 2 Tent?",
  paragraphs: ["Your checkout is saved with {{items}}.", "It only takes a minute to finish.", "The team"],
  callout: "Alpine 2 Tent. Taped seams keep the rain out. $249.",
  cta: "Finish my order",
  text: "Still want the Alpine 2 Tent?\n\nYour checkout is saved with {{items}}.\n\nFinish my order: {{recovery_url}}",
};

let server: OpenAiTestServer;
beforeAll(async () => {
  server = await startOpenAiServer();
  server.fallback = () => completion(COPY);
});
afterAll(() => server.close());

it("stores grammar findings on an AI draft as advice the merchant sees", { timeout: 60_000 }, async () => {
  const db = getDb();
  const shop = uniqueShop("gram");
  await seedShop(db, shop);
  await seedProduct(db, shop, { shopifyId: "900", title: "Alpine 2 Tent", priceMinor: 24900 });
  const provider = createOpenAiProvider({
    apiKey: "sk-test-tend",
    model: "gpt-4o-mini",
    baseURL: server.baseURL,
    timeoutMs: 5_000,
    sleep: async () => {},
  });
  const target = {
    flowKey: "checkout_abandonment",
    stepKey: "checkout_abandonment.reminder",
    productShopifyId: "900",
  };
  const r = await generateDraft(db, fixedDrafting(provider), shop, target, { actor: "system", now: NOW });
  expect(r.status).toBe("pending");
  const stored = await getDraft(db, shop, r.id);
  const grammar = stored?.findings.filter((f) => f.source === "grammar") ?? [];
  expect(grammar).toEqual([
    expect.objectContaining({
      severity: "warn",
      field: "subjects[0]",
      rule: "grammar_PluralNounSingularVerb",
    }),
  ]);
  expect(grammar[0].message).toContain("Your picks is");
});
