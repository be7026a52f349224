// bench:backfill only: the per-customer statistics recompute Tend used before the set-based one
// (one UPDATE per customer, 250 customers per transaction), kept here so each bench run measures
// both on the same data and machine. Not used by the app.
import type { Db } from "../../app/db/client.server";
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
