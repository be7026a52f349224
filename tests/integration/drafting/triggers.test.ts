// Live shops get drafts without the demo: a flow switched on, the history imported, a product
// changed, a new voice and the periodic sweep each queue drafting, and the background pass writes it.
import { describe, expect, it } from "vitest";
import { switchFlow } from "../../../app/admin/flow-actions.server";
import { getDb } from "../../../app/db.server";
import { fixedDrafting } from "../../../app/drafting/drafter.server";
import { templateProvider } from "../../../app/drafting/provider";
import {
  pendingCatalogRequests,
  requestCatalogDrafts,
  runCatalogQueue,
} from "../../../app/drafting/queue.server";
import {
  onCatalogKnown,
  onProductChanged,
  onVoiceChanged,
  stepsLackingCopy,
  sweepMissingCopy,
} from "../../../app/drafting/triggers.server";
import { saveVoiceGuide } from "../../../app/drafting/voice.server";
import { FLOW_CATALOG } from "../../../app/flows/catalog";
import { uniqueShop } from "../../support/database";
import { seedProduct, seedSales, seedShop } from "./seed";

const NOW = new Date("2026-11-20T10:00:00Z");
const VOICE = {
  examples: [
    "Your order's on its way, packed by hand.",
    "Your cart's saved. Take your time.",
    "It's been a while. Come say hi.",
  ],
  rules: [
    "Use contractions.",
    "Keep sentences under 20 words.",
    "No exclamation marks.",
    "No emoji.",
    "Be brief.",
  ],
  genericSample: "",
  voiceSample: "",
  bannedWords: [],
  maxDiscountPercent: 15,
  signOff: "Sam",
};
const drain = () => runCatalogQueue(getDb(), () => NOW, fixedDrafting(templateProvider), 1000);

async function drafted(shop: string) {
  return getDb().draft.findMany({
    where: { shop },
    select: { flowKey: true, stepKey: true, productShopifyId: true, status: true, id: true },
  });
}

describe("drafting triggers in a live shop", () => {
  it("switching a flow on queues its drafts, and the background pass writes them", async () => {
    const db = getDb();
    const shop = uniqueShop("trigger-flow");
    await seedShop(db, shop);
    await seedProduct(db, shop, { shopifyId: "7001", title: "Trail Mug", priceMinor: 1800 });
    expect(await pendingCatalogRequests(db, shop)).toEqual([]);
    await switchFlow(db, shop, "cart_abandonment", true, NOW, "owner@shop.example");
    expect(await pendingCatalogRequests(db, shop)).toMatchObject([
      { flowKeys: ["cart_abandonment"], actor: "owner@shop.example" },
    ]);
    await drain();
    const drafts = await drafted(shop);
    expect(drafts.map((d) => [d.stepKey, d.productShopifyId]).sort()).toEqual([
      ["cart_abandonment.reminder", null],
      ["cart_abandonment.reminder", "7001"],
    ]);
    expect(await pendingCatalogRequests(db, shop)).toEqual([]);
    expect(await stepsLackingCopy(db, shop)).toEqual([]);
    // Switching it off asks for nothing.
    await switchFlow(db, shop, "cart_abandonment", false, NOW);
    expect(await pendingCatalogRequests(db, shop)).toEqual([]);
  });

  it("requests join instead of replacing one still waiting", async () => {
    const db = getDb();
    const shop = uniqueShop("trigger-merge");
    await seedShop(db, shop);
    await requestCatalogDrafts(db, shop, { flowKeys: ["post_purchase"] }, NOW);
    await requestCatalogDrafts(db, shop, { productIds: ["1"] }, NOW);
    await requestCatalogDrafts(db, shop, { flowKeys: ["post_purchase"] }, NOW);
    expect((await pendingCatalogRequests(db, shop)).map((r) => [r.flowKeys, r.productIds])).toEqual([
      [["post_purchase"], undefined],
      [undefined, ["1"]],
    ]);
  });

  it("the imported history starts the enabled flows' first drafts for the best sellers", async () => {
    const db = getDb();
    const shop = uniqueShop("trigger-backfill");
    await seedShop(db, shop);
    expect(await onCatalogKnown(db, shop, NOW)).toBe(false); // no flow on: nothing to draft yet
    await db.flowSetting.create({ data: { shop, flowKey: "checkout_abandonment", enabled: true } });
    await seedProduct(db, shop, { shopifyId: "7101", title: "Camp Stove", priceMinor: 8900 });
    await seedProduct(db, shop, { shopifyId: "7102", title: "Fuel Canister", priceMinor: 900 });
    await seedSales(db, shop, { "7101": 5, "7102": 1 });
    expect(await onCatalogKnown(db, shop, NOW)).toBe(true);
    await drain();
    const steps = FLOW_CATALOG.checkout_abandonment.steps.length;
    const drafts = await drafted(shop);
    expect(drafts).toHaveLength(steps * 3); // two products + the generic fallback, per step
    expect(new Set(drafts.map((d) => d.productShopifyId))).toEqual(new Set(["7101", "7102", null]));
  });

  it("a changed product is redrafted when Tend writes for it; others keep the generic copy", async () => {
    const db = getDb();
    const shop = uniqueShop("trigger-product");
    await seedShop(db, shop, { flows: ["browse_abandonment"] });
    await seedProduct(db, shop, { shopifyId: "7201", title: "Rain Shell", priceMinor: 15900 });
    await drain(); // nothing queued yet
    expect(await onProductChanged(db, shop, "7201", NOW)).toBe(true); // ranked (few products)
    await drain();
    expect((await drafted(shop)).filter((d) => d.productShopifyId === "7201")).toHaveLength(1);
    // Past the drafted-products limit, an unsold product without copy is left to the generic draft.
    for (let i = 0; i < 25; i++) await seedProduct(db, shop, { shopifyId: `73${i}`, title: `Sold ${i}` });
    await seedSales(db, shop, Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`73${i}`, 3])));
    await seedProduct(db, shop, { shopifyId: "7299", title: "Rarely Bought" });
    expect(await onProductChanged(db, shop, "7299", NOW)).toBe(false);
    // A product whose copy exists (now stale) is always redrafted.
    await db.draft.updateMany({ where: { shop, productShopifyId: "7201" }, data: { status: "stale" } });
    expect(await onProductChanged(db, shop, "7201", NOW)).toBe(true);
    await drain();
    expect(
      (await drafted(shop))
        .filter((d) => d.productShopifyId === "7201")
        .map((d) => d.status)
        .sort(),
    ).toEqual(["pending", "superseded"]); // the new draft replaces the stale one
  });

  it("a new voice rewrites drafts awaiting review; approved copy stays", async () => {
    const db = getDb();
    const shop = uniqueShop("trigger-voice");
    await seedShop(db, shop, { flows: ["win_back"] });
    await requestCatalogDrafts(db, shop, {}, NOW);
    await drain();
    const first = await drafted(shop);
    expect(first.length).toBe(FLOW_CATALOG.win_back.steps.length);
    await db.draft.update({ where: { id: first[0].id }, data: { status: "approved" } });
    const saved = await saveVoiceGuide(db, shop, VOICE, "owner");
    if (!saved.ok) throw new Error(JSON.stringify(saved.fieldErrors));
    expect(await onVoiceChanged(db, shop, saved.guide.version, "owner", NOW)).toBe(first.length - 1);
    // Until the worker's pass, the old drafts stay in the queue (never an empty queue).
    expect((await drafted(shop)).filter((d) => d.status === "pending")).toHaveLength(first.length - 1);
    await drain();
    const after = await db.draft.findMany({
      where: { shop },
      select: { id: true, status: true, voiceVersion: true },
    });
    expect(after.filter((d) => d.status === "approved").map((d) => d.id)).toEqual([first[0].id]);
    expect(after.filter((d) => d.status === "superseded")).toHaveLength(first.length - 1);
    const pending = after.filter((d) => d.status === "pending");
    expect(pending).toHaveLength(first.length - 1);
    expect(pending.every((d) => d.voiceVersion === saved.guide.version)).toBe(true);
    // A second pass has nothing left to rewrite.
    await requestCatalogDrafts(db, shop, {}, NOW);
    await drain();
    expect(await db.draft.count({ where: { shop } })).toBe(after.length);
  });

  it("the sweep asks only for installed shops whose enabled steps lack copy", async () => {
    const db = getDb();
    const lacking = uniqueShop("sweep-lacking");
    const covered = uniqueShop("sweep-covered");
    const gone = uniqueShop("sweep-gone");
    for (const shop of [lacking, covered, gone]) await seedShop(db, shop, { flows: ["anniversary"] });
    await db.shop.update({ where: { shop: gone }, data: { uninstalledAt: NOW } });
    await requestCatalogDrafts(db, covered, {}, NOW);
    await drain();
    const asked = await sweepMissingCopy(db, NOW);
    expect(asked).toContain(lacking);
    expect(asked).not.toContain(covered);
    expect(asked).not.toContain(gone);
  });
});
