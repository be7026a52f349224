// Set-based segment recompute against the per-customer oracle (segments-oracle.ts): hand-built
// histories on each boundary (one millisecond either side, through the database's own date
// arithmetic), affinity from the catalog's product types, clicks, cancelled orders, another shop
// with the same ids, a seeded shop of a few hundred customers, the incremental path and redaction.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { DEFAULT_SEGMENT_RULES } from "../../../app/domain/segments";
import { DAY_MS } from "../../../app/domain/segments-assign";
import { redactCustomer } from "../../../app/store/compliance.server";
import { applyOrders } from "../../../app/store/orders.server";
import {
  recomputeCustomerSegments,
  recomputeShopSegments,
  segmentCounts,
  VIP_CUTOFF_KEY,
} from "../../../app/store/segments.server";
import type { OrderInput, OrderLineInput } from "../../../app/store/types";
import { installedShop } from "../../support/webhooks";
import { order } from "./order-stats-reference";
import { type Assigned, oracle, stored } from "./segments-oracle";

const db = () => getDb();
const NOW = new Date("2026-06-01T12:00:00.000Z");
const ago = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY_MS + ms).toISOString();

const line = (
  productShopifyId: string,
  quantity: number,
  productType: string | null = null,
): OrderLineInput => ({
  shopifyId: null,
  productShopifyId,
  variantShopifyId: null,
  title: `Product ${productShopifyId}`,
  variantTitle: null,
  sku: null,
  productType,
  quantity,
  priceMinor: 1000,
});

async function catalog(shop: string, types: Record<string, string | null>): Promise<void> {
  for (const [shopifyId, productType] of Object.entries(types))
    await db().product.create({ data: { shop, shopifyId, title: `Product ${shopifyId}`, productType } });
}

async function store(shop: string, orders: OrderInput[]): Promise<void> {
  await db().$transaction((tx) => applyOrders(tx, shop, orders, { strict: true }));
}

let messages = 0;
/** A click by `customer` on an email, last clicked at `at`. */
async function clicked(shop: string, customer: string, at: string): Promise<void> {
  messages++;
  const m = await db().message.create({
    data: {
      shop,
      runId: `run-${messages}`,
      stepIndex: 0,
      flowKey: "win_back",
      customerShopifyId: customer,
      messageIdHeader: `<m${messages}@test>`,
      status: "sent",
    },
  });
  await db().click.create({
    data: { shop, messageId: m.id, url: "https://x.example/p", at: new Date(at), lastAt: new Date(at) },
  });
}

async function expectOracle(shop: string, now = NOW): Promise<Map<string, Assigned>> {
  const got = await stored(db(), shop);
  const want = await oracle(db(), shop, now);
  expect(got.size).toBe(want.size);
  for (const [id, w] of want) expect({ id, ...got.get(id) }).toEqual({ id, ...w });
  return got;
}

describe("segment recompute (set-based SQL)", () => {
  it("assigns each segment on hand-built histories, boundaries to the millisecond", async () => {
    const shop = await installedShop(db(), "seg");
    const other = await installedShop(db(), "seg"); // same customer ids: must not count
    await catalog(shop, { p1: "Coffee", p2: "Tea", p3: "", p4: null });
    await store(shop, [
      order("n1", ago(3)),
      // at risk line: orders 50 and 30 days ago (gap 20 d) → exactly 30 d since is not yet at risk
      order("r-edge", ago(50)),
      order("r-edge", ago(30), { lines: [line("p2", 1)] }),
      order("a-edge", ago(50, -1)),
      order("a-edge", ago(30, -1), { lines: [line("p1", 2), line("p2", 2)] }),
      // lapsed line: exactly 180 d ago is not lapsed, a millisecond more is
      order("n-180", ago(180)),
      order("l-180", ago(180, -1), { lines: [line("p3", 5, "Mugs"), line("p4", 1)] }),
      // both orders at one moment: no pace to fall behind
      order("same", ago(100)),
      order("same", ago(100)),
      // a cancelled order neither counts nor gives an affinity
      order("cx", ago(10), { cancelledAt: new Date(ago(9)), lines: [line("p1", 9)] }),
      order("cx", ago(8), { lines: [line("p2", 1)] }),
    ]);
    await store(other, [order("n1", ago(400)), order("r-edge", ago(400))]);
    await clicked(shop, "n1", ago(90));
    await clicked(shop, "r-edge", ago(90, -1));
    await clicked(other, "a-edge", ago(1));

    const result = await recomputeShopSegments(db(), shop, new Date(NOW));
    expect(result.vipMinimum).toBeNull(); // 6 buyers: no decile yet
    const got = await expectOracle(shop);
    const pick = (id: string) => got.get(id);
    expect(pick("n1")).toMatchObject({ segment: "new", engaged: true });
    expect(pick("r-edge")).toMatchObject({ segment: "returning", engaged: false, categoryAffinity: "Tea" });
    expect(pick("a-edge")).toMatchObject({
      segment: "at_risk",
      categoryAffinity: "Coffee",
      lastClickAt: null,
    });
    expect(pick("n-180")).toMatchObject({ segment: "new", categoryAffinity: null });
    expect(pick("l-180")).toMatchObject({ segment: "lapsed", categoryAffinity: "Mugs" });
    expect(pick("same")).toMatchObject({ segment: "returning" });
    expect(pick("cx")).toMatchObject({ segment: "new", categoryAffinity: "Tea" });
    const untouched = await db().customer.findMany({ where: { shop: other }, select: { segment: true } });
    expect(untouched.every((c) => c.segment === null)).toBe(true);

    const counts = await segmentCounts(db(), shop);
    expect(counts.bySegment).toEqual({ new: 3, returning: 2, vip: 0, at_risk: 1, lapsed: 1 });
    expect(counts.engaged).toBe(1);
  });

  it("VIP: the decile with ties on a seeded shop, then the merchant's threshold", async () => {
    const shop = await installedShop(db(), "seg");
    await catalog(shop, { a: "Coffee", b: "Tea", c: "Gear" });
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const orders: OrderInput[] = [];
    for (let i = 0; i < 300; i++) {
      const n = Math.floor(rand() * 5); // 0 orders: a profile-only customer
      if (n === 0) {
        await db().customer.create({ data: { shop, shopifyId: `c${i}` } });
        continue;
      }
      const last = Math.floor(rand() * 300);
      const gap = 1 + Math.floor(rand() * 60);
      for (let k = 0; k < n; k++) {
        const lines = [line(["a", "b", "c"][Math.floor(rand() * 3)], 1 + Math.floor(rand() * 3))];
        orders.push(
          order(`c${i}`, ago(last + k * gap), { totalMinor: 100 * (1 + Math.floor(rand() * 20)), lines }),
        );
      }
      if (rand() < 0.3) await clicked(shop, `c${i}`, ago(Math.floor(rand() * 180)));
    }
    await store(shop, orders);

    const decile = await recomputeShopSegments(db(), shop, new Date(NOW));
    expect(decile.vipMinimum).not.toBeNull();
    const got = await expectOracle(shop);
    expect([...got.values()].some((c) => c.segment === "vip")).toBe(true);
    const cut = await db().appState.findUnique({ where: { shop_key: { shop, key: VIP_CUTOFF_KEY } } });
    expect(Number(cut?.value)).toBe(decile.vipMinimum);

    await db().shopSettings.upsert({
      where: { shop },
      create: { shop, vipThresholdMinor: 5_000 },
      update: { vipThresholdMinor: 5_000 },
    });
    const later = new Date(NOW.getTime() + 20 * DAY_MS); // time passes: some fall behind
    expect((await recomputeShopSegments(db(), shop, later)).vipMinimum).toBe(5_000);
    const want = await oracle(db(), shop, later, { ...DEFAULT_SEGMENT_RULES, vipThresholdMinor: 5_000 });
    const now = await stored(db(), shop);
    for (const [id, w] of want) expect({ id, ...now.get(id) }).toEqual({ id, ...w });
  });

  it("incremental: only the listed customers change, with the stored decile cutoff", async () => {
    const shop = await installedShop(db(), "seg");
    await catalog(shop, { a: "Coffee", b: "Tea" });
    const orders: OrderInput[] = [];
    for (let i = 0; i < 20; i++)
      orders.push(order(`k${i}`, ago(40), { totalMinor: 1000 * (i + 1), lines: [line("a", 1)] }));
    await store(shop, orders);
    await recomputeShopSegments(db(), shop, new Date(NOW));
    const before = await stored(db(), shop);
    expect(before.get("k19")?.segment).toBe("vip"); // 20 buyers: the top two
    expect(before.get("k17")?.segment).toBe("new");

    // k0 buys tea twice more (becomes returning with Tea), k1 clicks; nobody else is recomputed.
    await store(shop, [order("k0", ago(5), { lines: [line("b", 3)] }), order("k0", ago(2))]);
    await clicked(shop, "k1", ago(1));
    await clicked(shop, "k2", ago(1));
    const later = new Date(NOW.getTime() + 1000);
    expect(await recomputeCustomerSegments(db(), shop, ["k0", "k1", "k0"], later)).toBe(2);
    const after = await stored(db(), shop);
    const cutoff = Number(
      (await db().appState.findUnique({ where: { shop_key: { shop, key: VIP_CUTOFF_KEY } } }))?.value,
    );
    const want = await oracle(db(), shop, later, undefined, cutoff);
    expect(after.get("k0")).toEqual(want.get("k0"));
    expect(after.get("k0")).toMatchObject({ segment: "returning", categoryAffinity: "Tea" });
    expect(after.get("k1")).toEqual(want.get("k1"));
    expect(after.get("k1")?.engaged).toBe(true);
    expect(after.get("k2")).toEqual(before.get("k2")); // clicked, but not listed: unchanged
  });

  it("redaction erases the computed knowledge, and recomputes leave the tombstone alone", async () => {
    const shop = await installedShop(db(), "seg");
    await catalog(shop, { a: "Coffee" });
    await store(shop, [order("gone", ago(30), { lines: [line("a", 2)] }), order("gone", ago(3))]);
    await clicked(shop, "gone", ago(2));
    await recomputeShopSegments(db(), shop, new Date(NOW));
    expect((await stored(db(), shop)).get("gone")).toMatchObject({ segment: "returning", engaged: true });

    await db().$transaction((tx) =>
      redactCustomer(
        tx,
        shop,
        { customerShopifyId: "gone", email: null, orderShopifyIds: [] },
        new Date(NOW),
      ),
    );
    const erased = { segment: null, categoryAffinity: null, engaged: false, lastClickAt: null };
    const row = () =>
      db().customer.findUniqueOrThrow({
        where: { shop_shopifyId: { shop, shopifyId: "gone" } },
        select: { segment: true, categoryAffinity: true, engaged: true, lastClickAt: true },
      });
    expect(await row()).toEqual(erased);
    await recomputeShopSegments(db(), shop, new Date(NOW));
    await recomputeCustomerSegments(db(), shop, ["gone"], new Date(NOW));
    expect(await row()).toEqual(erased);
  });
});
