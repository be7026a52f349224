// Shared by the install journeys: "Shopify's" own store (a separate database the Admin API stand-in
// answers from), every row Tend holds for a shop, and the merchant opening the embedded admin.
import type { Db } from "../../../app/db/client.server";
import { seedDemoShop } from "../../../app/demo/seed.server";
import { loader as appLoader } from "../../../app/routes/app";
import { shopScopedModels } from "../../../app/store/compliance.server";
import { TEST_APP_URL } from "../../support/env";
import type { ShopifyStandIn } from "../../support/shopify-stand-in";

export const STORE_NAME = "Juniper Trail Goods";

/** The merchant's store as it lives at Shopify: products, customers and two years of orders. */
export async function seedShopifyStore(
  shopifyDb: Db,
  shop: string,
  options: { timeZone: string; customers: number; now?: Date },
): Promise<void> {
  await seedDemoShop(shopifyDb, shop, options.now ?? new Date("2026-11-20T18:00:00Z"), options.customers);
  await shopifyDb.shop.update({
    where: { shop },
    data: { name: STORE_NAME, currency: "CAD", timeZone: options.timeZone, email: "owner@juniper.example" },
  });
}

/** Every row Tend holds for `shop`, per model; models without rows are left out. */
export async function rowsOfShop(
  db: Db,
  shop: string,
  options: { ignore?: string[] } = {},
): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const model of shopScopedModels()) {
    if (options.ignore?.includes(model)) continue;
    const delegate = (db as unknown as Record<string, { findMany(args: unknown): Promise<unknown[]> }>)[
      model[0].toLowerCase() + model.slice(1)
    ];
    const rows = await delegate.findMany({ where: { shop } });
    if (rows.length) out[model] = rows;
  }
  return out;
}

/** The merchant opens Tend in Shopify admin: App Bridge calls the app with a session token. */
export async function openAdmin(standIn: ShopifyStandIn, shop: string): Promise<unknown> {
  const token = await standIn.sessionToken(shop);
  const request = new Request(`${TEST_APP_URL}/app?shop=${shop}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return appLoader({ request, params: {}, context: {} }).catch((thrown: unknown) => thrown);
}

/** Loader/action arguments for an admin page, as App Bridge calls it for the installed `shop`. */
export async function adminArgs(standIn: ShopifyStandIn, shop: string, path: string, params = {}) {
  const token = await standIn.sessionToken(shop);
  const request = new Request(`${TEST_APP_URL}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { request, params, context: {} };
}

/** A form the merchant submits on an admin page (App Bridge adds the session token). */
export async function adminPost(
  standIn: ShopifyStandIn,
  shop: string,
  path: string,
  form: Record<string, string | string[]>,
  params = {},
) {
  const token = await standIn.sessionToken(shop);
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
  const request = new Request(`${TEST_APP_URL}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  return { request, params, context: {} };
}
