// The daily enrollment scan for time-based flows (anniversary, win-back). Candidates come from
// indexed range queries on Customer ((shop, firstOrderMonthDay), (shop, lastOrderAt)), never a
// loop over every customer in JavaScript; runs are inserted in batches. The shop's daily send limit
// bounds how many enter per day, so a newly enabled win-back ramps up over days.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.server";
import type { TriggerAction } from "./actions";
import { SCANNED_FLOWS } from "./catalog";
import { LAPSE_DAYS } from "./config";
import { scannedEnrollment } from "./enrollment";
import { type LapseThreshold, lapseThresholds } from "./reorder-cycle";
import { localParts, monthDay, safeTimeZone, startOfLocalDay } from "./time";
import { loadEnabledFlows, loadShopPolicy } from "./versions.server";
import { createSql, type Sql } from "../scheduler/sql.server";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Customers who left longer ago than this are not chased any more. */
const MAX_LAPSE_DAYS = 730;
const PAGE = 1_000;

export interface ScanResult {
  anniversary: number;
  winBack: number;
  limit: number;
}

type Dialect = "sqlite" | "postgresql";
const ph = (dialect: Dialect) => (dialect === "postgresql" ? (n: number) => `$${n}` : () => "?");

export async function runDailyScan(
  db: Db,
  shop: string,
  now: Date,
  dialect: Dialect,
  thresholds?: LapseThreshold[],
): Promise<ScanResult> {
  const sql = createSql(db, dialect);
  const [flows, policy] = await Promise.all([loadEnabledFlows(db, shop), loadShopPolicy(db, shop)]);
  const result: ScanResult = { anniversary: 0, winBack: 0, limit: policy.dailySendLimit };
  if (policy.uninstalled) return result;
  const zone = safeTimeZone(policy.timeZone);
  const dayStart = startOfLocalDay(now, zone);
  const enrolledToday = await db.flowRun.count({
    where: { shop, flowKey: { in: SCANNED_FLOWS }, startedAt: { gte: dayStart } },
  });
  let budget = Math.max(0, policy.dailySendLimit - enrolledToday);

  const anniversary = flows.anniversary;
  if (anniversary && budget > 0) {
    const md = monthDay(now, zone);
    const days = md === "02-28" && !isLeapYear(localParts(now, zone).year) ? ["02-28", "02-29"] : [md];
    const yearAgo = new Date(now.getTime() - 300 * DAY_MS);
    let cursor = "";
    while (budget > 0) {
      const rows = await db.customer.findMany({
        where: {
          shop,
          firstOrderMonthDay: { in: days },
          marketingState: "SUBSCRIBED",
          emailLower: { not: null },
          redactedAt: null,
          firstOrderAt: { lt: yearAgo },
          id: { gt: cursor },
        },
        orderBy: { id: "asc" },
        take: Math.min(PAGE, budget),
        select: { id: true, shopifyId: true, emailLower: true, firstOrderAt: true },
      });
      if (rows.length === 0) break;
      cursor = rows[rows.length - 1].id;
      const actions = rows.map((c) =>
        scannedEnrollment({
          shop,
          flow: anniversary,
          customerShopifyId: c.shopifyId,
          email: c.emailLower!,
          anchor: c.firstOrderAt!,
          now,
          holdoutPercent: policy.holdoutPercent,
        }),
      );
      const inserted = await insertRuns(db, sql, shop, actions, now);
      result.anniversary += inserted;
      budget -= inserted;
    }
  }

  const winBack = flows.win_back;
  if (winBack && budget > 0 && winBack.definition.trigger.kind === "lapsed") {
    const defaultDays = winBack.definition.trigger.lapseDays;
    const perType = new Map((thresholds ?? []).map((t) => [t.productType, t.days]));
    const minDays = Math.min(defaultDays, ...perType.values());
    const p = ph(dialect);
    const cooldownSince = new Date(now.getTime() - winBack.definition.cooldownDays * DAY_MS);
    let before = new Date(now.getTime() - minDays * DAY_MS);
    const oldest = new Date(now.getTime() - MAX_LAPSE_DAYS * DAY_MS);
    while (budget > 0) {
      // Newest lapses first: the ramp reaches the most recently lapsed customers first.
      const rows = await db.$queryRawUnsafe<
        Array<{ shopifyId: string; emailLower: string; lastOrderAt: Date | string }>
      >(
        `SELECT c."shopifyId", c."emailLower", c."lastOrderAt" FROM "Customer" c
         WHERE c."shop" = ${p(1)} AND c."lastOrderAt" <= ${p(2)} AND c."lastOrderAt" > ${p(3)}
           AND c."marketingState" = 'SUBSCRIBED' AND c."emailLower" IS NOT NULL AND c."redactedAt" IS NULL AND c."ordersCount" >= 1
           AND NOT EXISTS (SELECT 1 FROM "FlowRun" r WHERE r."shop" = c."shop" AND r."customerShopifyId" = c."shopifyId"
             AND r."flowKey" = 'win_back' AND (r."status" = 'active' OR r."startedAt" >= c."lastOrderAt" OR r."startedAt" > ${p(4)}))
         ORDER BY c."lastOrderAt" DESC LIMIT ${Math.min(PAGE, budget * 2)}`,
        shop,
        before,
        oldest,
        cooldownSince,
      );
      if (rows.length === 0) break;
      const candidates = rows.map((r) => ({ ...r, lastOrderAt: new Date(r.lastOrderAt) }));
      before = new Date(candidates[candidates.length - 1].lastOrderAt.getTime() - 1);
      const types = perType.size
        ? await lastOrderTypes(db, shop, candidates)
        : new Map<string, string | null>();
      const actions: TriggerAction[] = [];
      for (const c of candidates) {
        const type = types.get(c.shopifyId);
        const days = (type && perType.get(type)) || defaultDays;
        if (now.getTime() - c.lastOrderAt.getTime() < days * DAY_MS) continue; // this product's cycle is longer
        if (actions.length >= budget) break;
        actions.push(
          scannedEnrollment({
            shop,
            flow: winBack,
            customerShopifyId: c.shopifyId,
            email: c.emailLower,
            anchor: c.lastOrderAt,
            now,
            holdoutPercent: policy.holdoutPercent,
            lapseDays: days,
          }),
        );
      }
      const inserted = await insertRuns(db, sql, shop, actions, now);
      result.winBack += inserted;
      budget -= inserted;
      if (rows.length < Math.min(PAGE, budget * 2)) break;
    }
  }
  return result;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Customers per lookup: ids and dates are bound separately, and Prisma caps SQLite at 999 values. */
const TYPES_CHUNK = 400;

async function lastOrderTypes(
  db: Db,
  shop: string,
  customers: Array<{ shopifyId: string; lastOrderAt: Date }>,
) {
  const out = new Map<string, string | null>();
  for (let i = 0; i < customers.length; i += TYPES_CHUNK) {
    const chunk = customers.slice(i, i + TYPES_CHUNK);
    const orders = await db.order.findMany({
      where: {
        shop,
        customerShopifyId: { in: chunk.map((c) => c.shopifyId) },
        processedAt: {
          in: [...new Set(chunk.map((c) => c.lastOrderAt.toISOString()))].map((s) => new Date(s)),
        },
      },
      select: { customerShopifyId: true, lines: { select: { productType: true, priceMinor: true } } },
    });
    for (const o of orders) {
      const main = [...o.lines].sort((a, b) => b.priceMinor - a.priceMinor)[0];
      if (o.customerShopifyId) out.set(o.customerShopifyId, main?.productType ?? null);
    }
  }
  return out;
}

/**
 * Inserts runs, their first step and the why-log, 200 runs per statement, in raw SQL (Prisma's
 * createMany compiles slowly for large batches here). ON CONFLICT skips runs another scan already
 * created; RETURNING says which rows are new, and only those get a step and a why-log line.
 */
async function insertRuns(
  db: Db,
  sql: Sql,
  shop: string,
  actions: TriggerAction[],
  now: Date,
): Promise<number> {
  const enrolls = actions.filter((a): a is Extract<TriggerAction, { type: "enroll" }> => a.type === "enroll");
  let inserted = 0;
  for (let i = 0; i < enrolls.length; i += 200) {
    const chunk = enrolls.slice(i, i + 200).map((a) => ({ id: randomUUID(), a }));
    const byId = new Map<string, (typeof chunk)[number]["a"]>(chunk.map((r) => [r.id, r.a]));
    await db.$transaction(async (tx) => {
      const t = createSql(tx as unknown as Db, sql.dialect);
      const rows = await t.all<{ id: string }>(
        `INSERT INTO "FlowRun" ("id", "shop", "flowKey", "flowVersion", "enrollKey", "customerShopifyId", "email", "status", "currentStep", "nextStepAt", "holdout", "context", "startedAt", "updatedAt")
         VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, 'active', 0, ?, ?, ?, ?, ?)").join(", ")}
         ON CONFLICT DO NOTHING RETURNING "id"`,
        ...chunk.flatMap(({ id, a }) => [
          id,
          shop,
          a.flowKey,
          a.version,
          a.enrollKey,
          a.customer.customerShopifyId,
          a.customer.email,
          a.firstDueAt,
          a.holdout,
          JSON.stringify(a.context),
          a.startedAt,
          now,
        ]),
      );
      if (rows.length === 0) return;
      const created = rows.map((r) => ({ id: r.id, a: byId.get(r.id)! }));
      await t.run(
        `INSERT INTO "DueStep" ("id", "shop", "runId", "stepIndex", "dueAt", "status", "attempts", "createdAt", "updatedAt")
         VALUES ${created.map(() => "(?, ?, ?, 0, ?, 'pending', 0, ?, ?)").join(", ")}`,
        ...created.flatMap(({ id, a }) => [randomUUID(), shop, id, a.firstDueAt, now, now]),
      );
      await t.run(
        `INSERT INTO "CustomerEvent" ("id", "shop", "customerShopifyId", "email", "runId", "flowKey", "kind", "reason", "detail", "at")
         VALUES ${created.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, '{}', ?)").join(", ")}`,
        ...created.flatMap(({ id, a }) => [
          randomUUID(),
          shop,
          a.customer.customerShopifyId,
          a.customer.email,
          id,
          a.flowKey,
          a.holdout ? "holdout" : "enrolled",
          a.holdout ? `${a.reason}; in the holdout group (will receive nothing)` : a.reason,
          now,
        ]),
      );
      inserted += created.length;
    });
  }
  return inserted;
}

/** Observed reorder cycles per product type (gaps between a customer's consecutive orders). */
export async function observedLapseThresholds(
  db: Db,
  shop: string,
  defaultDays = LAPSE_DAYS.default,
): Promise<LapseThreshold[]> {
  const rows = await db.$queryRaw<
    Array<{ productType: string | null; processedAt: Date | string; customerShopifyId: string }>
  >`
    SELECT o."customerShopifyId" AS "customerShopifyId", o."processedAt" AS "processedAt",
      (SELECT l."productType" FROM "OrderLine" l WHERE l."orderId" = o."id" ORDER BY l."priceMinor" DESC LIMIT 1) AS "productType"
    FROM "Order" o
    WHERE o."shop" = ${shop} AND o."customerShopifyId" IS NOT NULL AND o."cancelledAt" IS NULL
      AND o."customerShopifyId" IN (SELECT "shopifyId" FROM "Customer" WHERE "shop" = ${shop} AND "ordersCount" >= 2)
    ORDER BY o."customerShopifyId", o."processedAt"`;
  const gaps = new Map<string, number[]>();
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1];
    const cur = rows[i];
    if (prev.customerShopifyId !== cur.customerShopifyId || !prev.productType) continue;
    const days = (new Date(cur.processedAt).getTime() - new Date(prev.processedAt).getTime()) / DAY_MS;
    if (days > 0) gaps.set(prev.productType, [...(gaps.get(prev.productType) ?? []), days]);
  }
  return lapseThresholds(gaps, defaultDays);
}
