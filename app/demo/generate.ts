// Generates the demo store's data from a seed and an anchor date: deterministic, so re-seeding
// produces the same ids and the store functions treat it as "nothing new". Two years of orders
// with repeat behaviour: one-time buyers, regulars, lapsed customers (win-back candidates) and
// customers whose first order falls on the coming days a year ago (anniversary candidates).
import type { CheckoutInput, CustomerInput, OrderInput, ProductInput } from "../store/types";
import { DEMO_PRODUCTS } from "./products-data";

const DAY = 86_400_000;
export const DEMO_CURRENCY = "USD";

/** mulberry32: small, fast and good enough for plausible fake data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FIRST_NAMES = [
  "Ava",
  "Liam",
  "Maya",
  "Noah",
  "Zoe",
  "Ethan",
  "Iris",
  "Owen",
  "Lena",
  "Caleb",
  "Nora",
  "Felix",
  "Ruby",
  "Jonah",
  "Hazel",
  "Milo",
  "Clara",
  "Theo",
  "Ada",
  "Silas",
  "June",
  "Eli",
  "Wren",
  "Hugo",
  "Alma",
  "Reid",
  "Tessa",
  "Omar",
  "Priya",
  "Kenji",
  "Sofia",
  "Mateo",
  "Amara",
  "Lars",
  "Ingrid",
  "Diego",
  "Mei",
  "Rowan",
  "Leah",
  "Sam",
];
export const LAST_NAMES = [
  "Hart",
  "Nguyen",
  "Okafor",
  "Larsen",
  "Moreau",
  "Patel",
  "Kowalski",
  "Reyes",
  "Fischer",
  "Tanaka",
  "Brennan",
  "Silva",
  "Haddad",
  "Lindqvist",
  "Murphy",
  "Rossi",
  "Chen",
  "Dubois",
  "Novak",
  "Ahmed",
  "Walsh",
  "Kim",
  "Costa",
  "Berg",
  "Frost",
  "Ellis",
];
const COUNTRIES = ["US", "US", "US", "CA", "CA", "GB", "AU", "NZ", "DE"];
const CONSENT: [string, number][] = [
  ["SUBSCRIBED", 0.62],
  ["NOT_SUBSCRIBED", 0.2],
  ["UNSUBSCRIBED", 0.09],
  ["PENDING", 0.05],
  ["INVALID", 0.04],
];

export interface DemoData {
  products: ProductInput[];
  customers: CustomerInput[];
  orders: OrderInput[];
  checkouts: CheckoutInput[];
}

const productId = (i: number) => String(8_100_000_001 + i);
const variantId = (p: number, v: number) => String(4_500_000_001 + p * 10 + v);
export const customerId = (i: number) => String(7_100_000_001 + i);
const orderId = (i: number) => String(5_100_000_001 + i);

export function handleOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export function demoProducts(anchor: Date): ProductInput[] {
  return DEMO_PRODUCTS.map((p, i) => ({
    shopifyId: productId(i),
    title: p.title,
    handle: handleOf(p.title),
    description: p.description,
    productType: p.type,
    vendor: p.vendor,
    tags: p.tags.join(", "),
    status: "ACTIVE",
    imageUrl: null,
    imageAlt: null,
    variants: (p.variants ?? ["Default Title"]).map((title, v) => ({
      id: variantId(i, v),
      title,
      priceMinor: p.priceMinor,
      inventoryQuantity: 20 + ((i * 7 + v * 3) % 40),
      available: true,
    })),
    updatedAt: new Date(anchor.getTime() - 400 * DAY),
  }));
}

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)];
}

function consentState(r: () => number): string {
  let x = r();
  for (const [state, p] of CONSENT) {
    if (x < p) return state;
    x -= p;
  }
  return "NOT_SUBSCRIBED";
}

function hex(r: () => number, length: number): string {
  let out = "";
  while (out.length < length) out += Math.floor(r() * 16).toString(16);
  return out;
}

type Cohort = "none" | "one_time" | "regular" | "lapsed" | "anniversary";

/** Days before the anchor of each order a customer placed, oldest first. */
function orderDays(r: () => number, cohort: Cohort, index: number): number[] {
  switch (cohort) {
    case "none":
      return [];
    case "one_time":
      return [5 + Math.floor(r() * 720)];
    case "anniversary":
      // First order a year ago, landing on today and the next six days: advancing the demo clock
      // by a day brings the next anniversary due.
      return [365 - (index % 7), ...(r() < 0.5 ? [120 + Math.floor(r() * 100)] : [])];
    case "lapsed": {
      const last = 86 + Math.floor(r() * 40); // around the 90-day win-back threshold
      const days = [last];
      while (days.length < 1 + Math.floor(r() * 3))
        days.push(days[days.length - 1] + 60 + Math.floor(r() * 120));
      return days.filter((d) => d < 730).reverse();
    }
    case "regular": {
      const days = [2 + Math.floor(r() * 50)];
      const count = 2 + Math.floor(r() * 5);
      while (days.length < count) days.push(days[days.length - 1] + 30 + Math.floor(r() * 120));
      return days.filter((d) => d < 730).reverse();
    }
  }
}

function cohortOf(r: () => number, index: number): Cohort {
  if (index < 14) return "anniversary";
  const x = r();
  if (x < 0.1) return "none";
  if (x < 0.48) return "one_time";
  if (x < 0.75) return "regular";
  return "lapsed";
}

/** Products bought together: a tent buyer tends to come back for sleep and cook gear. */
const FOLLOW_UPS: Record<string, string[]> = {
  Tents: ["Sleeping bags", "Sleeping pads", "Lighting"],
  "Sleeping bags": ["Sleeping pads", "Tents"],
  Stoves: ["Cookware", "Stoves"],
  Backpacks: ["Water", "Accessories", "Clothing"],
};

export function generateDemoData(anchor: Date, customerCount = 300, seed = 20_261_001): DemoData {
  const r = rng(seed);
  const products = demoProducts(anchor);
  const byType = new Map<string, number[]>();
  for (const [i, p] of DEMO_PRODUCTS.entries()) byType.set(p.type, [...(byType.get(p.type) ?? []), i]);
  const customers: CustomerInput[] = [];
  const orders: OrderInput[] = [];
  let orderSeq = 0;
  for (let c = 0; c < customerCount; c++) {
    const first = pick(r, FIRST_NAMES);
    const last = pick(r, LAST_NAMES);
    const shopifyId = customerId(c);
    const email = `${first}.${last}.${c + 1}@example.com`.toLowerCase();
    const cohort = cohortOf(r, c);
    const days = orderDays(r, cohort, c);
    const createdDaysAgo = (days[0] ?? 30 + Math.floor(r() * 300)) + 1;
    const consent =
      cohort === "anniversary" || cohort === "lapsed"
        ? r() < 0.85
          ? "SUBSCRIBED"
          : consentState(r)
        : consentState(r);
    customers.push({
      shopifyId,
      email,
      firstName: first,
      lastName: last,
      locale: "en",
      tags: cohort === "regular" ? "repeat" : "",
      countryCode: pick(r, COUNTRIES),
      timeZone: null,
      consent: {
        state: consent,
        optInLevel: consent === "SUBSCRIBED" ? "SINGLE_OPT_IN" : null,
        updatedAt: new Date(anchor.getTime() - createdDaysAgo * DAY),
      },
      updatedAt: new Date(anchor.getTime() - createdDaysAgo * DAY),
    });
    let lastType: string | null = null;
    for (const d of days) {
      const follow: string[] | undefined = lastType ? FOLLOW_UPS[lastType] : undefined;
      const type: string = follow && r() < 0.6 ? pick(r, follow) : pick(r, [...byType.keys()]);
      const indices = [pick(r, byType.get(type) ?? [0])];
      if (r() < 0.35) indices.push(Math.floor(r() * products.length));
      const lines = [...new Set(indices)].map((p, k) => {
        const product = products[p];
        const variant = product.variants[Math.floor(r() * product.variants.length)];
        return {
          shopifyId: String(9_300_000_001 + orderSeq * 10 + k),
          productShopifyId: product.shopifyId,
          variantShopifyId: variant.id,
          title: product.title,
          variantTitle: variant.title === "Default Title" ? null : variant.title,
          sku: `CE-${product.shopifyId.slice(-3)}-${variant.id.slice(-2)}`,
          productType: product.productType,
          quantity: r() < 0.85 ? 1 : 2,
          priceMinor: variant.priceMinor,
        };
      });
      const subtotal = lines.reduce((sum, l) => sum + l.priceMinor * l.quantity, 0);
      const at = new Date(anchor.getTime() - d * DAY - Math.floor(r() * 10) * 3_600_000);
      orders.push({
        shopifyId: orderId(orderSeq),
        name: `#${1001 + orderSeq}`,
        customerShopifyId: shopifyId,
        email,
        checkoutToken: hex(r, 32),
        currency: DEMO_CURRENCY,
        subtotalMinor: subtotal,
        totalMinor: subtotal + (subtotal >= 10_000 ? 0 : 900),
        refundedMinor: 0,
        financialStatus: "paid",
        discountCodes: [],
        landingSite: "/",
        sourceName: "web",
        processedAt: at,
        cancelledAt: null,
        updatedAt: at,
        lines,
      });
      orderSeq++;
      lastType = type;
    }
  }
  orders.sort((a, b) => a.processedAt.getTime() - b.processedAt.getTime());
  const checkouts: CheckoutInput[] = [];
  for (let k = 0; k < 5; k++) {
    const customer = customers[(20 + k * 11) % customers.length];
    const product = products[(k * 5) % products.length];
    const at = new Date(anchor.getTime() - (2 + k) * DAY);
    checkouts.push({
      token: `demo-open-${hex(r, 24)}`,
      cartToken: hex(r, 24),
      customerShopifyId: customer.shopifyId,
      email: customer.email,
      abandonedCheckoutUrl: null,
      buyerAcceptsMarketing: customer.consent?.state === "SUBSCRIBED",
      currency: DEMO_CURRENCY,
      totalMinor: product.variants[0].priceMinor,
      lines: [
        {
          productId: product.shopifyId,
          variantId: product.variants[0].id,
          title: product.title,
          variantTitle: null,
          quantity: 1,
          priceMinor: product.variants[0].priceMinor,
          imageUrl: null,
        },
      ],
      completedAt: null,
      createdAt: at,
      updatedAt: at,
    });
  }
  return { products, customers, orders, checkouts };
}
