// The demo store: seeding is idempotent and realistic enough for the flows, and the local Admin
// API answers Tend's real operations from it while refusing anything invalid against the schema.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { bulkFilePath, bulkOperationNumericId } from "../../../app/demo/bulk.server";
import { localAdminGraphql } from "../../../app/demo/local-admin.server";
import { seedDemoShop } from "../../../app/demo/seed.server";
import { getDb } from "../../../app/db.server";
import { CUSTOMER_EMAIL_MARKETING_CONSENT_UPDATE } from "../../../app/shopify/consent";
import { DISCOUNT_CODE_BASIC_CREATE } from "../../../app/shopify/discounts";
import { activatePixel } from "../../../app/shopify/pixel";
import {
  RECONCILE_CHECKOUTS,
  RECONCILE_CUSTOMERS,
  RECONCILE_ORDERS,
} from "../../../app/shopify/reconcile-operations";
import { uniqueShop } from "../../support/database";

const shop = uniqueShop("demo");
const anchor = new Date("2026-11-20T18:00:00Z");
type Body = {
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are probed freely in assertions
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
};

async function ask(query: string, variables?: Record<string, unknown>): Promise<Body> {
  const response = await localAdminGraphql(shop)(query, variables ? { variables } : undefined);
  expect(response.status).toBe(200);
  return (await response.json()) as Body;
}

describe("demo seed", () => {
  let first: Awaited<ReturnType<typeof seedDemoShop>>;
  beforeAll(async () => {
    first = await seedDemoShop(getDb(), shop, anchor, 80);
  });

  it("creates a shop with settings, a voice guide, products, customers, two years of orders and open checkouts", async () => {
    const db = getDb();
    expect(first.created).toMatchObject({ products: 42, customers: 80, checkouts: 5 });
    expect(first.created.orders).toBeGreaterThan(100);
    const settings = await db.shopSettings.findUnique({ where: { shop } });
    expect(settings?.postalAddress).toContain("Squamish");
    expect((await db.shop.findUnique({ where: { shop } }))?.timeZone).toBe("America/Vancouver");
    expect(await db.voiceGuide.count({ where: { shop } })).toBe(1);
    const states = await db.customer.groupBy({
      by: ["marketingState"],
      where: { shop },
      _count: { _all: true },
    });
    expect(states.length).toBeGreaterThanOrEqual(3); // mixed consent
    const oldest = await db.order.findFirst({ where: { shop }, orderBy: { processedAt: "asc" } });
    expect(anchor.getTime() - oldest!.processedAt.getTime()).toBeGreaterThan(600 * 86_400_000);
    // Win-back candidates: subscribed customers whose last order is 85-130 days old.
    const lapsed = await db.customer.count({
      where: {
        shop,
        marketingState: "SUBSCRIBED",
        lastOrderAt: {
          lt: new Date(anchor.getTime() - 85 * 86_400_000),
          gt: new Date(anchor.getTime() - 130 * 86_400_000),
        },
      },
    });
    expect(lapsed).toBeGreaterThan(3);
    // Anniversary candidates: first order a year ago within the coming week.
    const yearAgo = anchor.getTime() - 365 * 86_400_000;
    const anniversaries = await db.customer.count({
      where: {
        shop,
        firstOrderAt: { gte: new Date(yearAgo - 86_400_000), lte: new Date(yearAgo + 7 * 86_400_000) },
      },
    });
    expect(anniversaries).toBeGreaterThan(3);
  });

  it("is idempotent: a second run creates nothing and keeps the counts", async () => {
    const db = getDb();
    const before = [
      await db.customer.count({ where: { shop } }),
      await db.order.count({ where: { shop } }),
      await db.orderLine.count({ where: { shop } }),
    ];
    const again = await seedDemoShop(db, shop, new Date(anchor.getTime() + 3 * 86_400_000), 80);
    expect(again.created).toEqual({ products: 0, customers: 0, orders: 0, checkouts: 0 });
    expect(again.anchor).toEqual(first.anchor);
    expect([
      await db.customer.count({ where: { shop } }),
      await db.order.count({ where: { shop } }),
      await db.orderLine.count({ where: { shop } }),
    ]).toEqual(before);
    expect(await db.voiceGuide.count({ where: { shop } })).toBe(1);
  });
});

describe("local Admin API", () => {
  beforeAll(async () => {
    await seedDemoShop(getDb(), shop, anchor, 80);
  });

  it("answers shop and paginated customers from the seeded data", async () => {
    const s = await ask("query { shop { name myshopifyDomain ianaTimezone currencyCode } }");
    expect(s.data?.shop).toEqual({
      name: "Cedar & Ember Outfitters",
      myshopifyDomain: shop,
      ianaTimezone: "America/Vancouver",
      currencyCode: "USD",
    });
    const q = `query Page($after: String) { customers(first: 30, after: $after) { edges { node { id defaultEmailAddress { emailAddress marketingState } } } pageInfo { hasNextPage endCursor } } }`;
    const seen = new Set<string>();
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page: Body = await ask(q, { after });
      for (const e of page.data?.customers.edges ?? []) seen.add(e.node.id);
      if (!page.data?.customers.pageInfo.hasNextPage) break;
      after = page.data.customers.pageInfo.endCursor;
    }
    expect(seen.size).toBe(80);
    const one = await ask(
      "query { customers(first: 1) { nodes { defaultEmailAddress { emailAddress marketingState } } } }",
    );
    expect(one.data?.customers.nodes[0].defaultEmailAddress.emailAddress).toMatch(/@example\.com$/);
  });

  it("refuses an operation invalid against the 2026-10 schema, in Shopify's error shape", async () => {
    const body = await ask("query { shop { name emailMarketingBudget } }");
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0].message).toContain('Cannot query field "emailMarketingBudget" on type "Shop"');
    expect(body.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const deprecatedInputMissing = await ask("mutation { webPixelCreate(webPixel: {}) { webPixel { id } } }");
    expect(deprecatedInputMissing.errors?.length).toBeGreaterThan(0);
  });

  it("filters orders with Shopify search syntax and serves open abandoned checkouts", async () => {
    const since = new Date(anchor.getTime() - 30 * 86_400_000).toISOString();
    const recent = await ask(
      `query { orders(first: 250, query: "processed_at:>=${since}") { nodes { processedAt lineItems(first: 5) { nodes { title quantity } } } } }`,
    );
    const nodes = recent.data?.orders.nodes as { processedAt: string; lineItems: { nodes: unknown[] } }[];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.processedAt >= since && n.lineItems.nodes.length > 0)).toBe(true);
    const open = await ask(
      "query { abandonedCheckouts(first: 10) { nodes { id abandonedCheckoutUrl lineItems(first: 5) { nodes { title } } } } }",
    );
    expect(open.data?.abandonedCheckouts.nodes).toHaveLength(5);
  });

  it("answers the reconciliation queries in Shopify's sort order", async () => {
    const since = new Date(anchor.getTime() - 200 * 86_400_000).toISOString();
    const orders = await ask(RECONCILE_ORDERS, { query: `updated_at:>${since}`, after: null });
    expect(orders.errors).toBeUndefined();
    const updated = (orders.data!.orders.nodes as { updatedAt: string }[]).map((n) => n.updatedAt);
    expect(updated.length).toBeGreaterThan(0);
    expect(updated.every((u) => u > since)).toBe(true);
    expect([...updated].sort()).toEqual(updated);
    const customers = await ask(RECONCILE_CUSTOMERS, { query: `updated_at:>${since}`, after: null });
    expect(customers.errors).toBeUndefined();
    const checkouts = await ask(RECONCILE_CHECKOUTS, { query: `updated_at:>${since}`, after: null });
    expect(checkouts.errors).toBeUndefined();
    expect(checkouts.data?.abandonedCheckouts.nodes.length).toBe(5);
  });

  it("runs Tend's own mutations: discount codes (unique), consent write-back, pixel activation", async () => {
    const admin = localAdminGraphql(shop);
    const input = {
      basicCodeDiscount: {
        title: "Tend",
        code: "DEMO-ABC123",
        startsAt: anchor.toISOString(),
        context: { all: "ALL" },
        customerGets: { value: { percentage: 0.1 }, items: { all: true } },
        usageLimit: 1,
      },
    };
    const created = await ask(DISCOUNT_CODE_BASIC_CREATE, input);
    expect(created.errors).toBeUndefined();
    expect(created.data?.discountCodeBasicCreate.codeDiscountNode.id).toMatch(
      /^gid:\/\/shopify\/DiscountCodeNode\//,
    );
    const again = await ask(DISCOUNT_CODE_BASIC_CREATE, input);
    expect(again.data?.discountCodeBasicCreate.userErrors[0].code).toBe("TAKEN");

    const customer = await getDb().customer.findFirst({ where: { shop, marketingState: "SUBSCRIBED" } });
    const consent = await ask(CUSTOMER_EMAIL_MARKETING_CONSENT_UPDATE, {
      input: {
        customerId: `gid://shopify/Customer/${customer!.shopifyId}`,
        emailMarketingConsent: { marketingState: "UNSUBSCRIBED", consentUpdatedAt: anchor.toISOString() },
      },
    });
    expect(consent.errors).toBeUndefined();
    expect(
      consent.data?.customerEmailMarketingConsentUpdate.customer.defaultEmailAddress.marketingState,
    ).toBe("UNSUBSCRIBED");
    expect((await getDb().customer.findUnique({ where: { id: customer!.id } }))?.marketingState).toBe(
      "UNSUBSCRIBED",
    );

    const options = { appUrl: "https://tend.test", secret: "s3cret-for-pixel-tokens" };
    const first = await activatePixel(shop, admin, options);
    expect(first).toMatchObject({ ok: true, updated: false });
    const second = await activatePixel(shop, admin, options);
    expect(second).toMatchObject({ ok: true, updated: true });
  });

  it("runs a bulk query to JSONL with nested connections as __parentId lines", async () => {
    const run = await ask(
      `mutation { bulkOperationRunQuery(query: """{ products { edges { node { id title variants { edges { node { id price } } } } } } }""", groupObjects: false) { bulkOperation { id status } userErrors { message } } }`,
    );
    expect(run.errors).toBeUndefined();
    expect(run.data?.bulkOperationRunQuery.userErrors).toEqual([]);
    const id = run.data?.bulkOperationRunQuery.bulkOperation.id as string;
    const polled = await ask(
      `query { node(id: "${id}") { ... on BulkOperation { id status objectCount rootObjectCount url } } }`,
    );
    expect(polled.data?.node).toMatchObject({ id, status: "COMPLETED", rootObjectCount: "42" });
    const current = await ask("query { currentBulkOperation { id status } }");
    expect(current.data?.currentBulkOperation).toEqual({ id, status: "COMPLETED" });
    const lines = readFileSync(bulkFilePath(shop, bulkOperationNumericId(id)!), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const products = lines.filter((l) => !l.__parentId);
    const variants = lines.filter((l) => l.__parentId);
    expect(products).toHaveLength(42);
    expect(variants.length).toBeGreaterThanOrEqual(42);
    expect(new Set(variants.map((v) => v.__parentId)).size).toBe(42);
    expect(Number(polled.data?.node.objectCount)).toBe(lines.length);
  });
});
