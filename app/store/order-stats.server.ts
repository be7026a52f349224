// Order statistics for a batch of customers in two statements, whatever the batch size: one
// grouped read of their non-cancelled orders and one upsert of the batch's figures, which also
// creates a bare row for a customer only known from orders (SQL in order-stats-sql.ts).
//
// firstOrderMonthDay is the first order's "MM-DD" in the shop's IANA zone. SQLite has no zone
// database, so it is computed here in JS (Intl, DST-correct) from the grouped read's first
// processedAt. A later zone change (shop/update) leaves stored month-days in the old zone until
// the shop's statistics are recomputed (recomputeShopStats), which rewrites them in the new one.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { dateArg, type Dialect } from "../db/direct.server";
import { databaseUrl, dbKind } from "../db/url";
import { statsSql } from "./order-stats-sql";
import { monthDay } from "./values";

type Tx = Prisma.TransactionClient;

export interface CustomerOrderStats {
  shopifyId: string;
  ordersCount: number;
  totalSpentMinor: number;
  firstOrderAt: Date | null;
  firstOrderMonthDay: string | null;
  lastOrderAt: Date | null;
}

/** One customer's non-cancelled orders as the grouped read returns them. */
export interface Aggregate {
  id: string;
  n: number;
  spent: number;
  first: Date;
  last: Date;
}

/** Figures for every id asked for: a customer without a non-cancelled order gets zeros and nulls. */
export function statsFor(ids: string[], aggregates: Aggregate[], zone: string): CustomerOrderStats[] {
  const byId = new Map(aggregates.map((a) => [a.id, a]));
  return ids.map((shopifyId) => {
    const a = byId.get(shopifyId);
    return {
      shopifyId,
      ordersCount: a?.n ?? 0,
      totalSpentMinor: a?.spent ?? 0,
      firstOrderAt: a?.first ?? null,
      firstOrderMonthDay: a ? monthDay(a.first, zone) : null,
      lastOrderAt: a?.last ?? null,
    };
  });
}

/** One batch of distinct ids: one grouped read, one upsert. */
export async function recomputeBatch(db: Tx, shop: string, ids: string[], zone: string): Promise<void> {
  if (ids.length === 0) return;
  const aggregates = await readAggregates(db, dialect(), shop, ids);
  await writeStats(db, shop, statsFor(ids, aggregates, zone));
}

/** The raw statements' dialect: the database this process talks to (as sqlFragments decides). */
function dialect(): Dialect {
  return dbKind(databaseUrl());
}

async function readAggregates(db: Tx, d: Dialect, shop: string, ids: string[]): Promise<Aggregate[]> {
  const rows = await db.$queryRawUnsafe<
    Array<{ id: string; n: number | bigint; spent: number | bigint | null; first: string; last: string }>
  >(statsSql(d).aggregate, shop, JSON.stringify(ids));
  return rows.map((r) => ({
    id: r.id,
    n: Number(r.n),
    spent: Number(r.spent ?? 0),
    first: parseStamp(r.first),
    last: parseStamp(r.last),
  }));
}

/** ISO text with an explicit zone (the SQL makes sure of it); anything else is a bug, loudly. */
function parseStamp(text: string): Date {
  const at = new Date(text);
  if (!/(Z|[+-]\d\d:\d\d)$/.test(text) || Number.isNaN(at.getTime()))
    throw new Error(`order statistics: unexpected timestamp text ${JSON.stringify(text)}`);
  return at;
}

/** Writes every row's figures in one statement (creating bare rows); timestamps as Prisma stores them. */
export async function writeStats(db: Tx, shop: string, rows: CustomerOrderStats[]): Promise<number> {
  if (rows.length === 0) return 0;
  const d = dialect();
  const json = JSON.stringify(
    rows.map((r) => ({
      key: randomUUID(),
      id: r.shopifyId,
      n: r.ordersCount,
      spent: r.totalSpentMinor,
      first: dateArg(d, r.firstOrderAt),
      md: r.firstOrderMonthDay,
      last: dateArg(d, r.lastOrderAt),
    })),
  );
  return db.$executeRawUnsafe(statsSql(d).upsert, shop, dateArg(d, new Date()), json);
}
