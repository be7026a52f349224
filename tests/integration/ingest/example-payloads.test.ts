// Every example payload Shopify documents (2026-07) for the topics Tend subscribes to goes through
// the signed route and the processor, and lands in the store with the fields Tend relies on.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { compliancePayload, EXAMPLE_SHOP_ID, examplePayload, installedShop } from "../../support/webhooks";
import { deliver, drain, eventsFor } from "./support";

const db = () => getDb();

async function roundTrip(topic: string, shop: string, body: object = examplePayload(topic)) {
  const response = await deliver({ topic, shop, body });
  expect(response.status).toBe(200);
  await drain();
  const row = await db().webhookEvent.findFirst({ where: { shop, topic }, orderBy: { receivedAt: "desc" } });
  return { body: body as Record<string, unknown>, row };
}

describe("Shopify's example payloads through the signed route", () => {
  it.each(["checkouts/create", "checkouts/update"])(
    "%s stores the checkout by token with lines and customer",
    async (topic) => {
      const shop = await installedShop(getDb());
      const { row } = await roundTrip(topic, shop);
      expect(row?.status).toBe("processed");
      const checkout = await db().checkout.findUniqueOrThrow({
        where: { shop_token: { shop, token: "123123123" } },
      });
      expect(checkout).toMatchObject({
        cartToken: "eeafa272cebfd4b22385bc4b645e762c",
        email: "example@email.com",
        emailLower: "example@email.com",
        abandonedCheckoutUrl:
          "https://checkout.local/548380009/checkouts/123123123/recover?key=example-secret-token",
        buyerAcceptsMarketing: false,
        currency: "USD",
        totalMinor: 42188,
        customerShopifyId: "603851970716743426",
        completedAt: null,
      });
      expect(checkout.sourceUpdatedAt?.toISOString()).toBe("2022-01-01T00:00:00.000Z");
      const lines = JSON.parse(checkout.lines);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({
        productId: "632910392",
        variantId: "808950810",
        title: "IPod Nano - 8GB",
        variantTitle: "Pink",
        quantity: 1,
        priceMinor: 19900,
      });
      const customer = await db().customer.findUniqueOrThrow({
        where: { shop_shopifyId: { shop, shopifyId: "603851970716743426" } },
      });
      expect(customer).toMatchObject({
        email: "john@example.com",
        firstName: "John",
        lastName: "Smith",
        countryCode: "CA",
      });
      expect(eventsFor(shop).map((e) => e.type)).toContain("checkout_updated");
    },
  );

  it.each(["orders/create", "orders/updated", "orders/paid", "orders/cancelled"])(
    "%s stores the order, its lines and the customer picture",
    async (topic) => {
      const shop = await installedShop(getDb());
      const { body, row } = await roundTrip(topic, shop);
      expect(row?.status).toBe("processed");
      const order = await db().order.findUniqueOrThrow({
        where: { shop_shopifyId: { shop, shopifyId: "820982911946154508" } },
        include: { lines: true },
      });
      expect(order).toMatchObject({
        name: "#9999",
        email: "jon@example.com",
        customerShopifyId: "115310627314723954",
        currency: "USD",
        totalMinor: 40495,
        subtotalMinor: 40495,
        financialStatus: "voided",
        sourceName: "web",
      });
      expect(order.processedAt.toISOString()).toBe("2022-01-01T00:00:00.000Z");
      expect(order.cancelledAt?.toISOString()).toBe("2022-01-01T00:00:00.000Z");
      const items = body.line_items as { title: string; price: string; quantity: number }[];
      expect(order.lines).toHaveLength(items.length);
      const first = order.lines.find((l) => l.shopifyId === "487817672276298554");
      expect(first).toMatchObject({
        title: "Aviator sunglasses",
        priceMinor: 8999,
        quantity: 1,
        sku: "SKU2006-001",
      });
      const customer = await db().customer.findUniqueOrThrow({
        where: { shop_shopifyId: { shop, shopifyId: "115310627314723954" } },
      });
      expect(customer).toMatchObject({ email: "john@example.com", firstName: "John", countryCode: "CA" });
      // The example order is cancelled: it does not count towards the customer's statistics.
      expect(customer).toMatchObject({ ordersCount: 0, totalSpentMinor: 0, firstOrderAt: null });
      const types = eventsFor(shop).map((e) => e.type);
      expect(types).toContain("order_created");
      expect(types).toContain("order_cancelled");
    },
  );

  it.each(["customers/create", "customers/update"])("%s stores the customer profile", async (topic) => {
    const shop = await installedShop(getDb());
    await roundTrip(topic, shop);
    const customer = await db().customer.findUniqueOrThrow({
      where: { shop_shopifyId: { shop, shopifyId: "706405506930370084" } },
    });
    expect(customer).toMatchObject({
      email: "bob@biller.com",
      emailLower: "bob@biller.com",
      firstName: "Bob",
      lastName: "Biller",
      countryCode: "CA",
      marketingState: "NOT_SUBSCRIBED",
    });
    expect(customer.sourceUpdatedAt?.toISOString()).toBe("2022-01-01T00:00:00.000Z");
    expect(eventsFor(shop)).toContainEqual(
      expect.objectContaining({ type: "customer_updated", customerShopifyId: "706405506930370084" }),
    );
  });

  it("customers/delete leaves only a tombstone without personal data", async () => {
    const shop = await installedShop(getDb());
    await roundTrip("customers/create", shop);
    await roundTrip("customers/delete", shop);
    const customer = await db().customer.findUniqueOrThrow({
      where: { shop_shopifyId: { shop, shopifyId: "706405506930370084" } },
    });
    expect(customer).toMatchObject({
      email: null,
      firstName: null,
      lastName: null,
      marketingState: "REDACTED",
    });
    expect(customer.redactedAt).not.toBeNull();
    // A late update (reordered delivery) cannot bring the data back.
    await roundTrip("customers/update", shop);
    expect((await db().customer.findFirstOrThrow({ where: { shop } })).email).toBeNull();
  });

  it("customers_email_marketing_consent/update records the consent state and its email", async () => {
    const shop = await installedShop(getDb());
    const body = { ...examplePayload("customers_email_marketing_consent/update") };
    (body.email_marketing_consent as Record<string, unknown>).state = "subscribed";
    (body.email_marketing_consent as Record<string, unknown>).opt_in_level = "single_opt_in";
    await roundTrip("customers_email_marketing_consent/update", shop, body);
    const customer = await db().customer.findFirstOrThrow({ where: { shop } });
    expect(customer).toMatchObject({
      shopifyId: String(body.customer_id),
      email: "bob@biller.com",
      marketingState: "SUBSCRIBED",
      marketingOptInLevel: "SINGLE_OPT_IN",
    });
    expect(eventsFor(shop)).toContainEqual(
      expect.objectContaining({ type: "consent_changed", state: "SUBSCRIBED", email: "bob@biller.com" }),
    );
    // The unmodified example says not_subscribed: a newer delivery turns it off again.
    await roundTrip(
      "customers_email_marketing_consent/update",
      shop,
      examplePayload("customers_email_marketing_consent/update"),
    );
    expect((await db().customer.findFirstOrThrow({ where: { shop } })).marketingState).toBe("NOT_SUBSCRIBED");
  });

  it.each(["products/create", "products/update"])(
    "%s stores plain text, variants, prices and the content hash",
    async (topic) => {
      const shop = await installedShop(getDb());
      await roundTrip(topic, shop);
      const product = await db().product.findUniqueOrThrow({
        where: { shop_shopifyId: { shop, shopifyId: "788032119674292922" } },
      });
      expect(product).toMatchObject({
        title: "Example T-Shirt",
        handle: "example-t-shirt",
        description: "An example T-Shirt",
        productType: "Shirts",
        vendor: "Acme",
        status: "ACTIVE",
        minPriceMinor: 1999,
        tags: "example, mens, t-shirt",
      });
      expect(product.contentHash).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.parse(product.variants)).toEqual([
        {
          id: "642667041472713922",
          title: "Small",
          priceMinor: 1999,
          inventoryQuantity: 75,
          available: true,
        },
        {
          id: "757650484644203962",
          title: "Medium",
          priceMinor: 1999,
          inventoryQuantity: 50,
          available: true,
        },
      ]);
      expect(eventsFor(shop)).toContainEqual(
        expect.objectContaining({ type: "product_updated", productShopifyId: "788032119674292922" }),
      );
    },
  );

  it("products/delete marks the product deleted and publishes product_deleted", async () => {
    const shop = await installedShop(getDb());
    const { body } = await roundTrip("products/delete", shop);
    const product = await db().product.findUniqueOrThrow({
      where: { shop_shopifyId: { shop, shopifyId: String(body.id) } },
    });
    expect(product.deletedAt).not.toBeNull();
    expect(eventsFor(shop)).toContainEqual(
      expect.objectContaining({ type: "product_deleted", productShopifyId: String(body.id) }),
    );
  });

  it("bulk_operations/finish for an operation Tend did not start is acknowledged and ignored", async () => {
    const shop = await installedShop(getDb());
    const { row } = await roundTrip("bulk_operations/finish", shop);
    expect(row?.status).toBe("processed");
    expect(await db().backfillJob.count({ where: { shop } })).toBe(0);
  });

  it("app/uninstalled deletes sessions, marks the shop and publishes shop_uninstalled", async () => {
    const shop = await installedShop(getDb());
    await db().session.create({ data: { id: `offline_${shop}`, shop, state: "x", accessToken: "tok" } });
    await roundTrip("app/uninstalled", shop);
    expect(await db().session.count({ where: { shop } })).toBe(0);
    const row = await db().shop.findUniqueOrThrow({ where: { shop } });
    expect(row.uninstalledAt).not.toBeNull();
    expect(row).toMatchObject({ name: "Super Toys", email: "super@supertoys.com", currency: "USD" });
    expect(eventsFor(shop).map((e) => e.type)).toEqual(["shop_uninstalled"]);
  });

  it("app/scopes_update stores the new scope on the shop and its sessions", async () => {
    const shop = await installedShop(getDb());
    await db().session.create({
      data: { id: `offline_${shop}`, shop, state: "x", accessToken: "tok", scope: "read_products" },
    });
    await roundTrip("app/scopes_update", shop);
    expect((await db().shop.findUniqueOrThrow({ where: { shop } })).scope).toBe(
      "read_products,write_products",
    );
    expect((await db().session.findFirstOrThrow({ where: { shop } })).scope).toBe(
      "read_products,write_products",
    );
  });

  it("customers/data_request keeps an export of what Tend holds on the customer", async () => {
    const shop = await installedShop(getDb(), "shop", { shopifyShopId: EXAMPLE_SHOP_ID });
    await db().customer.create({
      data: {
        shop,
        shopifyId: "191167",
        email: "john@example.com",
        emailLower: "john@example.com",
        firstName: "John",
      },
    });
    await db().order.create({
      data: {
        shop,
        shopifyId: "299938",
        customerShopifyId: "191167",
        email: "john@example.com",
        processedAt: new Date("2025-01-02T00:00:00Z"),
        totalMinor: 1234,
      },
    });
    await db().suppression.create({ data: { shop, emailLower: "john@example.com", reason: "unsubscribe" } });
    await roundTrip("customers/data_request", shop, compliancePayload("customers/data_request", shop));
    const record = await db().complianceRecord.findFirstOrThrow({ where: { shop, kind: "data_request" } });
    expect(record.completedAt).not.toBeNull();
    const data = JSON.parse(record.export ?? "{}");
    expect(data.requestId).toBe(9999);
    expect(data.customer).toMatchObject({ shopifyId: "191167", firstName: "John" });
    expect(data.orders.map((o: { shopifyId: string }) => o.shopifyId)).toEqual(["299938"]);
    expect(data.suppressions).toHaveLength(1);
  });

  it("customers/redact erases the customer's personal data and keeps the order totals", async () => {
    const shop = await installedShop(getDb(), "shop", { shopifyShopId: EXAMPLE_SHOP_ID });
    await db().customer.create({
      data: {
        shop,
        shopifyId: "191167",
        email: "john@example.com",
        emailLower: "john@example.com",
        firstName: "John",
        lastName: "Smith",
      },
    });
    await db().order.create({
      data: {
        shop,
        shopifyId: "280263",
        email: "john@example.com",
        processedAt: new Date("2025-01-02T00:00:00Z"),
        totalMinor: 5000,
      },
    });
    await roundTrip("customers/redact", shop, compliancePayload("customers/redact", shop));
    const customer = await db().customer.findFirstOrThrow({ where: { shop } });
    expect(customer).toMatchObject({
      email: null,
      firstName: null,
      lastName: null,
      marketingState: "REDACTED",
    });
    const order = await db().order.findFirstOrThrow({ where: { shop } });
    expect(order).toMatchObject({ email: null, totalMinor: 5000 });
    expect(await db().complianceRecord.count({ where: { shop, kind: "customers_redact" } })).toBe(1);
    expect(eventsFor(shop)).toContainEqual(
      expect.objectContaining({ type: "customer_redacted", customerShopifyId: "191167" }),
    );
  });

  it("shop/redact deletes every row of the shop", async () => {
    const shop = await installedShop(getDb(), "shop", { shopifyShopId: EXAMPLE_SHOP_ID });
    await roundTrip("customers/create", shop);
    await roundTrip("orders/create", shop);
    // Shopify sends shop/redact 48 hours after the app was uninstalled.
    await db().shop.update({ where: { shop }, data: { uninstalledAt: new Date() } });
    await roundTrip("shop/redact", shop, compliancePayload("shop/redact", shop));
    expect(await db().customer.count({ where: { shop } })).toBe(0);
    expect(await db().order.count({ where: { shop } })).toBe(0);
    expect(await db().orderLine.count({ where: { shop } })).toBe(0);
    expect(await db().webhookEvent.count({ where: { shop } })).toBe(0);
    expect(eventsFor(shop).map((e) => e.type)).toContain("shop_redacted");
  });
});

describe("authentic but malformed deliveries", () => {
  it("keeps a body that is not JSON in the dead-letter table and answers 200", async () => {
    const shop = await installedShop(getDb());
    const response = await deliver({ topic: "orders/create", shop, body: '{"id": 1, "line_items": [' });
    expect(response.status).toBe(200);
    await drain();
    const dead = await db().deadLetter.findFirstOrThrow({ where: { shop } });
    expect(dead).toMatchObject({
      source: "webhook",
      topic: "orders/create",
      payload: '{"id": 1, "line_items": [',
    });
    expect(dead.error.length).toBeGreaterThan(0);
    expect(await db().order.count({ where: { shop } })).toBe(0);
  });

  it("keeps JSON that fails validation with the field named", async () => {
    const shop = await installedShop(getDb());
    const body = { ...examplePayload("orders/create"), line_items: "not a list" };
    expect((await deliver({ topic: "orders/create", shop, body })).status).toBe(200);
    await drain();
    const dead = await db().deadLetter.findFirstOrThrow({ where: { shop } });
    expect(dead.error).toContain("line_items");
    expect((await db().webhookEvent.findFirstOrThrow({ where: { shop } })).status).toBe("dead");
  });

  it("keeps 64-bit ids exact when the payload carries them only as numbers", async () => {
    const shop = await installedShop(getDb());
    // Shopify's documented product with its id as a bare 64-bit number (JSON.parse would round it).
    const { id: _rounded, ...rest } = examplePayload("products/update");
    const raw = `{"id": 788032119674292922, ${JSON.stringify(rest).slice(1)}`;
    await deliver({ topic: "products/update", shop, body: raw });
    await drain();
    const product = await db().product.findFirstOrThrow({ where: { shop } });
    expect(product.shopifyId).toBe("788032119674292922");
  });
});
