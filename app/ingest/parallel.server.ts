// Parallel workers on PostgreSQL: whoever applies a shop's deliveries first takes a transaction-
// scoped advisory lock per customer they name (exclusive), after a shared lock on the shop; a shop-
// wide delivery (uninstall, shop/update, compliance, bulk finish) takes the shop lock exclusively.
// Locks are taken in one statement in a fixed order (shop, then keys by hash), so two workers
// never deadlock on them. The locks live in a holder transaction on its own connection that stays
// open while the work (its own transactions on other connections, then the subscribers) runs, so
// one customer's deliveries are never applied by two workers at once, subscribers included.
// SQLite has a single writer: the work simply runs.
import type { WebhookEvent } from "@prisma/client";
import type { Db } from "../db/client.server";
import { writeDialect } from "../db/direct.server";
import { planners } from "./batch-plan.server";

/** Lock keys of a delivery applied on its own, read from its raw payload (best effort). */
export function payloadKeys(row: WebhookEvent): string[] {
  const perCustomer =
    row.topic in planners || row.topic === "customers/delete" || row.topic === "products/delete";
  if (!perCustomer) return ["*"];
  try {
    const body = JSON.parse(row.payload) as Record<string, unknown>;
    const customer = (body.customer ?? null) as Record<string, unknown> | null;
    if (row.topic.startsWith("customers/")) return [`customer:${idOf(body)}`];
    if (row.topic.startsWith("products/")) return [`product:${idOf(body)}`];
    if (customer) return [`customer:${idOf(customer)}`];
    if (body.customer_id != null) return [`customer:gid://shopify/Customer/${String(body.customer_id)}`];
    if (typeof body.email === "string") return [`email:${body.email.toLowerCase()}`];
    return ["*"];
  } catch {
    return ["*"];
  }
}

function idOf(record: Record<string, unknown>): string {
  return String(record.admin_graphql_api_id ?? record.id);
}

// $1 shop key, $2 exclusive?, $3 customer keys. Run as a write: the lock functions return void.
const LOCKS = `SELECT
    CASE WHEN CAST($2 AS boolean) THEN pg_advisory_xact_lock(hashtextextended(CAST($1 AS text), 0))
      ELSE pg_advisory_xact_lock_shared(hashtextextended(CAST($1 AS text), 0)) END,
    (SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock(h) FROM
      (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(CAST($3 AS text[])) AS k ORDER BY h) AS ordered
    ) AS taken)`;

export async function withCustomerLocks<T>(
  db: Db,
  shop: string,
  keys: string[],
  work: () => Promise<T>,
): Promise<T> {
  if (writeDialect(db) !== "postgresql" || keys.length === 0) return work();
  const exclusive = keys.includes("*");
  const scoped = exclusive ? [] : [...new Set(keys)].map((k) => `${shop}|${k}`);
  return db.$transaction(
    async (holder) => {
      await holder.$executeRawUnsafe(LOCKS, `${shop}|*`, exclusive, scoped);
      return work();
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}
