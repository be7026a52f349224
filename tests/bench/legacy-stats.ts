// bench:backfill only: the statistics recomputes Tend used before the one-statement-per-batch
// one, kept here so each bench run measures all of them on the same data and machine. Not used by
// the app. legacyRecomputeShopStats: one UPDATE per customer, 250 customers per transaction.
// batchedRecomputeShopStats: per 500 customers a page read, a grouped read and one upsert, with
// month-days computed in JS (the per-event path, recomputeOrderStats, still works this way).
import type { Db } from "../../app/db/client.server";
import { recomputeOrderStats } from "../../app/store/customers.server";
import { monthDay } from "../../app/store/values";

const CHUNK = 250;

export async function legacyRecomputeShopStats(db: Db, shop: string): Promise<void> {
  const row = await db.shop.findUnique({ where: { shop }, select: { timeZone: true } });
  const zone = row?.timeZone ?? "UTC";
  let cursor: string | undefined;
  for (;;) {
    const page = await db.order.groupBy({
      by: ["customerShopifyId"],
      where: { shop, customerShopifyId: cursor ? { gt: cursor } : { not: null } },
      orderBy: { customerShopifyId: "asc" },
      take: CHUNK,
    });
    if (page.length === 0) return;
    const chunk = page.map((r) => r.customerShopifyId as string);
    await db.$transaction(
      async (tx) => {
        const stats = await tx.order.groupBy({
          by: ["customerShopifyId"],
          where: { shop, customerShopifyId: { in: chunk }, cancelledAt: null },
          _count: { _all: true },
          _sum: { totalMinor: true, refundedMinor: true },
          _min: { processedAt: true },
          _max: { processedAt: true },
        });
        const byId = new Map(stats.map((s) => [s.customerShopifyId as string, s]));
        const have = new Set(
          (
            await tx.customer.findMany({
              where: { shop, shopifyId: { in: chunk } },
              select: { shopifyId: true },
            })
          ).map((c) => c.shopifyId),
        );
        const missing = chunk.filter((id) => !have.has(id));
        if (missing.length)
          await tx.customer.createMany({ data: missing.map((shopifyId) => ({ shop, shopifyId })) });
        for (const id of chunk) {
          const s = byId.get(id);
          const first = s?._min.processedAt ?? null;
          await tx.customer.update({
            where: { shop_shopifyId: { shop, shopifyId: id } },
            data: {
              ordersCount: s?._count._all ?? 0,
              totalSpentMinor: (s?._sum.totalMinor ?? 0) - (s?._sum.refundedMinor ?? 0),
              firstOrderAt: first,
              firstOrderMonthDay: first ? monthDay(first, zone) : null,
              lastOrderAt: s?._max.processedAt ?? null,
            },
          });
        }
      },
      { timeout: 120_000 },
    );
    cursor = chunk[chunk.length - 1];
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export async function batchedRecomputeShopStats(db: Db, shop: string): Promise<void> {
  for (let cursor = ""; ; ) {
    // bench:backfill runs on SQLite.
    const rows = await db.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT "customerShopifyId" AS "id" FROM "Order" WHERE "shop" = ? AND "customerShopifyId" > ?
       GROUP BY "customerShopifyId" ORDER BY "customerShopifyId" LIMIT ?`,
      shop,
      cursor,
      500,
    );
    if (rows.length === 0) return;
    const chunk = rows.map((r) => r.id);
    await db.$transaction((tx) => recomputeOrderStats(tx, shop, chunk), { timeout: 120_000 });
    cursor = chunk[chunk.length - 1];
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
