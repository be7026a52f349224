// Set-based order statistics against the per-customer reference: hand-made histories (cancelled
// orders, refunds, customers only known from orders, late-evening and DST-edge first orders in
// Los Angeles, all-cancelled customers) and a seeded shop larger than one batch.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { sqlFragments } from "../../../app/db/sql.server";
import { recomputeShopStats } from "../../../app/shopify/backfill-ingest.server";
import { applyCustomers, recomputeOrderStats, STATS_BATCH } from "../../../app/store/customers.server";
import { applyOrders } from "../../../app/store/orders.server";
import type { OrderInput } from "../../../app/store/types";
import { installedShop } from "../../support/webhooks";
import { countingCalls, order, referenceStats, storedStats } from "./order-stats-reference";

const LA = "America/Los_Angeles";
const db = () => getDb();

async function shopIn(zone: string | null): Promise<string> {
  const shop = await installedShop(db(), "stats");
  if (zone) await db().shop.update({ where: { shop }, data: { timeZone: zone } });
  return shop;
}

async function storeOrders(shop: string, orders: OrderInput[]): Promise<void> {
  await db().$transaction((tx) => applyOrders(tx, shop, orders, { recompute: false, strict: true }));
}

/** Existing profiles carrying stale figures that the recompute must overwrite. */
async function staleCustomers(shop: string, ids: string[]): Promise<void> {
  const at = new Date("2025-01-01T00:00:00Z");
  await db().$transaction((tx) =>
    applyCustomers(
      tx,
      shop,
      ids.map((shopifyId) => ({
        shopifyId,
        email: `${shopifyId}@example.com`,
        firstName: null,
        lastName: null,
        locale: null,
        countryCode: null,
        timeZone: null,
        tags: "",
        consent: null,
        updatedAt: at,
      })),
    ),
  );
  await db().customer.updateMany({
    where: { shop, shopifyId: { in: ids } },
    data: {
      ordersCount: 9,
      totalSpentMinor: 999,
      firstOrderAt: at,
      firstOrderMonthDay: "01-01",
      lastOrderAt: at,
    },
  });
}

async function expectReference(shop: string, ids: string[], zone: string): Promise<void> {
  const stored = await storedStats(db(), shop, ids);
  const reference = await referenceStats(db(), shop, ids, zone);
  for (const id of ids) expect({ id, ...stored.get(id) }).toEqual({ id, ...reference.get(id) });
}

describe("set-based order statistics", () => {
  it("matches the per-customer reference on hand-made histories in Los Angeles", async () => {
    const shop = await shopIn(LA);
    const other = await shopIn(LA); // same customer ids, other shop: must not count
    await staleCustomers(shop, ["101", "102", "105"]);
    await storeOrders(shop, [
      // 101: first order 21:30 on 1 March in LA (05:30 UTC on 2 March); a refund; a cancelled order.
      order("101", "2026-03-02T05:30:00Z", { totalMinor: 4000 }),
      order("101", "2026-05-10T12:00:00Z", { totalMinor: 7000, refundedMinor: 2500 }),
      order("101", "2026-01-01T00:00:00Z", {
        totalMinor: 90000,
        cancelledAt: new Date("2026-01-02T00:00:00Z"),
      }),
      // 102: every order cancelled → zeros and nulls over its stale figures.
      order("102", "2026-04-01T10:00:00Z", { cancelledAt: new Date("2026-04-02T00:00:00Z") }),
      // 103: only known from orders → a bare row; first order 23:30 the evening before DST starts.
      order("103", "2026-03-08T07:30:00Z", { totalMinor: 1234 }),
      order("103", "2026-03-09T07:30:00Z", { totalMinor: 1000, refundedMinor: 1000 }),
      // 104: 23:30 PDT on 31 October, the night before DST ends (06:30 UTC on 1 November).
      order("104", "2026-11-01T06:30:00Z"),
      order(null, "2026-06-01T00:00:00Z"), // a guest order counts for nobody
    ]);
    await storeOrders(other, [
      order("101", "2025-12-31T23:00:00Z", { totalMinor: 50 }),
      order("105", "2026-02-02T02:00:00Z"),
    ]);

    // 105 has a profile but no orders in this shop: asked for, it is reset too.
    await db().$transaction((tx) => recomputeOrderStats(tx, shop, ["101", "102", "103", "104", "105", null]));

    await expectReference(shop, ["101", "102", "103", "104", "105"], LA);
    const get = async (id: string) => (await storedStats(db(), shop, [id])).get(id);
    expect(await get("101")).toEqual({
      ordersCount: 2,
      totalSpentMinor: 8500,
      firstOrderAt: new Date("2026-03-02T05:30:00Z"),
      firstOrderMonthDay: "03-01",
      lastOrderAt: new Date("2026-05-10T12:00:00Z"),
    });
    const zero = {
      ordersCount: 0,
      totalSpentMinor: 0,
      firstOrderAt: null,
      firstOrderMonthDay: null,
      lastOrderAt: null,
    };
    expect(await get("102")).toEqual(zero);
    expect(await get("105")).toEqual(zero);
    expect((await get("103"))?.firstOrderMonthDay).toBe("03-07");
    expect((await get("104"))?.firstOrderMonthDay).toBe("10-31");
    const bare = await db().customer.findUniqueOrThrow({
      where: { shop_shopifyId: { shop, shopifyId: "103" } },
    });
    expect([bare.email, bare.marketingState, bare.totalSpentMinor]).toEqual([null, "NOT_SUBSCRIBED", 1234]);
    // Profiles are untouched; the other shop's customers were never written.
    expect(
      (await db().customer.findUniqueOrThrow({ where: { shop_shopifyId: { shop, shopifyId: "101" } } }))
        .email,
    ).toBe("101@example.com");
    expect(await db().customer.count({ where: { shop: other } })).toBe(0);
  });

  it("stores timestamps in the same form Prisma writes, so SQL comparisons with orders hold", async () => {
    const shop = await shopIn(LA);
    await storeOrders(shop, [order("201", "2026-07-04T03:00:00.123Z"), order("201", "2026-08-01T20:00:00Z")]);
    await db().$transaction((tx) => recomputeOrderStats(tx, shop, ["201"]));
    const sql = sqlFragments();
    const rows = await db().$queryRaw<Array<{ n: number | bigint }>>(sql.sql`
      SELECT COUNT(*) AS "n" FROM "Customer" c
      JOIN "Order" f ON f."shop" = c."shop" AND f."processedAt" = c."firstOrderAt"
      JOIN "Order" l ON l."shop" = c."shop" AND l."processedAt" = c."lastOrderAt"
      WHERE c."shop" = ${shop} AND c."shopifyId" = '201'`);
    expect(Number(rows[0].n)).toBe(1);
    expect((await storedStats(db(), shop, ["201"])).get("201")?.firstOrderMonthDay).toBe("07-03");
  });

  it("uses UTC month-days when the shop has no zone", async () => {
    const shop = await shopIn(null);
    await storeOrders(shop, [order("301", "2026-03-02T05:30:00Z")]);
    await db().$transaction((tx) => recomputeOrderStats(tx, shop, ["301"]));
    expect((await storedStats(db(), shop, ["301"])).get("301")?.firstOrderMonthDay).toBe("03-02");
  });

  it("recomputes a shop larger than one batch with a constant number of statements per batch", async () => {
    const shop = await shopIn(LA);
    const customers = STATS_BATCH + 200;
    let seed = 42;
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const orders: OrderInput[] = [];
    for (let c = 0; c < customers; c++) {
      const id = String(5000 + c);
      for (let k = 0, n = 1 + Math.floor(rand() * 3); k < n; k++) {
        const at = new Date(Date.UTC(2025, 0, 1) + Math.floor(rand() * 600 * 86_400_000)).toISOString();
        const cancelled = rand() < 0.15 ? new Date(at) : null;
        const total = 100 + Math.floor(rand() * 20_000);
        orders.push(
          order(id, at, {
            totalMinor: total,
            refundedMinor: rand() < 0.2 ? Math.floor(total / 3) : 0,
            cancelledAt: cancelled,
          }),
        );
      }
    }
    for (let i = 0; i < orders.length; i += 500) await storeOrders(shop, orders.slice(i, i + 500));
    const ids = [...new Set(orders.map((o) => o.customerShopifyId as string))];
    await staleCustomers(shop, ids.slice(0, 300));

    await recomputeShopStats(db(), shop);
    expect(await db().customer.count({ where: { shop } })).toBe(customers);
    await expectReference(shop, ids, LA);

    // The webhook path for all of them at once: the shop's zone, then per batch a grouped read and
    // one upsert (creating the rows deleted here): not one statement per customer.
    await db().customer.deleteMany({ where: { shop, shopifyId: { in: ids.slice(-5) } } });
    const calls = await db().$transaction(async (tx) => {
      const counted = countingCalls(tx);
      await recomputeOrderStats(counted.tx, shop, ids);
      return counted.calls();
    });
    expect(calls).toBe(1 + 2 * Math.ceil(customers / STATS_BATCH));
    await expectReference(shop, ids, LA);
  });
});
