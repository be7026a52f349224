// The business context on a real database: versions per shop, the first version proposed from the
// shop's orders, customers and catalog (on first page open, after the history import), and
// drafts recording the version they were written from.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import type { Db } from "../../../app/db/client.server";
import { publish } from "../../../app/domain/bus.server";
import "../../../app/domain/subscribers.server";
import { EMPTY_CONTEXT } from "../../../app/drafting/business-context";
import {
  ensureBusinessContext,
  getBusinessContext,
  getBusinessContextVersion,
  listBusinessContextVersions,
  PROPOSER,
  refreshProposal,
  saveBusinessContext,
  summarizeShopData,
} from "../../../app/drafting/business-context.server";
import { fixedDrafting } from "../../../app/drafting/drafter.server";
import { generateDraft } from "../../../app/drafting/generate.server";
import type { ProviderRequest } from "../../../app/drafting/provider";
import { draftFromTemplate } from "../../../app/drafting/template-drafter";
import { uniqueShop } from "../../support/database";
import { seedProduct, seedShop } from "./seed";

const NOW = new Date("2026-11-20T10:00:00Z");
const DAY = 86_400_000;

async function seedHistory(db: Db, shop: string) {
  await seedProduct(db, shop, { shopifyId: "501", title: "Ridge Tent", productType: "Tents" });
  await seedProduct(db, shop, { shopifyId: "502", title: "Trail Stove", productType: "Stoves" });
  // Four buyers: two in Canada (one of them ordering three times), one in the US, one unknown.
  const buyers = [
    { id: "c1", country: "CA", orders: 3 },
    { id: "c2", country: "CA", orders: 1 },
    { id: "c3", country: "US", orders: 1 },
    { id: "c4", country: null, orders: 1 },
  ];
  for (const b of buyers)
    await db.customer.create({
      data: {
        shop,
        shopifyId: b.id,
        countryCode: b.country,
        ordersCount: b.orders,
        email: `${b.id}@x.example`,
      },
    });
  let n = 0;
  for (const b of buyers)
    for (let i = 0; i < b.orders; i++) {
      n++;
      const tent = n % 3 !== 0;
      await db.order.create({
        data: {
          shop,
          shopifyId: `o${n}`,
          customerShopifyId: b.id,
          totalMinor: tent ? 24_900 : 6_900,
          processedAt: new Date(NOW.getTime() - (n * 7 + 1) * DAY),
          lines: {
            create: [
              tent
                ? { shop, title: "Ridge Tent", productShopifyId: "501", productType: "Tents", quantity: 1 }
                : { shop, title: "Trail Stove", productShopifyId: "502", productType: "Stoves", quantity: 1 },
            ],
          },
        },
      });
    }
  // A cancelled order counts for nothing.
  await db.order.create({
    data: {
      shop,
      shopifyId: "ocancel",
      totalMinor: 999_999,
      processedAt: NOW,
      cancelledAt: NOW,
      lines: { create: [{ shop, title: "Trail Stove", productType: "Stoves", quantity: 50 }] },
    },
  });
}

describe("business context storage", () => {
  it("saves each edit as the next version, per shop, and refuses bad input without saving", async () => {
    const db = getDb();
    const shop = uniqueShop("ctx");
    const other = uniqueShop("ctx");
    const first = await saveBusinessContext(
      db,
      shop,
      { ...EMPTY_CONTEXT, bestCustomers: "Hikers." },
      "owner",
      {
        now: NOW,
      },
    );
    const second = await saveBusinessContext(
      db,
      shop,
      { ...EMPTY_CONTEXT, bestCustomers: "Hikers and climbers.", neverSay: "Indestructible." },
      "owner",
      { now: NOW },
    );
    expect(first.ok && first.context.version).toBe(1);
    expect(second.ok && second.context).toMatchObject({ version: 2, source: "merchant", createdBy: "owner" });
    const bad = await saveBusinessContext(db, shop, { ...EMPTY_CONTEXT, neverSay: "<b>x</b>" }, "owner", {
      now: NOW,
    });
    expect(bad).toEqual({ ok: false, fieldErrors: { neverSay: ["What never to say cannot contain HTML"] } });

    expect(await getBusinessContext(db, shop)).toMatchObject({ version: 2, neverSay: "Indestructible." });
    expect((await getBusinessContextVersion(db, shop, 1))?.bestCustomers).toBe("Hikers.");
    expect((await listBusinessContextVersions(db, shop)).map((v) => v.version)).toEqual([2, 1]);
    expect(await getBusinessContext(db, other)).toBeNull();
    expect(await getBusinessContextVersion(db, other, 1)).toBeNull();
  });

  it("two saves at once both land, as different versions", async () => {
    const db = getDb();
    const shop = uniqueShop("ctx");
    const results = await Promise.all(
      ["A.", "B."].map((t) =>
        saveBusinessContext(db, shop, { ...EMPTY_CONTEXT, whatTheyBuy: t }, "owner", { now: NOW }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await listBusinessContextVersions(db, shop)).map((v) => v.version).sort()).toEqual([1, 2]);
  });
});

describe("business context proposed from the shop's data", () => {
  it("summarises orders, buyers, products, categories, countries and months (cancelled orders left out)", async () => {
    const db = getDb();
    const shop = uniqueShop("ctx");
    await seedShop(db, shop);
    await seedHistory(db, shop);
    const s = await summarizeShopData(db, shop, NOW);
    expect(s).toMatchObject({ currency: "USD", orders: 6, buyers: 4, repeatBuyers: 1 });
    expect(s.averageOrderMinor).toBe(Math.round((4 * 24_900 + 2 * 6_900) / 6));
    expect(s.topProducts).toEqual([
      { title: "Ridge Tent", units: 4 },
      { title: "Trail Stove", units: 2 },
    ]);
    expect(s.topTypes.map((t) => t.type)).toEqual(["Tents", "Stoves"]);
    expect(s.topCountries).toEqual([
      { code: "CA", buyers: 2 },
      { code: "US", buyers: 1 },
    ]);
    expect(s.ordersByMonth.reduce((a, b) => a + b, 0)).toBe(6);
  });

  it("proposes a first version once (a second page open changes nothing), and never over the merchant's", async () => {
    const db = getDb();
    const shop = uniqueShop("ctx");
    await seedShop(db, shop);
    expect(await ensureBusinessContext(db, shop, NOW)).toBeNull(); // nothing to propose from yet
    await seedHistory(db, shop);
    const proposed = await ensureBusinessContext(db, shop, NOW);
    expect(proposed).toMatchObject({ version: 1, source: "proposed", createdBy: PROPOSER });
    expect(proposed?.bestCustomers).toBe(
      "25% of our 4 customers have ordered more than once. The average order is $189. Most of them live in Canada (50%) and United States (25%).",
    );
    expect(proposed?.whatTheyBuy).toBe(
      "Best sellers: Ridge Tent and Trail Stove. Most-bought categories: Tents and Stoves.",
    );
    expect((await ensureBusinessContext(db, shop, NOW))?.version).toBe(1);
    // Two first opens at once (two tabs) still leave one proposal.
    const racing = uniqueShop("ctx");
    await seedShop(db, racing);
    await seedHistory(db, racing);
    const both = await Promise.all([
      ensureBusinessContext(db, racing, NOW),
      ensureBusinessContext(db, racing, NOW),
    ]);
    expect(both.map((c) => c?.version)).toEqual([1, 1]);
    expect(await listBusinessContextVersions(db, racing)).toHaveLength(1);

    // The import finishing with the same history proposes nothing new; more history does.
    expect((await refreshProposal(db, shop, NOW))?.version).toBe(1);
    await seedProduct(db, shop, { shopifyId: "503", title: "Camp Mug", productType: "Mugs" });
    await db.order.create({
      data: {
        shop,
        shopifyId: "o-more",
        totalMinor: 1_500,
        processedAt: NOW,
        lines: { create: [{ shop, title: "Camp Mug", productType: "Mugs", quantity: 9 }] },
      },
    });
    const refreshed = await refreshProposal(db, shop, NOW);
    expect(refreshed).toMatchObject({ version: 2, source: "proposed" });
    expect(refreshed?.whatTheyBuy).toMatch(/^Best sellers: Camp Mug, Ridge Tent and Trail Stove\./);

    // Once the merchant has written theirs, a later import leaves it alone.
    await saveBusinessContext(db, shop, { ...EMPTY_CONTEXT, bestCustomers: "Our regulars." }, "owner", {
      now: NOW,
    });
    expect(await refreshProposal(db, shop, NOW)).toMatchObject({ version: 3, source: "merchant" });
    expect((await listBusinessContextVersions(db, shop)).length).toBe(3);
  });

  it("the history import finishing (orders_backfilled) proposes it through the real subscribers", async () => {
    const db = getDb();
    const shop = uniqueShop("ctx");
    await seedShop(db, shop);
    await seedHistory(db, shop);
    await publish(db, { type: "orders_backfilled", shop, at: NOW });
    expect(await getBusinessContext(db, shop)).toMatchObject({ version: 1, source: "proposed" });
  });
});

describe("drafts and the business context", () => {
  it("a draft records the version it was written from, and the provider was given its text", async () => {
    const db = getDb();
    const shop = uniqueShop("ctx");
    await seedShop(db, shop);
    await seedProduct(db, shop, { shopifyId: "601", title: "Ridge Tent" });
    const seen: ProviderRequest[] = [];
    const provider = {
      author: "scripted-model",
      async write(r: ProviderRequest) {
        seen.push(r);
        return {
          ok: true as const,
          output: draftFromTemplate(r.input),
          author: "scripted-model",
          inputTokens: 1,
          outputTokens: 1,
          cached: false,
          attempts: 1,
        };
      },
    };
    const target = {
      flowKey: "checkout_abandonment",
      stepKey: "checkout_abandonment.reminder",
      productShopifyId: "601",
    };
    const before = await generateDraft(db, fixedDrafting(provider, 1), shop, target, {
      actor: "system",
      now: NOW,
    });
    await saveBusinessContext(
      db,
      shop,
      { ...EMPTY_CONTEXT, shopStandsFor: "Repair before replace." },
      "owner",
      {
        now: NOW,
      },
    );
    const after = await generateDraft(db, fixedDrafting(provider, 1), shop, target, {
      actor: "system",
      now: NOW,
    });
    const rows = await db.draft.findMany({
      where: { shop, id: { in: [before.id, after.id] } },
      select: { id: true, businessContextVersion: true },
    });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.businessContextVersion]))).toEqual({
      [before.id]: null,
      [after.id]: 1,
    });
    const user = seen[1].prompt.messages[1].content;
    expect(user.slice(user.indexOf("<data>"))).toContain("Repair before replace.");
    expect(seen[1].prompt.messages[0].content).not.toContain("Repair before replace.");
    expect(seen[0].prompt.messages[1].content).not.toContain("business_context");
  });
});
