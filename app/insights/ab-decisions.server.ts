// A/B decisions in the database: counting each test's sends and clicks, recording a winner when
// decideAbTest says so, undoing it, and switching a flow's personalised-vs-generic test. Every
// query is shop-scoped. Evaluated by the daily scan (once per shop per local day, `now` injected).
import type { Db } from "../db/client.server";
import { FLOW_KEYS } from "../flows/catalog";
import { AB_METRIC, type AbVerdict, type ArmCounts, activeKeyOf, decideAbTest } from "./ab-decision";
import { type Arm, isArm } from "./personalisation-test";
import { num, sqlTag } from "./sql.server";
import { invalidateAbInForce } from "../scheduler/ab-arm.server";

export type TestKind = "subject" | "personalisation";
const EPOCH = new Date(0);

interface CountRow {
  flowKey: string;
  stepIndex: number;
  arm: string;
  sent: number;
  clicks: number;
  orders: number;
}

/**
 * Sent messages, those with ≥1 click, and those with ≥1 attributed order, grouped by flow, step and
 * arm. Orders are counted from Attribution joined to Message by id (Attribution has no messageId
 * index: a per-message EXISTS would scan it once per email).
 */
async function countSends(
  db: Db,
  shop: string,
  by: "variant" | "abArm",
  where: { since: Date; flowKey?: string; stepIndex?: number },
): Promise<CountRow[]> {
  const sql = sqlTag();
  const armColumn = by === "variant" ? sql([`COALESCE(m."variant", 0)`]) : sql([`m."abArm"`]);
  const flow = where.flowKey ? sql` AND m."flowKey" = ${where.flowKey}` : sql``;
  const step = where.stepIndex !== undefined ? sql` AND m."stepIndex" = ${where.stepIndex}` : sql``;
  const armed = by === "abArm" ? sql([` AND m."abArm" IS NOT NULL`]) : sql``;
  const scope = sql`m."sentAt" IS NOT NULL AND m."sentAt" >= ${where.since}${flow}${step}${armed}`;
  const [sends, earned] = await Promise.all([
    db.$queryRaw<Array<Record<string, unknown>>>(sql`
      SELECT m."flowKey" AS "flowKey", m."stepIndex" AS "stepIndex", ${armColumn} AS "arm", COUNT(*) AS "sent",
        SUM(CASE WHEN EXISTS (SELECT 1 FROM "Click" k WHERE k."shop" = m."shop" AND k."messageId" = m."id") THEN 1 ELSE 0 END) AS "clicks"
      FROM "Message" m
      WHERE m."shop" = ${shop} AND ${scope}
      GROUP BY 1, 2, 3`),
    db.$queryRaw<Array<Record<string, unknown>>>(sql`
      SELECT m."flowKey" AS "flowKey", m."stepIndex" AS "stepIndex", ${armColumn} AS "arm", COUNT(DISTINCT m."id") AS "orders"
      FROM "Attribution" a
      JOIN "Message" m ON m."shop" = a."shop" AND m."id" = a."messageId"
      WHERE a."shop" = ${shop} AND ${scope}
      GROUP BY 1, 2, 3`),
  ]);
  const key = (r: Record<string, unknown>) => `${r.flowKey}|${num(r.stepIndex)}|${r.arm}`;
  const orders = new Map(earned.map((r) => [key(r), num(r.orders)]));
  return sends.map((r) => ({
    flowKey: String(r.flowKey),
    stepIndex: num(r.stepIndex),
    arm: String(r.arm),
    sent: num(r.sent),
    clicks: num(r.clicks),
    orders: orders.get(key(r)) ?? 0,
  }));
}

const sumArms = (rows: CountRow[]): ArmCounts[] => {
  const by = new Map<string, ArmCounts>();
  for (const r of rows) {
    const a = by.get(r.arm) ?? { arm: r.arm, sent: 0, clicks: 0, orders: 0 };
    a.sent += r.sent;
    a.clicks += r.clicks;
    a.orders += r.orders;
    by.set(r.arm, a);
  }
  return [...by.values()].sort((x, y) => (x.arm < y.arm ? -1 : 1));
};

/** When each test's current comparison began: its start, or the last undo of a decision. */
async function lastUndoByKey(db: Db, shop: string, flowKey?: string): Promise<Map<string, Date>> {
  const undone = await db.abDecision.findMany({
    where: { shop, ...(flowKey ? { flowKey } : {}), revertedAt: { not: null } },
    select: { flowKey: true, stepIndex: true, testKind: true, revertedAt: true },
  });
  const out = new Map<string, Date>();
  for (const u of undone) {
    const key = activeKeyOf(shop, u.flowKey, u.stepIndex, u.testKind);
    const at = u.revertedAt as Date;
    if (!out.has(key) || (out.get(key) as Date) < at) out.set(key, at);
  }
  return out;
}

const later = (a: Date, b: Date | undefined | null) => (b && b > a ? b : a);

export interface LiveTest {
  kind: TestKind;
  flowKey: string;
  stepIndex: number | null;
  since: Date;
  verdict: AbVerdict;
}

/** Every test of the shop (or one flow) that has no decision in force, with its verdict now. */
export async function liveTests(db: Db, shop: string, flowKey?: string): Promise<LiveTest[]> {
  const [active, undone, switches] = await Promise.all([
    db.abDecision.findMany({
      where: { shop, ...(flowKey ? { flowKey } : {}), revertedAt: null },
      select: { activeKey: true },
    }),
    lastUndoByKey(db, shop, flowKey),
    db.personalisationTest.findMany({
      where: { shop, enabled: true, ...(flowKey ? { flowKey } : {}) },
      select: { flowKey: true, startedAt: true },
    }),
  ]);
  const decided = new Set(active.map((a) => a.activeKey));
  const tests: LiveTest[] = [];

  // Subject tests: one query for the steps never undone, one per step whose test restarted.
  const allSends = await countSends(db, shop, "variant", { since: EPOCH, flowKey });
  const steps = new Map<string, CountRow[]>();
  for (const r of allSends) {
    const k = `${r.flowKey}|${r.stepIndex}`;
    steps.set(k, [...(steps.get(k) ?? []), r]);
  }
  for (const rows of steps.values()) {
    const { flowKey: fk, stepIndex } = rows[0];
    const key = activeKeyOf(shop, fk, stepIndex, "subject");
    if (decided.has(key)) continue;
    const since = undone.get(key) ?? EPOCH;
    const counted =
      since > EPOCH ? await countSends(db, shop, "variant", { since, flowKey: fk, stepIndex }) : rows;
    const arms = sumArms(counted);
    if (arms.length < 2 && since === EPOCH) continue; // a step with one subject line is no test
    tests.push({ kind: "subject", flowKey: fk, stepIndex, since, verdict: decideAbTest(arms) });
  }

  for (const s of switches) {
    const key = activeKeyOf(shop, s.flowKey, null, "personalisation");
    if (decided.has(key)) continue;
    const since = later(s.startedAt ?? EPOCH, undone.get(key));
    const rows = await countSends(db, shop, "abArm", { since, flowKey: s.flowKey });
    const arms = sumArms(rows);
    tests.push({
      kind: "personalisation",
      flowKey: s.flowKey,
      stepIndex: null,
      since,
      verdict: decideAbTest(arms),
    });
  }
  return tests;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

/** Records a winner for every live test that has one. Returns the decisions made. */
export async function evaluateAbTests(db: Db, shop: string, now: Date) {
  const made: Array<{ flowKey: string; stepIndex: number | null; kind: TestKind; winner: string }> = [];
  for (const t of await liveTests(db, shop)) {
    if (!t.verdict.decided) continue;
    try {
      await db.abDecision.create({
        data: {
          shop,
          flowKey: t.flowKey,
          stepIndex: t.stepIndex,
          testKind: t.kind,
          winner: t.verdict.winner,
          metric: AB_METRIC,
          results: JSON.stringify(t.verdict.results),
          pValue: t.verdict.pValue,
          testStartedAt: t.since,
          decidedAt: now,
          activeKey: activeKeyOf(shop, t.flowKey, t.stepIndex, t.kind),
        },
      });
      made.push({ flowKey: t.flowKey, stepIndex: t.stepIndex, kind: t.kind, winner: t.verdict.winner });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // another worker decided the same test first
    }
  }
  if (made.length) invalidateAbInForce(shop);
  return made;
}

/** Undo: the split comes back and the next comparison counts only sends from now on. */
export async function undoDecision(
  db: Db,
  shop: string,
  id: string,
  user: string,
  now: Date,
): Promise<boolean> {
  const done = await db.abDecision.updateMany({
    where: { id, shop, revertedAt: null },
    data: { revertedAt: now, revertedBy: user, activeKey: null },
  });
  invalidateAbInForce(shop);
  return done.count === 1;
}

/** The merchant's switch. Turning the test off also ends a generic win: everyone is personalised again. */
export async function setPersonalisationTest(
  db: Db,
  shop: string,
  flowKey: string,
  enabled: boolean,
  user: string,
  now: Date,
): Promise<void> {
  if (!(FLOW_KEYS as readonly string[]).includes(flowKey)) throw new Error(`unknown flow ${flowKey}`);
  await db.personalisationTest.upsert({
    where: { shop_flowKey: { shop, flowKey } },
    create: { shop, flowKey, enabled, startedAt: enabled ? now : null, changedBy: user, changedAt: now },
    update: { enabled, ...(enabled ? { startedAt: now } : {}), changedBy: user, changedAt: now },
  });
  if (!enabled) {
    await db.abDecision.updateMany({
      where: { shop, flowKey, testKind: "personalisation", revertedAt: null },
      data: { revertedAt: now, revertedBy: user, activeKey: null },
    });
  }
  invalidateAbInForce(shop);
}

export interface DecisionView {
  id: string;
  kind: TestKind;
  stepIndex: number | null;
  winner: string;
  decidedAt: string;
  pValue: number;
  results: ArmCounts[];
  revertedAt: string | null;
  revertedBy: string | null;
}

export async function listDecisions(
  db: Db,
  shop: string,
  flowKey: string,
  take = 10,
): Promise<DecisionView[]> {
  const rows = await db.abDecision.findMany({
    where: { shop, flowKey },
    orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
    take,
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.testKind === "personalisation" ? "personalisation" : "subject",
    stepIndex: r.stepIndex,
    winner: r.winner,
    decidedAt: r.decidedAt.toISOString(),
    pValue: r.pValue,
    results: JSON.parse(r.results) as ArmCounts[],
    revertedAt: r.revertedAt?.toISOString() ?? null,
    revertedBy: r.revertedBy,
  }));
}

export const armOf = (value: string): Arm | null => (isArm(value) ? value : null);
