// Treated vs holdout outcomes per flow, aggregated in SQL. The unit is an enrollment (FlowRun);
// every enrollment counts whatever its status (intention to treat: runs that exited because the
// shopper bought are successes, not drop-outs). Only enrollments whose outcome window has closed
// are counted, so both groups are observed for the same length of time.
import type { Db } from "../db/client.server";
import type { GroupOutcome } from "./lift";
import { bool, num, plusSeconds } from "./sql.server";

export interface HoldoutQuery {
  flowKey: string;
  windowDays: number;
  /** Enrollments started on or after this instant. */
  since: Date;
  now: Date;
}

export interface HoldoutOutcomes {
  treated: GroupOutcome;
  holdout: GroupOutcome;
  /** Enrollments still inside their window, not yet counted. */
  pending: number;
}

const empty = (): GroupOutcome => ({ customers: 0, converted: 0, revenue: { n: 0, sum: 0, sumSq: 0 } });

export async function loadHoldoutOutcomes(db: Db, shop: string, q: HoldoutQuery): Promise<HoldoutOutcomes> {
  const windowSeconds = q.windowDays * 86_400;
  const maturedBy = new Date(q.now.getTime() - windowSeconds * 1000);
  const windowEnd = plusSeconds(`r."startedAt"`, windowSeconds);
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT t."holdout" AS "holdout", COUNT(*) AS "n",
      SUM(CASE WHEN t."orders" > 0 THEN 1 ELSE 0 END) AS "converted",
      SUM(t."revenue") AS "sum", SUM(t."revenue" * t."revenue") AS "sumSq"
    FROM (
      SELECT r."id" AS "id", r."holdout" AS "holdout", COUNT(o."id") AS "orders",
        COALESCE(SUM(CASE WHEN o."totalMinor" > o."refundedMinor" THEN o."totalMinor" - o."refundedMinor" ELSE 0 END), 0) * 1.0 AS "revenue"
      FROM "FlowRun" r
      LEFT JOIN "Order" o ON o."shop" = r."shop"
        AND (o."customerShopifyId" = r."customerShopifyId"
          OR (r."customerShopifyId" IS NULL AND r."email" IS NOT NULL AND LOWER(o."email") = LOWER(r."email")))
        AND o."cancelledAt" IS NULL
        AND o."processedAt" > r."startedAt"
        AND o."processedAt" <= ${windowEnd}
      WHERE r."shop" = ${shop} AND r."flowKey" = ${q.flowKey}
        AND r."startedAt" >= ${q.since} AND r."startedAt" <= ${maturedBy}
      GROUP BY r."id", r."holdout"
    ) t
    GROUP BY t."holdout"`;
  const out: HoldoutOutcomes = { treated: empty(), holdout: empty(), pending: 0 };
  for (const r of rows) {
    const group: GroupOutcome = {
      customers: num(r.n),
      converted: num(r.converted),
      revenue: { n: num(r.n), sum: num(r.sum), sumSq: num(r.sumSq) },
    };
    if (bool(r.holdout)) out.holdout = group;
    else out.treated = group;
  }
  out.pending = await db.flowRun.count({
    where: { shop, flowKey: q.flowKey, startedAt: { gt: maturedBy, gte: q.since } },
  });
  return out;
}
