// Counts per flow, step, subject variant and customer segment, aggregated in SQL. The cohort is
// the emails sent in the period: their clicks, unsubscribes and attributed orders, whenever those
// happened, so revenue per email compares like with like.
import type { Db } from "../db/client.server";
import { isSegmentKey } from "../domain/segments";
import type { CountsRow, Segment } from "./metrics";
import { localDate } from "../flows/time";
import { num, sqlTag, utcMinute } from "./sql.server";

export interface Period {
  since: Date;
  until: Date;
}

// The segment is the one recorded on the message when it was claimed (the customer's segment at
// that moment, by app/domain/segments.ts), never today's: a first-time buyer's post-purchase email
// stays "new" after they order again. Messages from before segments were recorded carry null.
// A message reported as spam ("complained") was delivered, so it stays in the sent cohort.
const SENT = `m."status" IN ('sent', 'complained')`;
const sent = () => sqlTag()([SENT]);

export async function loadCounts(db: Db, shop: string, period: Period): Promise<CountsRow[]> {
  const sends = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT m."flowKey" AS "flowKey", m."stepIndex" AS "stepIndex", COALESCE(m."variant", 0) AS "variant",
      m."segment" AS "segment",
      COUNT(*) AS "sent",
      SUM(CASE WHEN EXISTS (SELECT 1 FROM "Click" k WHERE k."shop" = m."shop" AND k."messageId" = m."id") THEN 1 ELSE 0 END) AS "clicked",
      SUM(CASE WHEN EXISTS (SELECT 1 FROM "Suppression" s WHERE s."shop" = m."shop" AND s."messageId" = m."id" AND s."reason" = 'unsubscribe') THEN 1 ELSE 0 END) AS "unsubscribed",
      SUM(CASE WHEN m."status" = 'complained' THEN 1 ELSE 0 END) AS "complained"
    FROM "Message" m
    WHERE m."shop" = ${shop} AND ${sent()} AND m."sentAt" >= ${period.since} AND m."sentAt" <= ${period.until}
    GROUP BY 1, 2, 3, 4`;
  const earned = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT m."flowKey" AS "flowKey", m."stepIndex" AS "stepIndex", COALESCE(m."variant", 0) AS "variant",
      m."segment" AS "segment",
      COUNT(*) AS "orders", SUM(a."revenueMinor") AS "revenueMinor"
    FROM "Attribution" a
    JOIN "Message" m ON m."shop" = a."shop" AND m."id" = a."messageId"
    WHERE a."shop" = ${shop} AND m."sentAt" >= ${period.since} AND m."sentAt" <= ${period.until}
    GROUP BY 1, 2, 3, 4`;

  const rows = new Map<string, CountsRow>();
  const segmentOf = (r: Record<string, unknown>): Segment => (isSegmentKey(r.segment) ? r.segment : null);
  const rowFor = (r: Record<string, unknown>): CountsRow => {
    const key = `${r.flowKey}|${num(r.stepIndex)}|${num(r.variant)}|${segmentOf(r) ?? ""}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        flowKey: String(r.flowKey),
        stepIndex: num(r.stepIndex),
        variant: num(r.variant),
        segment: segmentOf(r),
        sent: 0,
        clicked: 0,
        unsubscribed: 0,
        complained: 0,
        orders: 0,
        revenueMinor: 0,
      };
      rows.set(key, row);
    }
    return row;
  };
  for (const r of sends) {
    const row = rowFor(r);
    row.sent = num(r.sent);
    row.clicked = num(r.clicked);
    row.unsubscribed = num(r.unsubscribed);
    row.complained = num(r.complained);
  }
  for (const r of earned) {
    const row = rowFor(r);
    row.orders = num(r.orders);
    row.revenueMinor = num(r.revenueMinor);
  }
  return [...rows.values()];
}

export interface RevenuePoint {
  day: string; // YYYY-MM-DD in the shop's time zone
  flowKey: string;
  revenueMinor: number;
  orders: number;
}

/**
 * Attributed revenue by the shop-local day the order was placed. SQL sums per UTC minute (portable
 * across SQLite and PostgreSQL); the minutes are folded into local days, so a Los Angeles shop's
 * evening order counts on its own evening's day.
 */
export async function loadRevenueByDay(
  db: Db,
  shop: string,
  period: Period,
  timeZone = "UTC",
): Promise<RevenuePoint[]> {
  const minute = utcMinute(`a."orderedAt"`);
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT ${minute} AS "minute", a."flowKey" AS "flowKey", SUM(a."revenueMinor") AS "revenueMinor", COUNT(*) AS "orders"
    FROM "Attribution" a
    WHERE a."shop" = ${shop} AND a."orderedAt" >= ${period.since} AND a."orderedAt" <= ${period.until}
    GROUP BY 1, 2
    ORDER BY 1, 2`;
  const byDay = new Map<string, RevenuePoint>();
  for (const r of rows) {
    const day = localDate(new Date(`${String(r.minute)}:00Z`), timeZone);
    const key = `${day}|${String(r.flowKey)}`;
    const point = byDay.get(key) ?? { day, flowKey: String(r.flowKey), revenueMinor: 0, orders: 0 };
    point.revenueMinor += num(r.revenueMinor);
    point.orders += num(r.orders);
    byDay.set(key, point);
  }
  return [...byDay.values()].sort((a, b) => (a.day + a.flowKey < b.day + b.flowKey ? -1 : 1));
}
