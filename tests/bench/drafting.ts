// Bench: a 200-product catalog drafted end to end offline (template drafter, real SQLite through
// Prisma, every step of every flow plus generic copy), and the input tokens of the OpenAI prompt for
// the same drafts, counted with the o200k tokenizer. Run: npm run bench:drafting
import { performance } from "node:perf_hooks";
import { zodResponseFormat } from "openai/helpers/zod";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { draftCatalog } from "../../app/drafting/catalog.server";
import { loadShopContext } from "../../app/drafting/context.server";
import { fixedDrafting } from "../../app/drafting/drafter.server";
import { buildDraftInput } from "../../app/drafting/facts";
import { listDrafts } from "../../app/drafting/lifecycle.server";
import { loadProducts, productFacts } from "../../app/drafting/products.server";
import { buildPrompt, countMessageTokens } from "../../app/drafting/prompt";
import { templateProvider } from "../../app/drafting/provider";
import { copyOutputSchema } from "../../app/drafting/schema";
import { saveVoiceGuide } from "../../app/drafting/voice.server";
import { FLOW_CATALOG, FLOW_KEYS } from "../../app/flows/catalog";
import { DEMO_VOICE_GUIDE } from "../../app/demo/shop-profile";
import { createTestDatabase, openTestDb } from "../support/database";

const PRODUCTS = 200;
const KINDS = [
  "Tent",
  "Sleeping Bag",
  "Stove",
  "Headlamp",
  "Backpack",
  "Trail Mug",
  "Rain Shell",
  "Camp Chair",
];
const WORDS = [
  "Ridgeline",
  "Cedar",
  "Summit",
  "Alder",
  "Harbor",
  "Granite",
  "Juniper",
  "Willow",
  "Basin",
  "Fjord",
];

async function main() {
  const url = await createTestDatabase("bench");
  const db = await openTestDb(url);
  const shop = "bench-outfitters.myshopify.com";
  await db.shop.create({ data: { shop, name: "Cedar & Ember Outfitters", currency: "USD" } });
  for (const flowKey of FLOW_KEYS) await db.flowSetting.create({ data: { shop, flowKey, enabled: true } });
  const saved = await saveVoiceGuide(db, shop, DEMO_VOICE_GUIDE, "bench");
  if (!saved.ok) throw new Error(`voice guide refused: ${JSON.stringify(saved.fieldErrors)}`);

  const seedStart = performance.now();
  await db.$transaction(
    Array.from({ length: PRODUCTS }, (_, i) => {
      const kind = KINDS[i % KINDS.length];
      const title = `${WORDS[i % WORDS.length]} ${i + 1} ${kind}`;
      const price = 1500 + ((i * 737) % 40000);
      return db.product.create({
        data: {
          shop,
          shopifyId: String(7_000_000 + i),
          title,
          description: `The ${title} is built for long weekends outside. It packs down small and shrugs off rain. Made from recycled fabric with taped seams.`,
          productType: kind,
          vendor: "Cedar & Ember",
          imageAlt: `${title} on a mossy rock`,
          variants: JSON.stringify([
            { id: `${i}1`, title: "Forest", priceMinor: price },
            { id: `${i}2`, title: "Slate", priceMinor: price + 500 },
          ]),
          minPriceMinor: price,
          contentHash: `bench-${i}`,
        },
      });
    }),
  );
  await db.$transaction(
    Array.from({ length: PRODUCTS }, (_, i) =>
      db.order.create({
        data: {
          shop,
          shopifyId: String(9_000_000 + i),
          processedAt: new Date("2026-10-01T00:00:00Z"),
          lines: {
            create: [
              {
                shop,
                productShopifyId: String(7_000_000 + i),
                title: "x",
                quantity: 1 + (i % 7),
                priceMinor: 100,
              },
            ],
          },
        },
      }),
    ),
  );
  const seedMs = performance.now() - seedStart;

  const start = performance.now();
  const result = await draftCatalog(db, shop, {
    limit: PRODUCTS,
    drafting: fixedDrafting(templateProvider),
    now: new Date(),
  });
  const draftMs = performance.now() - start;
  const steps = FLOW_KEYS.reduce((n, k) => n + FLOW_CATALOG[k].steps.length, 0);
  const page = await listDrafts(db, shop, { pageSize: 1 });

  // Tokens of the OpenAI request each of these drafts would send.
  const ctx = await loadShopContext(db, shop);
  const rows = await loadProducts(
    db,
    shop,
    Array.from({ length: PRODUCTS }, (_, i) => String(7_000_000 + i)),
  );
  const schemaTokens = encode(
    JSON.stringify(zodResponseFormat(copyOutputSchema, "email_copy").json_schema),
  ).length;
  const totals: number[] = [];
  for (const flowKey of FLOW_KEYS) {
    for (const step of FLOW_CATALOG[flowKey].steps) {
      for (const row of [...rows.values(), null]) {
        const input = buildDraftInput({
          shopName: ctx.shopName,
          stepKey: step.key,
          product: row ? productFacts(row, ctx.currency) : null,
          voice: ctx.voice,
          shopMaxDiscountPercent: ctx.settings.maxDiscountPercent,
        });
        totals.push(countMessageTokens(buildPrompt(input).messages) + schemaTokens);
      }
    }
  }
  totals.sort((a, b) => a - b);
  const avg = totals.reduce((a, b) => a + b, 0) / totals.length;

  const report = {
    products: PRODUCTS,
    flowSteps: steps,
    draftsCreated: result.created,
    pending: result.pending,
    parked: result.parked,
    failed: result.failed.length,
    counts: page.counts,
    seedMs: Math.round(seedMs),
    draftCatalogMs: Math.round(draftMs),
    msPerDraft: Number((draftMs / Math.max(1, result.created)).toFixed(2)),
    draftsPerSecond: Math.round((result.created / draftMs) * 1000),
    promptTokens_o200k: {
      prompts: totals.length,
      min: totals[0],
      median: totals[Math.floor(totals.length / 2)],
      mean: Math.round(avg),
      max: totals[totals.length - 1],
      schemaTokens,
      target: 2000,
    },
  };
  console.log(JSON.stringify(report, null, 2));
  await db.$disconnect();
  if (
    result.failed.length ||
    result.created !== steps * (PRODUCTS + 1) ||
    report.promptTokens_o200k.max > 2000
  ) {
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
