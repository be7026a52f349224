// Counts first-time buyers and their repeat orders for the repeat-rate report, in one set-based
// statement. A first-time buyer is a post-purchase enrollment (the flow's trigger is a customer's
// first order; its run starts at that order and carries the holdout flag the engine drew); runs
// whose first order was since cancelled are left out. The next order is the customer's earliest
// later order that was not cancelled (matched by customer id, or by email for guest checkouts).
import type { Db } from "../db/client.server";
import { REPEAT_WINDOWS_DAYS, type RepeatCounts } from "./repeat-rate";
import { bool, num, plusSeconds, sqlTag } from "./sql.server";

const DAY_S = 86_400;
const FIRST_ORDER_FLOW = "post_purchase";
const ENROLL_PREFIX = `${FIRST_ORDER_FLOW}:`; // enrollKey = "post_purchase:<first order id>"

export interface RepeatQuery {
  /** First orders on or after this instant. */
  since: Date;
  now: Date;
}

export async function loadRepeatCounts(db: Db, shop: string, q: RepeatQuery): Promise<RepeatCounts[]> {
  const sql = sqlTag();
  const matured = (days: number) => new Date(q.now.getTime() - days * DAY_S * 1000);
  const perWindow = REPEAT_WINDOWS_DAYS.map(
    (d) => sql`,
      SUM(CASE WHEN t."startedAt" <= ${matured(d)} THEN 1 ELSE 0 END) AS ${sql([`"n${d}"`])},
      SUM(CASE WHEN t."startedAt" <= ${matured(d)} AND t."nextAt" IS NOT NULL
        AND t."nextAt" <= ${plusSeconds(`t."startedAt"`, d * DAY_S)} THEN 1 ELSE 0 END) AS ${sql([`"x${d}"`])}`,
  );
  const windows = perWindow.reduce((acc, part) => sql`${acc}${part}`);
  const firstOrderId = sql([`substr(r."enrollKey", ${ENROLL_PREFIX.length + 1})`]);
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT t."holdout" AS "holdout", COUNT(*) AS "total"${windows}
    FROM (
      SELECT r."holdout" AS "holdout", r."startedAt" AS "startedAt",
        CASE WHEN r."customerShopifyId" IS NOT NULL THEN (
          SELECT MIN(o."processedAt") FROM "Order" o
          WHERE o."shop" = r."shop" AND o."customerShopifyId" = r."customerShopifyId"
            AND o."cancelledAt" IS NULL AND o."processedAt" > r."startedAt"
        ) ELSE (
          SELECT MIN(o."processedAt") FROM "Order" o
          WHERE o."shop" = r."shop" AND o."customerShopifyId" IS NULL AND LOWER(o."email") = LOWER(r."email")
            AND o."cancelledAt" IS NULL AND o."processedAt" > r."startedAt"
        ) END AS "nextAt"
      FROM "FlowRun" r
      JOIN "Order" f ON f."shop" = r."shop" AND f."shopifyId" = ${firstOrderId}
      WHERE r."shop" = ${shop} AND r."flowKey" = ${FIRST_ORDER_FLOW}
        AND r."startedAt" >= ${q.since} AND r."startedAt" <= ${q.now}
        AND f."cancelledAt" IS NULL
    ) t
    GROUP BY t."holdout"`;
  const total = rows.reduce((sum, r) => sum + num(r.total), 0);
  return REPEAT_WINDOWS_DAYS.map((d) => {
    const out: RepeatCounts = {
      windowDays: d,
      treated: { buyers: 0, repeated: 0 },
      holdout: { buyers: 0, repeated: 0 },
      pending: total,
    };
    for (const r of rows) {
      const g = bool(r.holdout) ? out.holdout : out.treated;
      g.buyers = num(r[`n${d}`]);
      g.repeated = num(r[`x${d}`]);
      out.pending -= g.buyers;
    }
    return out;
  });
}
