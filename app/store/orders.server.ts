// Orders of one shop with their lines. An order marks its checkout (joined on checkout token)
// converted whether it arrives before or after the checkout's last update.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { recomputeOrderStats, type Tx } from "./customers.server";
import { createOrConflict, expectOne } from "./conflict";
import { isNewer } from "./merge";
import type { OrderInput } from "./types";

export interface OrderChange {
  shopifyId: string;
  created: boolean;
  /** The order became cancelled with this delivery. */
  cancelledNow: boolean;
  customerShopifyId: string | null;
  checkoutToken: string | null;
  processedAt: Date;
}

function orderData(shop: string, o: OrderInput) {
  return {
    shop,
    name: o.name,
    customerShopifyId: o.customerShopifyId,
    email: o.email,
    checkoutToken: o.checkoutToken,
    currency: o.currency,
    subtotalMinor: o.subtotalMinor,
    totalMinor: o.totalMinor,
    refundedMinor: o.refundedMinor,
    financialStatus: o.financialStatus,
    discountCodes: JSON.stringify(o.discountCodes),
    landingSite: o.landingSite,
    sourceName: o.sourceName,
    processedAt: o.processedAt,
    cancelledAt: o.cancelledAt,
    sourceUpdatedAt: o.updatedAt,
  };
}

function lineRows(shop: string, orderId: string, o: OrderInput): Prisma.OrderLineCreateManyInput[] {
  return o.lines.map((l) => ({ shop, orderId, ...l }));
}

/**
 * Applies orders newer than what is stored, then refreshes the statistics of every customer
 * touched and marks converted checkouts. `recompute: false` lets a bulk caller do that once per batch.
 */
export async function applyOrders(
  db: Tx,
  shop: string,
  inputs: OrderInput[],
  options: { recompute?: boolean; strict?: boolean } = {},
): Promise<OrderChange[]> {
  if (inputs.length === 0) return [];
  const latest = new Map<string, OrderInput>();
  for (const o of inputs) {
    const prev = latest.get(o.shopifyId);
    if (!prev || isNewer(o.updatedAt, prev.updatedAt)) latest.set(o.shopifyId, o);
  }
  const rows = await db.order.findMany({
    where: { shop, shopifyId: { in: [...latest.keys()] } },
    select: { id: true, shopifyId: true, sourceUpdatedAt: true, cancelledAt: true, customerShopifyId: true },
  });
  const stored = new Map(rows.map((r) => [r.shopifyId, r]));
  const changes: OrderChange[] = [];
  const touchedCustomers = new Set<string | null>();
  const newOrders: Prisma.OrderCreateManyInput[] = [];
  const newLines: Prisma.OrderLineCreateManyInput[] = [];
  for (const o of latest.values()) {
    const prev = stored.get(o.shopifyId);
    if (prev && !isNewer(o.updatedAt, prev.sourceUpdatedAt, options.strict)) continue;
    if (prev) {
      const updated = await db.order.updateMany({
        where: { id: prev.id, sourceUpdatedAt: prev.sourceUpdatedAt },
        data: orderData(shop, o),
      });
      expectOne("order", updated);
      await db.orderLine.deleteMany({ where: { orderId: prev.id } });
      newLines.push(...lineRows(shop, prev.id, o));
      touchedCustomers.add(prev.customerShopifyId);
    } else {
      const id = randomUUID();
      newOrders.push({ id, shopifyId: o.shopifyId, ...orderData(shop, o) });
      newLines.push(...lineRows(shop, id, o));
    }
    touchedCustomers.add(o.customerShopifyId);
    changes.push({
      shopifyId: o.shopifyId,
      created: !prev,
      cancelledNow: !!o.cancelledAt && !prev?.cancelledAt,
      customerShopifyId: o.customerShopifyId,
      checkoutToken: o.checkoutToken,
      processedAt: o.processedAt,
    });
  }
  if (newOrders.length) await createOrConflict("order", () => db.order.createMany({ data: newOrders }));
  if (newLines.length) await db.orderLine.createMany({ data: newLines });
  await markCheckoutsConverted(db, shop, changes);
  if (options.recompute !== false) await recomputeOrderStats(db, shop, touchedCustomers);
  return changes;
}

/** Converted is a fact that only ever gets added: later checkout payloads cannot undo it. */
async function markCheckoutsConverted(db: Tx, shop: string, changes: OrderChange[]) {
  const byToken = new Map(changes.filter((c) => c.checkoutToken).map((c) => [c.checkoutToken as string, c]));
  if (byToken.size === 0) return;
  const open = await db.checkout.findMany({
    where: {
      shop,
      token: { in: [...byToken.keys()] },
      OR: [{ convertedOrderId: null }, { completedAt: null }],
    },
    select: { id: true, token: true, convertedOrderId: true, completedAt: true },
  });
  for (const checkout of open) {
    const order = byToken.get(checkout.token) as OrderChange;
    await db.checkout.update({
      where: { id: checkout.id },
      data: {
        convertedOrderId: checkout.convertedOrderId ?? order.shopifyId,
        completedAt: checkout.completedAt ?? order.processedAt,
      },
    });
  }
}

export function customersOf(changes: OrderChange[]): string[] {
  return [...new Set(changes.map((c) => c.customerShopifyId).filter((x): x is string => !!x))];
}
