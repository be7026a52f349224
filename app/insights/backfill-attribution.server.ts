// Attribution for orders a backfill imported. Backfill publishes no per-order events, so after it
// finishes, every order placed since the shop's first sent message is evaluated once (the rules are
// idempotent). Orders older than Tend's first message cannot be attributed and are not read: on a
// first install there are no messages and this costs one query.
import type { Db } from "../db/client.server";
import { recomputeOrderAttribution } from "./attribute.server";

const PAGE = 500;

export async function attributeBackfilledOrders(db: Db, shop: string): Promise<number> {
  const first = await db.message.findFirst({
    where: { shop, status: "sent", sentAt: { not: null } },
    orderBy: { sentAt: "asc" },
    select: { sentAt: true },
  });
  if (!first?.sentAt) return 0;
  let evaluated = 0;
  let cursor: string | undefined;
  for (;;) {
    const orders = await db.order.findMany({
      where: { shop, processedAt: { gte: first.sentAt }, ...(cursor ? { shopifyId: { gt: cursor } } : {}) },
      orderBy: { shopifyId: "asc" },
      select: { shopifyId: true },
      take: PAGE,
    });
    for (const o of orders) await recomputeOrderAttribution(db, shop, o.shopifyId);
    evaluated += orders.length;
    if (orders.length < PAGE) return evaluated;
    cursor = orders[orders.length - 1].shopifyId;
  }
}
