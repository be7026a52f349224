// Pure mapping from the demo store's rows to the Admin GraphQL object shapes the local Admin API
// answers with, plus Relay-style connections. Only what Tend's operations read is filled in;
// graphql-js leaves anything else null (and errors on a non-null field we do not provide).
const money = (minor: number, currency: string) => ({
  shopMoney: { amount: (minor / 100).toFixed(2), currencyCode: currency },
  presentmentMoney: { amount: (minor / 100).toFixed(2), currencyCode: currency },
});

export const gid = (type: string, id: string) =>
  id.startsWith("gid://") ? id : `gid://shopify/${type}/${id}`;

export function parseGid(value: string): { type: string; id: string } | null {
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/([^/?]+)/.exec(value);
  return m ? { type: m[1], id: m[2] } : null;
}

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

const cursorOf = (index: number) => Buffer.from(`i:${index}`).toString("base64url");
function indexOf(cursor: string | null | undefined): number | null {
  if (!cursor) return null;
  const m = /^i:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString());
  return m ? Number(m[1]) : null;
}

/** Offset-cursor connection over an already-ordered list (first/after, last/before, reverse). */
export function connection<T>(all: T[], args: ConnectionArgs, maxPage = 250) {
  const items = args.reverse ? [...all].reverse() : all;
  let start = 0;
  let end = items.length;
  const after = indexOf(args.after);
  const before = indexOf(args.before);
  if (after !== null) start = after + 1;
  if (before !== null) end = Math.min(end, before);
  if (args.first != null) end = Math.min(end, start + Math.min(args.first, maxPage));
  else if (args.last != null) start = Math.max(start, end - Math.min(args.last, maxPage));
  else end = Math.min(end, start + maxPage);
  const page = items.slice(start, end).map((node, k) => ({ node, cursor: cursorOf(start + k) }));
  return {
    edges: page,
    nodes: page.map((e) => e.node),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: page[0]?.cursor ?? null,
      endCursor: page[page.length - 1]?.cursor ?? null,
    },
  };
}

export interface CustomerRow {
  shopifyId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  locale: string | null;
  tags: string;
  marketingState: string;
  marketingOptInLevel: string | null;
  marketingUpdatedAt: Date | null;
  ordersCount: number;
  totalSpentMinor: number;
  createdAt: Date;
  updatedAt: Date;
  sourceUpdatedAt: Date | null;
}

export function customerShape(c: CustomerRow, currency: string) {
  const updatedAt = (c.sourceUpdatedAt ?? c.updatedAt).toISOString();
  return {
    __typename: "Customer",
    id: gid("Customer", c.shopifyId),
    legacyResourceId: c.shopifyId,
    firstName: c.firstName,
    lastName: c.lastName,
    displayName: [c.firstName, c.lastName].filter(Boolean).join(" ") || c.email || "Customer",
    email: c.email,
    locale: c.locale ?? "en",
    tags: c.tags
      ? c.tags
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean)
      : [],
    numberOfOrders: String(c.ordersCount),
    amountSpent: { amount: (c.totalSpentMinor / 100).toFixed(2), currencyCode: currency },
    createdAt: c.createdAt.toISOString(),
    updatedAt,
    verifiedEmail: true,
    defaultEmailAddress: c.email
      ? {
          emailAddress: c.email,
          marketingState: c.marketingState,
          marketingOptInLevel: c.marketingOptInLevel,
          marketingUpdatedAt: c.marketingUpdatedAt?.toISOString() ?? null,
          marketingUnsubscribeUrl: `https://tend-demo.example/unsubscribe/${c.shopifyId}`,
          openTrackingLevel: "UNKNOWN",
          openTrackingUrl: "https://tend-demo.example/open",
          validFormat: true,
        }
      : null,
    emailMarketingConsent: c.email
      ? {
          marketingState: c.marketingState,
          marketingOptInLevel: c.marketingOptInLevel,
          consentUpdatedAt: c.marketingUpdatedAt?.toISOString() ?? null,
        }
      : null,
  };
}

export interface ProductRow {
  shopifyId: string;
  title: string;
  handle: string | null;
  description: string;
  productType: string | null;
  vendor: string | null;
  tags: string;
  status: string;
  imageUrl: string | null;
  imageAlt: string | null;
  variants: string;
  createdAt: Date;
  updatedAt: Date;
  sourceUpdatedAt: Date | null;
}

interface VariantJson {
  id: string;
  title: string;
  priceMinor: number;
  inventoryQuantity: number | null;
  available: boolean;
}

export function productShape(p: ProductRow, currency: string) {
  const variants = (JSON.parse(p.variants) as VariantJson[]).map((v) => ({
    __typename: "ProductVariant",
    id: gid("ProductVariant", v.id),
    legacyResourceId: v.id,
    title: v.title,
    displayName: `${p.title} - ${v.title}`,
    price: (v.priceMinor / 100).toFixed(2),
    inventoryQuantity: v.inventoryQuantity,
    availableForSale: v.available,
    sku: null,
  }));
  const prices = variants.map((v) => Number(v.price));
  const image = p.imageUrl
    ? { url: p.imageUrl, altText: p.imageAlt, id: gid("ImageSource", p.shopifyId) }
    : null;
  const range = (n: number) => ({ amount: n.toFixed(2), currencyCode: currency });
  return {
    __typename: "Product",
    id: gid("Product", p.shopifyId),
    legacyResourceId: p.shopifyId,
    title: p.title,
    handle: p.handle ?? p.shopifyId,
    description: p.description,
    descriptionHtml: `<p>${p.description.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`,
    productType: p.productType ?? "",
    vendor: p.vendor ?? "",
    tags: p.tags
      ? p.tags
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean)
      : [],
    status: p.status,
    onlineStoreUrl: `https://tend-demo.example/products/${p.handle ?? p.shopifyId}`,
    createdAt: p.createdAt.toISOString(),
    updatedAt: (p.sourceUpdatedAt ?? p.updatedAt).toISOString(),
    featuredImage: image,
    featuredMedia: null,
    totalInventory: variants.reduce((sum, v) => sum + (v.inventoryQuantity ?? 0), 0),
    priceRangeV2: {
      minVariantPrice: range(Math.min(...prices)),
      maxVariantPrice: range(Math.max(...prices)),
    },
    variants: (args: ConnectionArgs) => connection(variants, args),
  };
}

export interface OrderRow {
  shopifyId: string;
  name: string | null;
  email: string | null;
  customerShopifyId: string | null;
  checkoutToken: string | null;
  currency: string;
  subtotalMinor: number;
  totalMinor: number;
  refundedMinor: number;
  financialStatus: string | null;
  discountCodes: string;
  processedAt: Date;
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  sourceUpdatedAt: Date | null;
  lines: {
    shopifyId: string | null;
    productShopifyId: string | null;
    variantShopifyId: string | null;
    title: string;
    variantTitle: string | null;
    sku: string | null;
    quantity: number;
    priceMinor: number;
  }[];
}

export function orderShape(o: OrderRow, customer: (id: string) => unknown, product: (id: string) => unknown) {
  const lines = o.lines.map((l, k) => ({
    __typename: "LineItem",
    id: gid("LineItem", l.shopifyId ?? `${o.shopifyId}${k}`),
    title: l.title,
    name: l.variantTitle ? `${l.title} - ${l.variantTitle}` : l.title,
    variantTitle: l.variantTitle,
    sku: l.sku,
    quantity: l.quantity,
    currentQuantity: l.quantity,
    product: l.productShopifyId ? () => product(l.productShopifyId as string) : null,
    variant: l.variantShopifyId
      ? { __typename: "ProductVariant", id: gid("ProductVariant", l.variantShopifyId) }
      : null,
    originalUnitPriceSet: money(l.priceMinor, o.currency),
    discountedUnitPriceSet: money(l.priceMinor, o.currency),
  }));
  return {
    __typename: "Order",
    id: gid("Order", o.shopifyId),
    legacyResourceId: o.shopifyId,
    name: o.name ?? `#${o.shopifyId}`,
    email: o.email,
    checkoutToken: o.checkoutToken,
    currencyCode: o.currency,
    createdAt: o.processedAt.toISOString(),
    processedAt: o.processedAt.toISOString(),
    updatedAt: (o.sourceUpdatedAt ?? o.updatedAt).toISOString(),
    cancelledAt: o.cancelledAt?.toISOString() ?? null,
    displayFinancialStatus: (o.financialStatus ?? "paid").toUpperCase(),
    discountCodes: JSON.parse(o.discountCodes) as string[],
    sourceName: "web",
    test: false,
    customer: o.customerShopifyId ? customer(o.customerShopifyId) : null,
    subtotalPriceSet: money(o.subtotalMinor, o.currency),
    totalPriceSet: money(o.totalMinor, o.currency),
    currentTotalPriceSet: money(o.totalMinor - o.refundedMinor, o.currency),
    totalRefundedSet: money(o.refundedMinor, o.currency),
    lineItems: (args: ConnectionArgs) => connection(lines, args),
  };
}
