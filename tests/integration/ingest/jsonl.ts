// Bulk operation results as Shopify writes them (JSONL, one object per line, children after their
// parent with `__parentId`), generated deterministically for tests and the backfill benchmark.

const DAY = 86_400_000;
const NOW = Date.parse("2026-11-01T00:00:00Z");

export function customerLine(i: number): string {
  const updated = new Date(NOW - (i % 500) * DAY).toISOString();
  return JSON.stringify({
    id: `gid://shopify/Customer/${1_000_000 + i}`,
    firstName: `First${i}`,
    lastName: `Last${i}`,
    locale: i % 3 === 0 ? "fr" : "en",
    tags: i % 7 === 0 ? ["vip"] : [],
    updatedAt: updated,
    defaultEmailAddress: {
      emailAddress: `customer${i}@example.com`,
      marketingState: i % 4 === 0 ? "UNSUBSCRIBED" : "SUBSCRIBED",
      marketingOptInLevel: "SINGLE_OPT_IN",
      marketingUpdatedAt: updated,
    },
    defaultAddress: {
      countryCodeV2: i % 2 ? "CA" : "US",
      timeZone: i % 2 ? "America/Toronto" : "America/New_York",
    },
  });
}

/** One order line plus 1–3 line item lines. */
export function orderLines(i: number, customers: number): string[] {
  const id = `gid://shopify/Order/${5_000_000 + i}`;
  const processed = new Date(NOW - (i % 730) * DAY - (i % 1000) * 60_000).toISOString();
  const items = 1 + (i % 3);
  const unit = 1000 + (i % 50) * 100;
  const lines = [
    JSON.stringify({
      id,
      name: `#${1000 + i}`,
      email: `customer${i % customers}@example.com`,
      customer: { id: `gid://shopify/Customer/${1_000_000 + (i % customers)}` },
      checkoutToken: i % 5 === 0 ? `bulk-token-${i}` : null,
      currencyCode: "USD",
      subtotalPriceSet: { shopMoney: { amount: ((unit * items) / 100).toFixed(2) } },
      totalPriceSet: { shopMoney: { amount: ((unit * items + 500) / 100).toFixed(2) } },
      totalRefundedSet: { shopMoney: { amount: i % 11 === 0 ? "5.00" : "0.00" } },
      displayFinancialStatus: "PAID",
      discountCodes: i % 6 === 0 ? ["WELCOME10"] : [],
      sourceName: "web",
      processedAt: processed,
      cancelledAt: i % 17 === 0 ? processed : null,
      updatedAt: processed,
    }),
  ];
  for (let n = 0; n < items; n++) {
    lines.push(
      JSON.stringify({
        id: `gid://shopify/LineItem/${9_000_000 + i * 3 + n}`,
        title: `Tent ${(i + n) % 40}`,
        variantTitle: n % 2 ? "Green" : null,
        sku: `TENT-${(i + n) % 40}`,
        quantity: 1 + n,
        originalUnitPriceSet: { shopMoney: { amount: (unit / 100).toFixed(2) } },
        product: { id: `gid://shopify/Product/${700 + ((i + n) % 40)}`, productType: "Tents" },
        variant: { id: `gid://shopify/ProductVariant/${800 + ((i + n) % 40)}` },
        __parentId: id,
      }),
    );
  }
  return lines;
}

export function productLines(i: number): string[] {
  const id = `gid://shopify/Product/${700 + i}`;
  return [
    JSON.stringify({
      id,
      title: `Tent ${i}`,
      handle: `tent-${i}`,
      descriptionHtml: `<p>A <strong>${2 + (i % 3)}-person</strong> tent &amp; fly.</p>`,
      productType: "Tents",
      vendor: "Acme",
      tags: ["camping"],
      status: "ACTIVE",
      updatedAt: new Date(NOW - i * DAY).toISOString(),
      featuredMedia: {
        preview: { image: { url: `https://cdn.example/tent-${i}.jpg`, altText: `Tent ${i}` } },
      },
    }),
    JSON.stringify({
      id: `gid://shopify/ProductVariant/${800 + i}`,
      title: "Default",
      price: `${100 + i}.00`,
      inventoryQuantity: i % 4,
      availableForSale: i % 4 > 0,
      __parentId: id,
    }),
  ];
}

export function* customersJsonl(count: number): Generator<string> {
  for (let i = 0; i < count; i++) yield `${customerLine(i)}\n`;
}

export function* ordersJsonl(count: number, customers: number): Generator<string> {
  for (let i = 0; i < count; i++) for (const l of orderLines(i, customers)) yield `${l}\n`;
}

export function* productsJsonl(count: number): Generator<string> {
  for (let i = 0; i < count; i++) for (const l of productLines(i)) yield `${l}\n`;
}
