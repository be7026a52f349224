// A shop's customer picture as plain data, without row ids and bookkeeping timestamps, so two shops
// fed the same facts in different orders can be compared for equality.
import { getDb } from "../../../app/db.server";

export async function storeSnapshot(shop: string) {
  const db = getDb();
  const customers = await db.customer.findMany({
    where: { shop },
    orderBy: { shopifyId: "asc" },
    // segmentUpdatedAt is when the segment was last computed (the process clock), not a customer fact.
    omit: { id: true, shop: true, createdAt: true, updatedAt: true, segmentUpdatedAt: true },
  });
  const orders = await db.order.findMany({
    where: { shop },
    orderBy: { shopifyId: "asc" },
    omit: { id: true, shop: true, createdAt: true, updatedAt: true },
    include: { lines: { omit: { id: true, shop: true, orderId: true }, orderBy: { shopifyId: "asc" } } },
  });
  const checkouts = await db.checkout.findMany({
    where: { shop },
    orderBy: { token: "asc" },
    omit: { id: true, shop: true, createdAt: true, updatedAt: true },
  });
  const products = await db.product.findMany({
    where: { shop },
    orderBy: { shopifyId: "asc" },
    omit: { id: true, shop: true, createdAt: true, updatedAt: true },
  });
  return { customers, orders, checkouts, products };
}
