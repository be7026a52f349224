// Install as Shopify drives it, from an empty database: App Bridge's session token reaches the
// admin's real loader, token exchange runs against the Shopify stand-in, afterAuth creates the Shop
// row from the Admin API `shop` query, activates the pixel and starts the backfill. A second
// afterAuth (scope change) changes nothing; shop/update keeps the profile current.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { recomputeOrderStats } from "../../../app/store/customers.server";
import type { Db } from "../../../app/db/client.server";
import { pixelToken } from "../../../app/pixel/token";
import { pixelSigningSecret } from "../../../app/pixel/wiring.server";
import { createTestDatabase, openTestDb, uniqueShop } from "../../support/database";
import { TEST_APP_URL } from "../../support/env";
import { callRoute, processWebhooks } from "../../support/journey";
import { type ShopifyStandIn, startShopifyStandIn } from "../../support/shopify-stand-in";
import { examplePayload, signedWebhookRequest } from "../../support/webhooks";
import { action as appWebhooks } from "../../../app/routes/webhooks.app";
import { loader as settingsLoader } from "../../../app/routes/app.settings";
import { adminArgs, openAdmin as openInstalledAdmin, rowsOfShop, seedShopifyStore } from "./install-support";

let shopifyDb: Db;
let standIn: ShopifyStandIn;

beforeAll(async () => {
  shopifyDb = await openTestDb(await createTestDatabase("shopify"));
  standIn = startShopifyStandIn({ shopifyDb: () => shopifyDb, scopes: "read_orders,read_customers" });
});

afterAll(async () => {
  standIn.restore();
  await shopifyDb.$disconnect();
});

const openAdmin = (shop: string) => openInstalledAdmin(standIn, shop);

describe("installing Tend on a real shop", () => {
  it("creates the shop from the Admin API on first auth, activates the pixel and starts the backfill", async () => {
    const db = getDb();
    const shop = uniqueShop("install");
    await seedShopifyStore(shopifyDb, shop, { timeZone: "America/Los_Angeles", customers: 12 });
    expect(await rowsOfShop(db, shop)).toEqual({});

    const result = (await openAdmin(shop)) as { shop: string };
    expect(result.shop).toBe(shop);

    const row = await db.shop.findUniqueOrThrow({ where: { shop } });
    expect(row).toMatchObject({
      name: "Juniper Trail Goods",
      currency: "CAD",
      timeZone: "America/Los_Angeles",
      uninstalledAt: null,
      shopifyShopId: "1",
    });
    expect(await db.session.count({ where: { shop, isOnline: false } })).toBe(1);
    const settings = await db.shopSettings.findUniqueOrThrow({ where: { shop } });
    expect(settings.senderName).toBe("Juniper Trail Goods");
    // The settings page shows the zone quiet hours run in.
    const page = await settingsLoader(await adminArgs(standIn, shop, "/app/settings"));
    expect(page.timeZone).toBe("America/Los_Angeles");
    // The pixel was created on "Shopify" with this shop's signed token and Tend's collector.
    const pixel = await shopifyDb.appState.findFirst({
      where: { shop, key: { startsWith: "demo.webPixel" } },
    });
    expect(pixel?.value).toContain(pixelToken(shop, pixelSigningSecret()));
    expect(pixel?.value).toContain(`${TEST_APP_URL}/api/pixel`);
    // Backfill: three jobs, the first bulk operation running at Shopify.
    const jobs = await db.backfillJob.findMany({ where: { shop }, orderBy: { startedAt: "asc" } });
    expect(jobs.map((j) => [j.resource, j.status])).toEqual([
      ["customers", "running"],
      ["products", "pending"],
      ["orders", "pending"],
    ]);
    expect(standIn.calls.filter((c) => c.shop === shop).map((c) => c.kind)).toContain("token");
  });

  it("a second afterAuth (Shopify re-authenticates on a scope change) changes no row", async () => {
    const db = getDb();
    const shop = uniqueShop("reauth");
    await seedShopifyStore(shopifyDb, shop, { timeZone: "Europe/Berlin", customers: 5 });
    await openAdmin(shop);
    const before = await rowsOfShop(db, shop, { ignore: ["Session"] });
    await db.session.deleteMany({ where: { shop } }); // the next visit exchanges a token again
    await openAdmin(shop);
    expect(await db.session.count({ where: { shop } })).toBe(1);
    expect(await rowsOfShop(db, shop, { ignore: ["Session"] })).toEqual(before);
  });

  it("shop/update keeps name, currency and time zone current, and an older delivery changes nothing", async () => {
    const db = getDb();
    const shop = uniqueShop("shopupdate");
    await seedShopifyStore(shopifyDb, shop, { timeZone: "America/Los_Angeles", customers: 3 });
    await openAdmin(shop);
    const deliver = async (body: Record<string, unknown>) => {
      const response = await callRoute(
        appWebhooks,
        signedWebhookRequest({ topic: "shop/update", shop, body }),
      );
      expect(response.status).toBe(200);
      await processWebhooks();
    };
    // Shopify's documented body, as it would come for this shop (its id and domain).
    const example = { ...examplePayload("shop/update"), id: 1, myshopify_domain: shop, domain: shop };
    // A customer whose first order was placed at 22:30 on 1 March in Los Angeles (06:30 UTC on the 2nd).
    await db.order.create({
      data: {
        shop,
        shopifyId: "77001",
        customerShopifyId: "66001",
        processedAt: new Date("2026-03-02T06:30:00Z"),
      },
    });
    await recomputeOrderStats(db, shop, ["66001"]);
    const monthDay = async () =>
      (await db.customer.findUniqueOrThrow({ where: { shop_shopifyId: { shop, shopifyId: "66001" } } }))
        .firstOrderMonthDay;
    expect(await monthDay()).toBe("03-01");
    await deliver({
      ...example,
      name: "Juniper & Co",
      currency: "USD",
      iana_timezone: "America/New_York",
      updated_at: "2026-11-02T10:00:00Z",
    });
    expect(await db.shop.findUniqueOrThrow({ where: { shop } })).toMatchObject({
      name: "Juniper & Co",
      currency: "USD",
      timeZone: "America/New_York",
    });
    expect(await monthDay()).toBe("03-02"); // 01:30 on the 2nd in New York: the anniversary moved with the zone
    await deliver({
      ...example,
      name: "Old name",
      iana_timezone: "Asia/Tokyo",
      updated_at: "2026-11-01T10:00:00Z",
    });
    await deliver({
      ...example,
      name: "Juniper & Co",
      iana_timezone: "Not/AZone",
      updated_at: "2026-11-03T10:00:00Z",
    });
    expect(await db.shop.findUniqueOrThrow({ where: { shop } })).toMatchObject({
      name: "Juniper & Co",
      timeZone: "America/New_York",
    });
  });
});
