// Periodic reconciliation: asks the Admin API for customers, orders and abandoned checkouts updated
// since the shop's cursor (AppState "ingest.reconcile.since") and applies what is newer than the
// store, announcing it like a webhook would. Catches deliveries Shopify never made.
import type { AdminGraphql } from "../admin.server";
import { type Clock, now as processClock } from "../clock.server";
import type { Db } from "../db/client.server";
import { getDb } from "../db.server";
import { checkoutEvents, customerEvents, orderEvents } from "../ingest/announce.server";
import { applyThenAnnounceUnsolicited } from "../ingest/outbox.server";
import { logger } from "../logger.server";
import { registerTask } from "../background-tasks";
import { applyCheckouts } from "../store/checkouts.server";
import { applyCustomers } from "../store/customers.server";
import { applyOrders } from "../store/orders.server";
import type { CheckoutInput, CustomerInput, OrderInput } from "../store/types";
import { adminFor, adminRequest } from "./admin-client.server";
import "./backfill-runner.server"; // registers the backfill ingestion task beside this one
import {
  abandonedCheckoutNode,
  checkoutFromNode,
  customerFromNode,
  customerNode,
  orderFromNode,
  orderNode,
} from "./graphql-map";
import {
  RECONCILE_CHECKOUTS,
  RECONCILE_CUSTOMERS,
  RECONCILE_ORDERS,
  updatedSince,
} from "./reconcile-operations";

export const RECONCILE_CURSOR = "ingest.reconcile.since";
/** Shopify's search index trails writes a little: each run looks back this far past the cursor. */
const OVERLAP_MS = 5 * 60_000;
const FIRST_LOOKBACK_MS = 24 * 3_600_000;
const MAX_PAGES = 20;

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function* pages<T>(
  admin: AdminGraphql,
  query: string,
  field: string,
  search: string,
): AsyncGenerator<unknown[]> {
  let after: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const data: Record<string, Page<T>> = await adminRequest<Record<string, Page<T>>>(admin, query, {
      query: search,
      after,
    });
    const page: Page<T> = data[field];
    yield page.nodes as unknown[];
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
  }
}

export interface ReconcileResult {
  customers: number;
  orders: number;
  checkouts: number;
  skipped: number;
}

export async function reconcileShop(
  db: Db,
  shop: string,
  admin: AdminGraphql,
  clock: Clock = processClock,
): Promise<ReconcileResult> {
  const startedAt = clock();
  const cursor = await db.appState.findUnique({ where: { shop_key: { shop, key: RECONCILE_CURSOR } } });
  const since = cursor
    ? new Date(new Date(cursor.value).getTime() - OVERLAP_MS)
    : new Date(startedAt.getTime() - FIRST_LOOKBACK_MS);
  const search = updatedSince(since);
  const result: ReconcileResult = { customers: 0, orders: 0, checkouts: 0, skipped: 0 };
  const log = logger.child({ shop, task: "reconcile" });

  for await (const nodes of pages(admin, RECONCILE_CUSTOMERS, "customers", search)) {
    const inputs: CustomerInput[] = [];
    for (const n of nodes) {
      const parsed = customerNode.safeParse(n);
      if (parsed.success) inputs.push(customerFromNode(parsed.data));
      else result.skipped++;
    }
    // strict: an equal timestamp means the webhook already stored this version, with more fields.
    const changes = await applyThenAnnounceUnsolicited(
      db,
      { shop, topic: "tend/reconcile" },
      (tx) => applyCustomers(tx, shop, inputs, { strict: true }),
      (applied) => customerEvents(shop, applied, startedAt, (c) => c.profileApplied),
    );
    result.customers += changes.length;
  }
  for await (const nodes of pages(admin, RECONCILE_ORDERS, "orders", search)) {
    const inputs: OrderInput[] = [];
    for (const n of nodes) {
      const parsed = orderNode.safeParse(n);
      if (parsed.success) inputs.push(orderFromNode(parsed.data));
      else result.skipped++;
    }
    const changes = await applyThenAnnounceUnsolicited(
      db,
      { shop, topic: "tend/reconcile" },
      (tx) => applyOrders(tx, shop, inputs, { strict: true }),
      (applied) => orderEvents(shop, applied, startedAt),
    );
    result.orders += changes.length;
  }
  for await (const nodes of pages(admin, RECONCILE_CHECKOUTS, "abandonedCheckouts", search)) {
    const inputs: CheckoutInput[] = [];
    for (const n of nodes) {
      const parsed = abandonedCheckoutNode.safeParse(n);
      const input = parsed.success ? checkoutFromNode(parsed.data) : null;
      if (input) inputs.push(input);
      else result.skipped++;
    }
    const changes = await applyThenAnnounceUnsolicited(
      db,
      { shop, topic: "tend/reconcile" },
      (tx) => applyCheckouts(tx, shop, inputs, { strict: true }),
      (applied) => checkoutEvents(shop, applied, startedAt),
    );
    result.checkouts += changes.length;
  }
  await db.appState.upsert({
    where: { shop_key: { shop, key: RECONCILE_CURSOR } },
    create: { shop, key: RECONCILE_CURSOR, value: startedAt.toISOString() },
    update: { value: startedAt.toISOString() },
  });
  if (result.customers + result.orders + result.checkouts > 0)
    log.info(result, "reconciliation caught up missed changes");
  return result;
}

/** Every installed shop, one after another; one shop's failure does not stop the others. */
export async function reconcileAll(
  db: Db,
  admin: (shop: string) => Promise<AdminGraphql>,
  clock: Clock = processClock,
) {
  const shops = await db.shop.findMany({ where: { uninstalledAt: null }, select: { shop: true } });
  for (const { shop } of shops) {
    try {
      await reconcileShop(db, shop, await admin(shop), clock);
    } catch (error) {
      logger.warn({ shop, err: error }, "reconciliation failed");
    }
  }
}

export function createReconciler(db: () => Db, intervalMs = 15 * 60_000) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= reconcileAll(db(), adminFor).finally(() => {
      running = null;
    });
    return running;
  };
  return {
    run,
    start() {
      timer = setInterval(() => void run(), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      if (running) await running;
    },
  };
}

export const reconciler = createReconciler(getDb);

registerTask({ name: "ingest-reconcile", roles: ["worker"], start: reconciler.start, stop: reconciler.stop });
