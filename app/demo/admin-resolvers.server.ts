// The local Admin API's data: root query and mutation fields for what Tend uses, answering from
// the demo store's rows (the same database Tend writes to: in the demo, "Shopify" and Tend share it).
import type { Db } from "../db.server";
import { env } from "../env.server";
import {
  type ConnectionArgs,
  connection,
  customerShape,
  gid,
  orderShape,
  parseGid,
  productShape,
} from "./admin-shapes";
import { currentBulkOperation, findBulkOperation, runBulkQuery } from "./bulk.server";
import { matchesSearch } from "./search-query";

export interface RootOptions {
  /** Bulk queries page through everything; interactive ones are capped like Shopify's. */
  unlimited?: boolean;
}

type Args = ConnectionArgs & { query?: string | null; sortKey?: string | null };

/** Shopify's sort keys for the connections Tend reads, as the shaped field they order by. */
const SORT_FIELDS: Record<string, string> = {
  UPDATED_AT: "updatedAt",
  CREATED_AT: "createdAt",
  PROCESSED_AT: "processedAt",
  ID: "legacyResourceId",
  TITLE: "title",
};

function sorted<T>(items: T[], sortKey: string | null | undefined): T[] {
  const field = sortKey ? SORT_FIELDS[sortKey] : undefined;
  if (!field) return items;
  const key = (item: T) => String((item as Record<string, unknown>)[field] ?? "");
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const customerSelect = {
  shopifyId: true,
  email: true,
  firstName: true,
  lastName: true,
  locale: true,
  tags: true,
  marketingState: true,
  marketingOptInLevel: true,
  marketingUpdatedAt: true,
  ordersCount: true,
  totalSpentMinor: true,
  createdAt: true,
  updatedAt: true,
  sourceUpdatedAt: true,
} as const;

export function queryRoot(db: Db, shop: string, options: RootOptions = {}) {
  const max = options.unlimited ? Number.MAX_SAFE_INTEGER : 250;
  const page = <T>(items: T[], args: Args) =>
    connection(
      sorted(items, args.sortKey),
      options.unlimited ? { ...args, first: null, last: null } : args,
      max,
    );
  const shopRow = () => db.shop.findUnique({ where: { shop } });
  const currency = async () => (await shopRow())?.currency ?? "USD";
  const customerById = async (id: string) => {
    const row = await db.customer.findUnique({
      where: { shop_shopifyId: { shop, shopifyId: id } },
      select: customerSelect,
    });
    return row ? customerShape(row, await currency()) : null;
  };
  // Order lines name the same products over and over: load each once per operation.
  const products = new Map<string, Promise<ReturnType<typeof productShape> | null>>();
  const productById = (id: string) => {
    if (!products.has(id)) {
      products.set(
        id,
        (async () => {
          const row = await db.product.findUnique({ where: { shop_shopifyId: { shop, shopifyId: id } } });
          return row && !row.deletedAt ? productShape(row, await currency()) : null;
        })(),
      );
    }
    return products.get(id) ?? null;
  };
  const orderById = async (id: string) => {
    const row = await db.order.findUnique({
      where: { shop_shopifyId: { shop, shopifyId: id } },
      include: { lines: true },
    });
    return row ? orderShape(row, (cid) => customerById(cid), productById) : null;
  };
  const nodeById = async (value: string): Promise<unknown> => {
    const ref = parseGid(value);
    if (!ref) return null;
    if (ref.type === "Customer") return customerById(ref.id);
    if (ref.type === "Product") return productById(ref.id);
    if (ref.type === "Order") return orderById(ref.id);
    if (ref.type === "BulkOperation") return findBulkOperation(db, shop, value);
    return null;
  };
  return {
    shop: async () => {
      const row = await shopRow();
      const settings = await db.shopSettings.findUnique({ where: { shop } });
      return {
        __typename: "Shop",
        id: gid("Shop", "1"),
        name: row?.name ?? shop,
        email: row?.email ?? "owner@example.com",
        contactEmail: row?.email ?? "owner@example.com",
        myshopifyDomain: shop,
        url: `https://${shop}`,
        primaryDomain: { __typename: "Domain", id: gid("Domain", "1"), host: shop, url: `https://${shop}` },
        currencyCode: row?.currency ?? "USD",
        ianaTimezone: row?.timeZone ?? "UTC",
        timezoneAbbreviation: "PT",
        plan: {
          __typename: "ShopPlan",
          publicDisplayName: row?.plan ?? "Development",
          partnerDevelopment: true,
        },
        billingAddress: {
          __typename: "ShopAddress",
          id: gid("ShopAddress", "1"),
          formatted: [settings?.postalAddress ?? ""],
        },
        shopAddress: {
          __typename: "ShopAddress",
          id: gid("ShopAddress", "2"),
          formatted: settings?.postalAddress ? [settings.postalAddress] : [],
        },
      };
    },
    customers: async (args: Args) => {
      const rows = await db.customer.findMany({
        where: { shop, redactedAt: null },
        select: customerSelect,
        orderBy: { shopifyId: "asc" },
      });
      const cur = await currency();
      return page(
        rows.map((r) => customerShape(r, cur)).filter((c) => matchesSearch(c, args.query)),
        args,
      );
    },
    customer: ({ id }: { id: string }) => customerById(parseGid(id)?.id ?? id),
    products: async (args: Args) => {
      const rows = await db.product.findMany({
        where: { shop, deletedAt: null },
        orderBy: { shopifyId: "asc" },
      });
      const cur = await currency();
      return page(
        rows.map((r) => productShape(r, cur)).filter((p) => matchesSearch(p, args.query)),
        args,
      );
    },
    product: ({ id }: { id: string }) => productById(parseGid(id)?.id ?? id),
    orders: async (args: Args) => {
      const rows = await db.order.findMany({
        where: { shop },
        include: { lines: true },
        orderBy: { processedAt: "asc" },
      });
      const customers = new Map<string, unknown>();
      const lookup = (id: string) => {
        if (!customers.has(id)) customers.set(id, customerById(id));
        return customers.get(id);
      };
      return page(
        rows.map((r) => orderShape(r, lookup, productById)).filter((o) => matchesSearch(o, args.query)),
        args,
      );
    },
    order: ({ id }: { id: string }) => orderById(parseGid(id)?.id ?? id),
    abandonedCheckouts: async (args: Args) => {
      const rows = await db.checkout.findMany({
        where: { shop, completedAt: null },
        orderBy: { sourceCreatedAt: "asc" },
      });
      const cur = await currency();
      const shaped = await Promise.all(
        rows.map(async (c) => ({
          __typename: "AbandonedCheckout",
          id: gid("AbandonedCheckout", c.token),
          abandonedCheckoutUrl:
            c.abandonedCheckoutUrl ??
            `${env().SHOPIFY_APP_URL ?? "http://127.0.0.1"}/demo/recover/${c.token}`,
          completedAt: null,
          createdAt: (c.sourceCreatedAt ?? c.createdAt).toISOString(),
          updatedAt: (c.sourceUpdatedAt ?? c.updatedAt).toISOString(),
          customer: c.customerShopifyId ? await customerById(c.customerShopifyId) : null,
          totalPriceSet: {
            shopMoney: { amount: (c.totalMinor / 100).toFixed(2), currencyCode: c.currency || cur },
            presentmentMoney: { amount: (c.totalMinor / 100).toFixed(2), currencyCode: c.currency || cur },
          },
          lineItems: (a: ConnectionArgs) =>
            connection(
              (
                JSON.parse(c.lines) as {
                  productId: string | null;
                  variantId: string | null;
                  title: string;
                  variantTitle: string | null;
                  quantity: number;
                  priceMinor: number;
                }[]
              ).map((l, k) => ({
                __typename: "AbandonedCheckoutLineItem",
                id: gid("AbandonedCheckoutLineItem", `${c.token}-${k}`),
                title: l.title,
                variantTitle: l.variantTitle,
                quantity: l.quantity,
                product: l.productId ? { __typename: "Product", id: gid("Product", l.productId) } : null,
                variant: l.variantId
                  ? { __typename: "ProductVariant", id: gid("ProductVariant", l.variantId) }
                  : null,
                originalUnitPriceSet: {
                  shopMoney: { amount: (l.priceMinor / 100).toFixed(2), currencyCode: c.currency },
                  presentmentMoney: { amount: (l.priceMinor / 100).toFixed(2), currencyCode: c.currency },
                },
              })),
              a,
            ),
        })),
      );
      return page(
        shaped.filter((c) => matchesSearch(c, args.query)),
        args,
      );
    },
    abandonmentByAbandonedCheckoutId: ({ abandonedCheckoutId }: { abandonedCheckoutId: string }) => ({
      __typename: "Abandonment",
      id: gid("Abandonment", parseGid(abandonedCheckoutId)?.id ?? abandonedCheckoutId),
      emailState: "NOT_SENT",
    }),
    webPixel: async () => {
      const row = await db.appState.findUnique({ where: { shop_key: { shop, key: "demo.webPixel" } } });
      return row ? { __typename: "WebPixel", ...(JSON.parse(row.value) as object) } : null;
    },
    node: ({ id }: { id: string }) => nodeById(id),
    nodes: ({ ids }: { ids: string[] }) => Promise.all(ids.map(nodeById)),
    bulkOperation: ({ id }: { id: string }) => findBulkOperation(db, shop, id),
    currentBulkOperation: () => currentBulkOperation(db, shop),
  };
}

export function mutationRoot(db: Db, shop: string) {
  const setWebPixel = async (settings: string) => {
    const value = { id: gid("WebPixel", "1"), settings };
    await db.appState.upsert({
      where: { shop_key: { shop, key: "demo.webPixel" } },
      create: { shop, key: "demo.webPixel", value: JSON.stringify(value) },
      update: { value: JSON.stringify(value) },
    });
    return { __typename: "WebPixel", ...value };
  };
  return {
    bulkOperationRunQuery: async ({ query }: { query: string }) => runBulkQuery(db, shop, query),
    discountCodeBasicCreate: async ({ basicCodeDiscount }: { basicCodeDiscount: { code?: string } }) => {
      const code = basicCodeDiscount.code ?? "";
      const key = `demo.discount:${code}`;
      const taken = await db.appState.findUnique({ where: { shop_key: { shop, key } } });
      if (taken) {
        return {
          codeDiscountNode: null,
          userErrors: [
            {
              field: ["basicCodeDiscount", "code"],
              code: "TAKEN",
              message: "Code must be unique. Please try a different code.",
            },
          ],
        };
      }
      const id = gid("DiscountCodeNode", String(Date.now()));
      await db.appState.create({
        data: { shop, key, value: JSON.stringify({ id, input: basicCodeDiscount }) },
      });
      return { codeDiscountNode: { __typename: "DiscountCodeNode", id }, userErrors: [] };
    },
    customerEmailMarketingConsentUpdate: async ({
      input,
    }: {
      input: {
        customerId: string;
        emailMarketingConsent: {
          marketingState: string;
          marketingOptInLevel?: string;
          consentUpdatedAt?: string;
        };
      };
    }) => {
      const id = parseGid(input.customerId)?.id ?? input.customerId;
      const at = input.emailMarketingConsent.consentUpdatedAt
        ? new Date(input.emailMarketingConsent.consentUpdatedAt)
        : new Date();
      const updated = await db.customer.updateMany({
        where: { shop, shopifyId: id },
        data: { marketingState: input.emailMarketingConsent.marketingState, marketingUpdatedAt: at },
      });
      if (!updated.count)
        return {
          customer: null,
          userErrors: [{ field: ["input", "customerId"], code: "INVALID", message: "Customer not found" }],
        };
      const root = queryRoot(db, shop);
      return { customer: await root.customer({ id }), userErrors: [] };
    },
    webPixelCreate: async ({ webPixel }: { webPixel: { settings: string } }) => {
      const existing = await db.appState.findUnique({ where: { shop_key: { shop, key: "demo.webPixel" } } });
      if (existing)
        return {
          webPixel: null,
          userErrors: [{ field: ["webPixel"], code: "TAKEN", message: "Web pixel is taken." }],
        };
      return { webPixel: await setWebPixel(String(webPixel.settings)), userErrors: [] };
    },
    webPixelUpdate: async ({ webPixel }: { id: string; webPixel: { settings: string } }) => ({
      webPixel: await setWebPixel(String(webPixel.settings)),
      userErrors: [],
    }),
    abandonmentUpdateActivitiesDeliveryStatuses: () => ({ abandonment: null, userErrors: [] }),
    // One activity per remoteId, as Shopify's upsert: the same remoteId always answers the same id.
    marketingActivityUpsertExternal: ({ input }: { input: { remoteId: string } }) => ({
      marketingActivity: {
        __typename: "MarketingActivity",
        id: gid("MarketingActivity", encodeURIComponent(input.remoteId)),
      },
      userErrors: [],
    }),
  };
}
