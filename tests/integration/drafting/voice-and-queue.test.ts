// Voice guide versions and the catalog drafting queue on a real database.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { fixedDrafting } from "../../../app/drafting/drafter.server";
import { listDrafts } from "../../../app/drafting/lifecycle.server";
import { templateProvider } from "../../../app/drafting/provider";
import {
  pendingCatalogRequest,
  requestCatalogDrafts,
  runCatalogQueue,
} from "../../../app/drafting/queue.server";
import { DEFAULT_VOICE_GUIDE } from "../../../app/drafting/voice-guide";
import { getVoiceGuide, saveVoiceGuide } from "../../../app/drafting/voice.server";
import { uniqueShop } from "../../support/database";
import { seedProduct, seedShop } from "./seed";

const NOW = new Date("2026-11-20T10:00:00Z");
const input = {
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
  maxDiscountPercent: 10,
  signOff: "Sam",
};

describe("voice guide", () => {
  it("starts from Tend's default and versions every save with its author", async () => {
    const db = getDb();
    const shop = uniqueShop("voice");
    expect(await getVoiceGuide(db, shop)).toEqual(DEFAULT_VOICE_GUIDE);
    const first = await saveVoiceGuide(db, shop, input, "owner@shop");
    const second = await saveVoiceGuide(db, shop, { ...input, signOff: "Sam and the crew" }, "staff@shop");
    expect(first).toMatchObject({ ok: true, guide: { version: 1 } });
    expect(second).toMatchObject({ ok: true, guide: { version: 2 } });
    expect(await getVoiceGuide(db, shop)).toMatchObject({
      version: 2,
      signOff: "Sam and the crew",
      bannedWords: ["delighted"],
    });
    const rows = await db.voiceGuide.findMany({ where: { shop }, orderBy: { version: "asc" } });
    expect(rows.map((r) => [r.version, r.createdBy])).toEqual([
      [1, "owner@shop"],
      [2, "staff@shop"],
    ]);
  });

  it("refuses an invalid guide with field errors and stores nothing", async () => {
    const db = getDb();
    const shop = uniqueShop("voice");
    const r = await saveVoiceGuide(
      db,
      shop,
      { ...input, examples: ["one only here, friend"], signOff: "https://x.example" },
      "owner",
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fieldErrors).sort()).toEqual(["examples", "signOff"]);
    expect(await db.voiceGuide.count({ where: { shop } })).toBe(0);
  });
});

describe("catalog drafting queue", () => {
  it("drafts a queued request in the background pass and clears it", async () => {
    const db = getDb();
    const shop = uniqueShop("queue");
    await seedShop(db, shop);
    await seedProduct(db, shop, { shopifyId: "501", title: "Trail Mug", priceMinor: 1800 });
    await requestCatalogDrafts(db, shop, { flowKeys: ["cart_abandonment"], actor: "owner" }, NOW);
    expect(await pendingCatalogRequest(db, shop)).toMatchObject({
      flowKeys: ["cart_abandonment"],
      actor: "owner",
    });
    const done = await runCatalogQueue(db, () => NOW, fixedDrafting(templateProvider), 1000);
    expect(done.find((d) => d.shop === shop)?.result.created).toBe(2); // product + generic
    expect(await pendingCatalogRequest(db, shop)).toBeNull();
    expect((await listDrafts(db, shop)).counts.pending).toBe(2);
  });
});
