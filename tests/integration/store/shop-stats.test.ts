// A whole shop's statistics in one statement per batch (recomputeShopStats) against the
// per-customer reference and against the per-event path (recomputeOrderStats, month-days through
// Intl in JS): hand-made first orders on local midnights and DST changes in zones with odd offsets,
// several batches with ids whose text order differs from their numeric order, and the statement
// count. Stored values are compared as the database holds them (timestamps as text).
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { applyCustomers, recomputeOrderStats } from "../../../app/store/customers.server";
import { applyOrders } from "../../../app/store/orders.server";
import { recomputeShopStats } from "../../../app/store/shop-stats.server";
import type { OrderInput } from "../../../app/store/types";
import { testDbKind } from "../../support/database";
import { installedShop } from "../../support/webhooks";
import { countingCalls, order, referenceStats, storedStats } from "./order-stats-reference";

const db = () => getDb();

async function shopIn(zone: string | null): Promise<string> {
  const shop = await installedShop(db(), "shopstats");
  if (zone) await db().shop.update({ where: { shop }, data: { timeZone: zone } });
  return shop;
}

async function storeOrders(shop: string, orders: OrderInput[]): Promise<void> {
  for (let i = 0; i < orders.length; i += 500)
    await db().$transaction((tx) =>
      applyOrders(tx, shop, orders.slice(i, i + 500), { recompute: false, strict: true }),
    );
}

/** Every customer's statistics exactly as stored (timestamps as the database's text). */
async function rawStats(shop: string): Promise<unknown[]> {
  return db().$queryRawUnsafe(
    `SELECT "shopifyId", "ordersCount", "totalSpentMinor", CAST("firstOrderAt" AS TEXT) AS "first",
      "firstOrderMonthDay", CAST("lastOrderAt" AS TEXT) AS "last"
    FROM "Customer" WHERE "shop" = ${testDbKind() === "postgresql" ? "$1" : "?"} ORDER BY "shopifyId"`,
    shop,
  );
}

async function resetStats(shop: string): Promise<void> {
  await db().customer.updateMany({
    where: { shop },
    data: {
      ordersCount: 7,
      totalSpentMinor: 7,
      firstOrderAt: null,
      firstOrderMonthDay: "12-31",
      lastOrderAt: null,
    },
  });
}

/** The per-event path over the same customers, for the old behaviour's rows. */
async function perEventStats(shop: string, ids: string[]): Promise<unknown[]> {
  await resetStats(shop);
  await db().$transaction((tx) => recomputeOrderStats(tx, shop, ids), { timeout: 60_000 });
  return rawStats(shop);
}

async function expectReference(shop: string, ids: string[], zone: string): Promise<void> {
  const stored = await storedStats(db(), shop, ids);
  const reference = await referenceStats(db(), shop, ids, zone);
  for (const id of ids) expect({ id, ...stored.get(id) }).toEqual({ id, ...reference.get(id) });
}

// Instants just either side of a local midnight or an offset change, per zone.
const EDGES: Array<[string, string[]]> = [
  [
    "America/Los_Angeles",
    ["2026-03-08T09:59:59.999Z", "2026-03-08T10:00:00Z", "2026-11-01T06:59:59Z", "2026-11-01T07:00:00Z"],
  ],
  ["Asia/Kathmandu", ["2026-05-31T18:14:59.999Z", "2026-05-31T18:15:00Z"]],
  ["Pacific/Chatham", ["2026-04-04T10:44:59Z", "2026-04-04T11:45:00Z", "2026-09-26T10:45:00Z"]],
  ["Australia/Lord_Howe", ["2026-04-04T13:29:59Z", "2026-04-04T13:30:00Z", "2026-10-03T13:29:59Z"]],
  ["America/St_Johns", ["2026-03-08T03:29:59Z", "2026-11-01T02:29:59Z", "2026-11-01T02:30:00Z"]],
  ["Pacific/Apia", ["2011-12-30T09:59:59Z", "2011-12-30T10:00:00Z"]],
];

describe("recomputeShopStats: one statement per batch", () => {
  it.each(EDGES)(
    "matches the reference and the per-event path on edge instants in %s",
    async (zone, instants) => {
      const shop = await shopIn(zone);
      const orders = instants.flatMap((at, i) => [
        order(`${10 + i}`, at, { totalMinor: 1000 + i, refundedMinor: i }),
        order(`${10 + i}`, "2026-12-01T12:00:00Z", { totalMinor: 500 }),
        order(`${10 + i}`, "2005-01-01T00:00:00Z", { cancelledAt: new Date("2005-01-02T00:00:00Z") }),
      ]);
      await storeOrders(shop, orders);
      const ids = instants.map((_, i) => `${10 + i}`);
      await recomputeShopStats(db(), shop);
      await expectReference(shop, ids, zone);
      const setBased = await rawStats(shop);
      expect(await perEventStats(shop, ids)).toEqual(setBased);
    },
  );

  it("pages through many batches in the database's id order, one statement each, touching only its shop", async () => {
    const zone = "Pacific/Chatham";
    const shop = await shopIn(zone);
    const other = await shopIn(zone);
    // Text order differs from numeric order (9 > 10 > 1); mixed case and punctuation test the
    // database's collation (the cursor must be compared the way the database orders).
    const ids = [
      ...Array.from({ length: 120 }, (_, i) => String(i * 37 + 1)),
      "x-1",
      "x1",
      "X2",
      "x_3",
      "a b",
    ];
    let seed = 11;
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const orders: OrderInput[] = [];
    for (const id of ids) {
      for (let k = 0, n = 1 + Math.floor(rand() * 3); k < n; k++) {
        const at = new Date(Date.UTC(2019, 0, 1) + Math.floor(rand() * 2500 * 86_400_000));
        orders.push(
          order(id, at.toISOString(), {
            totalMinor: 100 + Math.floor(rand() * 9000),
            refundedMinor: rand() < 0.3 ? 50 : 0,
            cancelledAt: rand() < 0.2 ? at : null,
          }),
        );
      }
    }
    // Every order of the last customer cancelled: the recompute resets it to zeros.
    orders.push(order("zz", "2024-01-01T00:00:00Z", { cancelledAt: new Date("2024-01-02T00:00:00Z") }));
    ids.push("zz");
    await storeOrders(shop, orders);
    await storeOrders(other, [order("1", "2020-02-02T02:00:00Z"), order("x1", "2021-03-03T03:00:00Z")]);
    // Some customers have a profile with stale figures; the rest are only known from orders.
    await db().$transaction((tx) =>
      applyCustomers(
        tx,
        shop,
        ids.slice(0, 40).map((shopifyId) => ({
          shopifyId,
          email: `${shopifyId.replace(/\W/g, "")}@example.com`,
          firstName: null,
          lastName: null,
          locale: null,
          countryCode: null,
          timeZone: null,
          tags: "",
          consent: null,
          updatedAt: new Date("2025-01-01T00:00:00Z"),
        })),
      ),
    );
    await resetStats(shop);
    const otherBefore = await rawStats(other);

    const batch = 10;
    const counted = countingCalls(db());
    await recomputeShopStats(counted.tx, shop, { batch });
    // The orders' span, the shop's zone, then one statement per batch (the last one short).
    expect(ids.length % batch).not.toBe(0);
    expect(counted.calls()).toBe(2 + Math.ceil(ids.length / batch));
    expect(await db().customer.count({ where: { shop } })).toBe(ids.length);
    await expectReference(shop, ids, zone);
    expect((await storedStats(db(), shop, ["zz"])).get("zz")).toEqual({
      ordersCount: 0,
      totalSpentMinor: 0,
      firstOrderAt: null,
      firstOrderMonthDay: null,
      lastOrderAt: null,
    });
    const setBased = await rawStats(shop);
    expect(await perEventStats(shop, ids)).toEqual(setBased);
    expect(await rawStats(other)).toEqual(otherBefore);
    const profile = await db().customer.findUniqueOrThrow({
      where: { shop_shopifyId: { shop, shopifyId: "1" } },
    });
    expect(profile.email).toBe("1@example.com");
  });

  it("does nothing for a shop without orders, and uses UTC dates without a zone", async () => {
    const empty = await shopIn("America/Los_Angeles");
    const counted = countingCalls(db());
    await recomputeShopStats(counted.tx, empty);
    expect(counted.calls()).toBe(1);
    const shop = await shopIn(null);
    await storeOrders(shop, [order("1", "2026-03-02T05:30:00Z")]);
    await recomputeShopStats(db(), shop);
    expect((await storedStats(db(), shop, ["1"])).get("1")?.firstOrderMonthDay).toBe("03-02");
  });
});
