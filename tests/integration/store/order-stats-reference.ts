// The per-customer reference for the set-based statistics: read each customer's orders and add
// them up one by one, the way the statistics are defined (kept in the tests, never in app/).
import type { Db } from "../../../app/db/client.server";
import type { OrderInput } from "../../../app/store/types";

export interface ReferenceStats {
  ordersCount: number;
  totalSpentMinor: number;
  firstOrderAt: Date | null;
  firstOrderMonthDay: string | null;
  lastOrderAt: Date | null;
}

/** "MM-DD" of an instant on the wall calendar of `zone` (independent of app/store/values.ts). */
export function localMonthDay(at: Date, zone: string): string {
  const text = at.toLocaleDateString("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  return text.slice(5, 10); // en-CA renders YYYY-MM-DD
}

/** Each customer's figures, added up order by order from the shop's stored orders. */
export async function referenceStats(
  db: Db,
  shop: string,
  customers: string[],
  zone: string,
): Promise<Map<string, ReferenceStats>> {
  const orders = await db.order.findMany({ where: { shop, customerShopifyId: { not: null } } });
  const out = new Map<string, ReferenceStats>();
  for (const customer of customers) {
    const stats: ReferenceStats = {
      ordersCount: 0,
      totalSpentMinor: 0,
      firstOrderAt: null,
      firstOrderMonthDay: null,
      lastOrderAt: null,
    };
    for (const o of orders) {
      if (o.customerShopifyId !== customer || o.cancelledAt) continue;
      stats.ordersCount++;
      stats.totalSpentMinor += o.totalMinor - o.refundedMinor;
      if (!stats.firstOrderAt || o.processedAt < stats.firstOrderAt) stats.firstOrderAt = o.processedAt;
      if (!stats.lastOrderAt || o.processedAt > stats.lastOrderAt) stats.lastOrderAt = o.processedAt;
    }
    if (stats.firstOrderAt) stats.firstOrderMonthDay = localMonthDay(stats.firstOrderAt, zone);
    out.set(customer, stats);
  }
  return out;
}

export async function storedStats(
  db: Db,
  shop: string,
  customers: string[],
): Promise<Map<string, ReferenceStats>> {
  const rows = await db.customer.findMany({
    where: { shop },
    select: {
      shopifyId: true,
      ordersCount: true,
      totalSpentMinor: true,
      firstOrderAt: true,
      firstOrderMonthDay: true,
      lastOrderAt: true,
    },
  });
  const wanted = new Set(customers);
  return new Map(
    rows.filter((r) => wanted.has(r.shopifyId)).map(({ shopifyId, ...stats }) => [shopifyId, stats]),
  );
}

let serial = 0;

/** An order as ingest maps it; no lines (statistics do not read them). */
export function order(customer: string | null, at: string, fields: Partial<OrderInput> = {}): OrderInput {
  serial++;
  return {
    shopifyId: `9${String(serial).padStart(8, "0")}`,
    name: `#${1000 + serial}`,
    customerShopifyId: customer,
    email: null,
    checkoutToken: null,
    currency: "USD",
    subtotalMinor: 5000,
    totalMinor: 5000,
    refundedMinor: 0,
    financialStatus: "paid",
    discountCodes: [],
    landingSite: null,
    sourceName: "web",
    processedAt: new Date(at),
    cancelledAt: null,
    updatedAt: new Date(at),
    lines: [],
    ...fields,
  };
}

/** Counts every client call (model queries and raw statements) made through a transaction. */
export function countingCalls<T extends object>(tx: T): { tx: T; calls: () => number } {
  let n = 0;
  const wrap = (target: object): object =>
    new Proxy(target, {
      get(t, key) {
        const value = Reflect.get(t, key);
        if (typeof value === "function")
          return (...args: unknown[]) => {
            n++;
            return (value as (...a: unknown[]) => unknown).apply(t, args);
          };
        if (value && typeof value === "object" && typeof key === "string" && !key.startsWith("$"))
          return wrap(value);
        return value;
      },
    });
  return { tx: wrap(tx) as T, calls: () => n };
}
