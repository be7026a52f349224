// Two shops with the very same Shopify ids: nothing one shop receives, redacts or deletes reaches the other.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { examplePayload, installedShop } from "../../support/webhooks";
import { storeSnapshot } from "./snapshot";
import { deliver, drain } from "./support";

async function seed(shop: string) {
  for (const topic of ["customers/create", "orders/create", "checkouts/create", "products/create"]) {
    await deliver({ topic, shop, body: examplePayload(topic) });
  }
  await drain();
}

describe("two shops, same customer ids", () => {
  it("customers/redact in one shop leaves the other intact", async () => {
    const a = await installedShop(getDb(), "a", { shopifyShopId: "1" });
    const b = await installedShop(getDb(), "b");
    await seed(a);
    await seed(b);
    const before = await storeSnapshot(b);
    expect(before.customers.length).toBeGreaterThan(0);
    await deliver({
      topic: "customers/redact",
      shop: a,
      body: {
        shop_id: 1,
        shop_domain: a,
        customer: { id: "115310627314723954", email: "john@example.com", phone: null },
        orders_to_redact: ["820982911946154508"],
      },
    });
    await drain();
    const redacted = await getDb().customer.findUniqueOrThrow({
      where: { shop_shopifyId: { shop: a, shopifyId: "115310627314723954" } },
    });
    expect(redacted).toMatchObject({ email: null, firstName: null, marketingState: "REDACTED" });
    expect((await getDb().order.findFirstOrThrow({ where: { shop: a } })).email).toBeNull();
    expect(await storeSnapshot(b)).toEqual(before);
  });

  it("shop/redact of one shop deletes nothing of the other", async () => {
    const a = await installedShop(getDb(), "a", { shopifyShopId: "1" });
    const b = await installedShop(getDb(), "b");
    await seed(a);
    await seed(b);
    const before = await storeSnapshot(b);
    await getDb().shop.update({ where: { shop: a }, data: { uninstalledAt: new Date() } }); // as Shopify requires
    await deliver({ topic: "shop/redact", shop: a, body: { shop_id: 1, shop_domain: a } });
    await drain();
    const gone = await storeSnapshot(a);
    expect(gone).toEqual({ customers: [], orders: [], checkouts: [], products: [] });
    expect(await storeSnapshot(b)).toEqual(before);
    expect(await getDb().webhookEvent.count({ where: { shop: b } })).toBe(4);
  });

  it("a data request exports only the requesting shop's rows", async () => {
    const a = await installedShop(getDb(), "a", { shopifyShopId: "1" });
    const b = await installedShop(getDb(), "b");
    await seed(a);
    await seed(b);
    await deliver({
      topic: "customers/data_request",
      shop: a,
      body: {
        shop_id: 1,
        shop_domain: a,
        customer: { id: "115310627314723954", email: "john@example.com", phone: null },
        orders_requested: [],
        data_request: { id: 1 },
      },
    });
    await drain();
    const record = await getDb().complianceRecord.findFirstOrThrow({
      where: { shop: a, kind: "data_request" },
    });
    const data = JSON.parse(record.export ?? "{}");
    expect(data.orders).toHaveLength(1);
    for (const row of [data.customer, ...data.orders, ...data.checkouts]) expect(row.shop).toBe(a);
    expect(await getDb().complianceRecord.count({ where: { shop: b } })).toBe(0);
  });
});
