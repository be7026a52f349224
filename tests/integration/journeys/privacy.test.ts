// Journey 10: Shopify sends customers/data_request, the merchant downloads what Tend holds from the
// privacy page (the dashboard says one is waiting); customers/redact then erases the customer from
// every table, pixel events and clicks included. A new table cannot escape: every Prisma model
// must say how a redaction treats it.
import { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { loader as dashboardLoader } from "../../../app/routes/app._index";
import { loader as downloadLoader } from "../../../app/routes/app.privacy.$id.download";
import { loader as privacyLoader } from "../../../app/routes/app.privacy";
import { CUSTOMER_COLUMNS, CUSTOMER_DATA } from "../../../app/store/customer-data";
import type { Db } from "../../../app/db/client.server";
import { createTestDatabase, openTestDb, uniqueShop } from "../../support/database";
import { type ShopifyStandIn, startShopifyStandIn } from "../../support/shopify-stand-in";
import {
  checkoutPayload,
  clock,
  customerPayload,
  nextId,
  orderPayload,
  type Shopper,
  webhook,
} from "../../support/journey";
import { examplePayload } from "../../support/webhooks";
import { adminArgs, openAdmin, seedShopifyStore } from "./install-support";

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

const adminRequest = (shop: string, path: string, params = {}) => adminArgs(standIn, shop, path, params);

/** Models whose customer-looking column belongs to the merchant (staff sessions, the shop's own email). */
const MERCHANT_ONLY = new Set(["Session", "Shop"]);

describe("which tables hold customer data", () => {
  it("every Prisma model says how customers/redact treats it", () => {
    const models = Prisma.dmmf.datamodel.models.map((m) => m.name).sort();
    expect(Object.keys(CUSTOMER_DATA).sort()).toEqual(models);
  });

  it("a model with a customer column is redacted, never left as holding nothing", () => {
    for (const m of Prisma.dmmf.datamodel.models) {
      const columns = m.fields.filter((f) => CUSTOMER_COLUMNS.has(f.name)).map((f) => f.name);
      if (columns.length === 0 || MERCHANT_ONLY.has(m.name)) continue;
      expect(CUSTOMER_DATA[m.name]?.handling, `${m.name} has ${columns.join(", ")}`).not.toBe("none");
    }
  });
});

/** Every string value of every row of the shop, table by table, that contains one of `needles`. */
async function mentions(shop: string, needles: string[]): Promise<string[]> {
  const db = getDb() as unknown as Record<
    string,
    { findMany(a: unknown): Promise<Record<string, unknown>[]> }
  >;
  const found: string[] = [];
  for (const m of Prisma.dmmf.datamodel.models) {
    if (!m.fields.some((f) => f.name === "shop")) continue;
    const rows = await db[m.name[0].toLowerCase() + m.name.slice(1)].findMany({ where: { shop } });
    for (const row of rows)
      for (const [column, value] of Object.entries(row))
        if (typeof value === "string" && needles.some((n) => value.toLowerCase().includes(n.toLowerCase())))
          found.push(`${m.name}.${column}`);
  }
  return [...new Set(found)].sort();
}

describe("a customer's data request and erasure", () => {
  it("exports to the merchant, then erases the customer everywhere", async () => {
    const db = getDb();
    const shop = uniqueShop("privacy");
    await seedShopifyStore(shopifyDb, shop, { timeZone: "America/Denver", customers: 2 });
    await openAdmin(standIn, shop); // installed through afterAuth: the Shop row knows Shopify's shop id
    const shopId = Number((await db.shop.findUniqueOrThrow({ where: { shop } })).shopifyShopId);
    const shopper: Shopper = { customerId: nextId(), email: "wren.okafor@example.net", firstName: "Wrenna" };
    const token = `tok${nextId()}`;
    const lines = [
      {
        productId: nextId(),
        variantId: nextId(),
        title: "Camp Kettle",
        variantTitle: null,
        quantity: 1,
        price: "39.00",
      },
    ];
    const at = clock.now();
    await webhook({
      topic: "customers/create",
      shop,
      body: customerPayload(shopper, { state: "subscribed", at }, at),
    });
    await webhook({
      topic: "checkouts/create",
      shop,
      body: checkoutPayload(shop, { token, shopper, lines, createdAt: at, updatedAt: at }),
    });
    const orderId = nextId();
    await webhook({
      topic: "orders/create",
      shop,
      body: orderPayload({ orderId, name: "#1042", checkoutToken: token, shopper, lines, processedAt: at }),
    });
    // What the storefront and the emails left behind: a browse event, a message and its click.
    await db.pixelEvent.create({
      data: {
        shop,
        eventId: nextId(),
        name: "product_viewed",
        customerShopifyId: shopper.customerId,
        occurredAt: at,
      },
    });
    await db.pixelEvent.create({
      data: { shop, eventId: nextId(), name: "checkout_started", checkoutToken: token, occurredAt: at },
    });
    const message = await db.message.create({
      data: {
        shop,
        runId: `run${nextId()}`,
        stepIndex: 0,
        flowKey: "checkout_abandonment",
        customerShopifyId: shopper.customerId,
        email: shopper.email,
        messageIdHeader: `<${nextId()}@tend.test>`,
        subject: `Wrenna, your Camp Kettle is waiting`,
        html: "<p>Hi Wrenna</p>",
        status: "sent",
      },
    });
    await db.click.create({ data: { shop, messageId: message.id, url: `https://${shop}/cart` } });

    const compliance = (topic: string) => ({
      ...examplePayload(topic),
      shop_id: shopId,
      shop_domain: shop,
      customer: { id: Number(shopper.customerId), email: shopper.email, phone: null },
    });
    await webhook({
      topic: "customers/data_request",
      shop,
      body: { ...compliance("customers/data_request"), orders_requested: [Number(orderId)] },
    });

    // The dashboard says a request is waiting; the privacy page lists it with a download.
    const dashboard = await dashboardLoader(await adminRequest(shop, "/app"));
    expect(dashboard.dataRequests).toBe(1);
    const listed = await privacyLoader(await adminRequest(shop, "/app/privacy"));
    expect(listed.records).toMatchObject([
      { kind: "data_request", email: shopper.email, downloadable: true },
    ]);
    const id = listed.records[0].id;
    const download = await downloadLoader(await adminRequest(shop, `/app/privacy/${id}/download`, { id }));
    expect(download.headers.get("Content-Disposition")).toMatch(/attachment; filename="tend-data-request-/);
    const exported = JSON.parse(await download.text());
    expect(exported.customer.email).toBe(shopper.email);
    expect(exported.orders.map((o: { shopifyId: string }) => o.shopifyId)).toEqual([orderId]);
    expect(exported.pixelEvents).toHaveLength(1);
    expect(exported.clicks).toHaveLength(1);
    expect((await dashboardLoader(await adminRequest(shop, "/app"))).dataRequests).toBe(0);
    // Another shop cannot fetch it.
    const other = uniqueShop("privacy-other");
    await seedShopifyStore(shopifyDb, other, { timeZone: "UTC", customers: 1 });
    await openAdmin(standIn, other);
    await expect(
      downloadLoader(await adminRequest(other, `/app/privacy/${id}/download`, { id })),
    ).rejects.toMatchObject({
      status: 404,
    });

    await webhook({
      topic: "customers/redact",
      shop,
      body: { ...compliance("customers/redact"), orders_to_redact: [Number(orderId)] },
    });
    expect(await mentions(shop, [shopper.email, "Wrenna", "Walker", `k${token}`])).toEqual([]);
    // Checkout tokens stay as the join keys of anonymous totals; the recovery link (its key) is gone.
    expect(await db.pixelEvent.count({ where: { shop } })).toBe(0);
    expect(await db.click.count({ where: { shop } })).toBe(0);
    const after = await privacyLoader(await adminRequest(shop, "/app/privacy"));
    expect(after.records.find((r) => r.kind === "data_request")?.downloadable).toBe(false);
    expect(after.records.map((r) => r.kind)).toContain("customers_redact");
  });
});
