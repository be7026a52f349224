// Seeds the demo shop through the same store functions the webhooks and the backfill use, so the
// derived fields (order statistics, anniversary day, product hashes) are computed the real way.
// Idempotent: the generation anchor is kept in AppState, so a re-run regenerates identical data
// and the store's "newer wins" rule makes it a no-op.
import type { Db } from "../db.server";
import { applyCheckouts } from "../store/checkouts.server";
import { applyCustomers } from "../store/customers.server";
import { applyOrders } from "../store/orders.server";
import { applyProducts } from "../store/products.server";
import { ensureShop, updateShopDetails } from "../store/shops.server";
import { generateDemoData } from "./generate";
import { DEMO_PROFILE, DEMO_VOICE_GUIDE } from "./shop-profile";

export const SEED_ANCHOR_KEY = "demo.seedAnchor";

export interface SeedResult {
  shop: string;
  anchor: Date;
  created: { products: number; customers: number; orders: number; checkouts: number };
}

async function seedAnchor(db: Db, shop: string, now: Date): Promise<Date> {
  const row = await db.appState.findUnique({ where: { shop_key: { shop, key: SEED_ANCHOR_KEY } } });
  if (row) return new Date(row.value);
  // Whole minutes keep the anchor stable when printed and parsed back.
  const anchor = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  await db.appState.create({ data: { shop, key: SEED_ANCHOR_KEY, value: anchor.toISOString() } });
  return anchor;
}

export async function seedDemoShop(
  db: Db,
  shop: string,
  now: Date,
  customerCount = 300,
): Promise<SeedResult> {
  const anchor = await seedAnchor(db, shop, now);
  const data = generateDemoData(anchor, customerCount);
  await ensureShop(db, shop, new Date(anchor.getTime() - 730 * 86_400_000));
  await updateShopDetails(db, shop, DEMO_PROFILE);
  await db.shopSettings.upsert({
    where: { shop },
    create: {
      shop,
      senderName: DEMO_PROFILE.senderName,
      replyTo: DEMO_PROFILE.replyTo,
      postalAddress: DEMO_PROFILE.postalAddress,
    },
    update: {},
  });
  if (!(await db.voiceGuide.findFirst({ where: { shop }, select: { id: true } }))) {
    const v = DEMO_VOICE_GUIDE;
    await db.voiceGuide.create({
      data: {
        shop,
        version: 1,
        examples: JSON.stringify(v.examples),
        rules: JSON.stringify(v.rules),
        genericSample: v.genericSample,
        voiceSample: v.voiceSample,
        bannedWords: JSON.stringify(v.bannedWords),
        maxDiscountPercent: v.maxDiscountPercent,
        signOff: v.signOff,
        createdBy: "demo seed",
      },
    });
  }
  const created = { products: 0, customers: 0, orders: 0, checkouts: 0 };
  // Batched in transactions: one fsync per batch instead of per row.
  await db.$transaction(async (tx) => {
    created.products = (await applyProducts(tx, shop, data.products)).filter((c) => c.created).length;
  });
  // Batches of 200 also keep each lookup under the database's bound-parameter limit.
  for (let i = 0; i < data.customers.length; i += 200) {
    const batch = data.customers.slice(i, i + 200);
    await db.$transaction(async (tx) => {
      created.customers += (await applyCustomers(tx, shop, batch)).filter((c) => c.created).length;
    });
  }
  for (let i = 0; i < data.orders.length; i += 200) {
    const batch = data.orders.slice(i, i + 200);
    await db.$transaction(async (tx) => {
      created.orders += (await applyOrders(tx, shop, batch)).filter((c) => c.created).length;
    });
  }
  await db.$transaction(async (tx) => {
    created.checkouts = (await applyCheckouts(tx, shop, data.checkouts)).filter((c) => c.created).length;
  });
  return { shop, anchor, created };
}
