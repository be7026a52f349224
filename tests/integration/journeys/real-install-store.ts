// "Shopify's" side of the real-install journey: a small store with a known history (a lapsed
// customer for win-back, a first order exactly a year ago for the anniversary, one who never
// consented), written into the Shopify stand-in's own database; Tend learns it only by backfill.
import type { Db } from "../../../app/db/client.server";
import { applyCustomers } from "../../../app/store/customers.server";
import { applyOrders } from "../../../app/store/orders.server";
import { applyProducts } from "../../../app/store/products.server";
import type { CustomerInput, OrderInput, ProductInput } from "../../../app/store/types";

const DAY = 86_400_000;

export const PRODUCTS = [
  { id: "8100001", variantId: "9100001", title: "Cedar Camp Chair", priceMinor: 8900 },
  { id: "8100002", variantId: "9100002", title: "Brass Trail Lantern", priceMinor: 3400 },
  { id: "8100003", variantId: "9100003", title: "Merino Hiking Socks", priceMinor: 1800 },
] as const;

export const HISTORY = {
  lapsed: { id: "7100001", email: "wes.lapsed@example.com", firstName: "Wes" },
  yearAgo: { id: "7100002", email: "ada.anniversary@example.com", firstName: "Ada" },
  recent: { id: "7100003", email: "rob.recent@example.com", firstName: "Rob" },
  noConsent: { id: "7100004", email: "nina.noconsent@example.com", firstName: "Nina" },
} as const;

function product(p: (typeof PRODUCTS)[number]): ProductInput {
  return {
    shopifyId: p.id,
    title: p.title,
    handle: p.title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    description: `${p.title}. Made to be carried for years and repaired rather than replaced.`,
    productType: "Outdoor",
    vendor: "Juniper Trail",
    tags: "",
    status: "ACTIVE",
    imageUrl: null,
    imageAlt: null,
    variants: [
      {
        id: p.variantId,
        title: "Default Title",
        priceMinor: p.priceMinor,
        inventoryQuantity: 40,
        available: true,
      },
    ],
    updatedAt: new Date("2024-01-01T00:00:00Z"),
  };
}

function customer(
  c: { id: string; email: string; firstName: string },
  state: string,
  at: Date,
): CustomerInput {
  return {
    shopifyId: c.id,
    email: c.email,
    firstName: c.firstName,
    lastName: "Rivers",
    locale: "en",
    tags: "",
    countryCode: "US",
    timeZone: null,
    consent: { state, optInLevel: "SINGLE_OPT_IN", updatedAt: at },
    updatedAt: at,
  };
}

let orderSeq = 0;
function order(customerId: string, email: string, p: (typeof PRODUCTS)[number], at: Date): OrderInput {
  orderSeq++;
  return {
    shopifyId: `60000${orderSeq}`,
    name: `#${1000 + orderSeq}`,
    customerShopifyId: customerId,
    email,
    checkoutToken: null,
    currency: "USD",
    subtotalMinor: p.priceMinor,
    totalMinor: p.priceMinor,
    refundedMinor: 0,
    financialStatus: "paid",
    discountCodes: [],
    landingSite: null,
    sourceName: "web",
    processedAt: at,
    cancelledAt: null,
    updatedAt: at,
    lines: [
      {
        shopifyId: `61000${orderSeq}`,
        productShopifyId: p.id,
        variantShopifyId: p.variantId,
        title: p.title,
        variantTitle: null,
        sku: null,
        productType: "Outdoor",
        quantity: 1,
        priceMinor: p.priceMinor,
      },
    ],
  };
}

/** The store at Shopify on the day the merchant installs Tend (`now`). */
export async function seedJourneyStore(
  shopifyDb: Db,
  shop: string,
  now: Date,
  timeZone: string,
): Promise<void> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  await shopifyDb.shop.create({
    data: { shop, name: "Juniper Trail Goods", email: "owner@juniper.example", currency: "USD", timeZone },
  });
  await shopifyDb.shopSettings.create({
    data: { shop, postalAddress: "Juniper Trail Goods, 200 Alder Street, Portland, OR 97204, USA" },
  });
  const { lapsed, yearAgo, recent, noConsent } = HISTORY;
  await shopifyDb.$transaction(async (tx) => {
    await applyProducts(tx, shop, PRODUCTS.map(product));
    await applyCustomers(tx, shop, [
      customer(lapsed, "SUBSCRIBED", ago(400)),
      customer(yearAgo, "SUBSCRIBED", ago(400)),
      customer(recent, "SUBSCRIBED", ago(400)),
      customer(noConsent, "NOT_SUBSCRIBED", ago(400)),
    ]);
    await applyOrders(tx, shop, [
      order(lapsed.id, lapsed.email, PRODUCTS[2], ago(300)),
      order(lapsed.id, lapsed.email, PRODUCTS[1], ago(95)),
      order(yearAgo.id, yearAgo.email, PRODUCTS[0], ago(365)),
      order(yearAgo.id, yearAgo.email, PRODUCTS[2], ago(20)),
      order(recent.id, recent.email, PRODUCTS[1], ago(12)),
      order(noConsent.id, noConsent.email, PRODUCTS[0], ago(120)),
    ]);
  });
}
