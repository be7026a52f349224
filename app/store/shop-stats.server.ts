// Recomputing every customer's order statistics in one shop (after a backfill, or when the shop's
// time zone changes): one statement per SHOP_STATS_BATCH customers (SQL in shop-stats-sql.ts),
// plus two reads per shop (its zone and its orders' time span, for the zone's offset table).
// The figures are the ones recomputeOrderStats (customers.server.ts) writes per event: the same
// sums, and month-days from the same Intl zone data, via the offset table instead of monthDay().
import { type Clock, now as processClock } from "../clock.server";
import type { Db } from "../db/client.server";
import { dateArg, type Dialect } from "../db/direct.server";
import { databaseUrl, dbKind } from "../db/url";
import { shopStatsSql } from "./shop-stats-sql";
import { validTimeZone } from "./shops.server";
import { zoneOffsets } from "./zone-offsets";

/** Customers per statement: no JSON crosses into JS, so a batch costs only database memory. */
export const SHOP_STATS_BATCH = 2_000;

/** Past the last order: orders arriving during the recompute (dated now) find their offset too. */
const OFFSETS_AHEAD_MS = 400 * 86_400_000;

const turnEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function recomputeShopStats(
  db: Db,
  shop: string,
  options: { batch?: number; now?: Clock } = {},
): Promise<void> {
  const { batch = SHOP_STATS_BATCH, now = processClock } = options;
  const d: Dialect = dbKind(databaseUrl());
  const sql = shopStatsSql(d);
  const span = await orderSpan(db, sql.span, shop);
  if (!span) return;
  const row = await db.shop.findUnique({ where: { shop }, select: { timeZone: true } });
  const zone = validTimeZone(row?.timeZone) ?? "UTC";
  const until = new Date(Math.max(span.last.getTime(), now().getTime()) + OFFSETS_AHEAD_MS);
  const offsets = JSON.stringify(zoneOffsets(zone, span.first, until));
  for (let cursor = ""; ; ) {
    const written = await db.$queryRawUnsafe<Array<{ id?: string; n?: number; last?: string | null }>>(
      sql.batch,
      shop,
      cursor,
      batch,
      offsets,
      dateArg(d, now()),
    );
    const next = d === "postgresql" ? pgCursor(written) : sqliteCursor(written);
    if (!next) return;
    cursor = next.last;
    if (next.count < batch) return;
    await turnEventLoop();
  }
}

/** PostgreSQL's one row: how many were written and the greatest id (in its own collation). */
function pgCursor(rows: Array<{ n?: number; last?: string | null }>): { count: number; last: string } | null {
  const [r] = rows;
  return r?.last ? { count: Number(r.n), last: r.last } : null;
}

/** SQLite's written ids: the cursor is the greatest in its BINARY collation (UTF-8 byte order). */
function sqliteCursor(rows: Array<{ id?: string }>): { count: number; last: string } | null {
  let last: Buffer | null = null;
  for (const r of rows) {
    const id = Buffer.from(String(r.id));
    if (!last || Buffer.compare(id, last) > 0) last = id;
  }
  return last ? { count: rows.length, last: last.toString() } : null;
}

async function orderSpan(db: Db, sql: string, shop: string): Promise<{ first: Date; last: Date } | null> {
  const [r] = await db.$queryRawUnsafe<Array<{ first: string | null; last: string | null }>>(sql, shop);
  if (!r?.first || !r.last) return null;
  return { first: new Date(r.first), last: new Date(r.last) };
}
