// Everything the reports page and the CSV export show, for one shop and period.
import type { Db } from "../db/client.server";
import { type SegmentDefinition, segmentDefinitions } from "../domain/segments";
import { FLOW_CATALOG, FLOW_KEYS } from "../flows/catalog";
import { loadSegmentRules } from "../store/segments.server";
import { attributionWindowDays } from "./attribute.server";
import { computeLift, type LiftResult } from "./lift";
import { type FlowMetrics, type Metrics, outcomeWindowDays, rollUp, type Segment } from "./metrics";
import { localDate, safeTimeZone } from "../flows/time";
import { loadCounts, loadRevenueByDay, type RevenuePoint } from "./metrics.server";
import { loadHoldoutOutcomes } from "./holdout.server";
import { type RepeatRate, repeatRate } from "./repeat-rate";
import { loadRepeatCounts } from "./repeat-rate.server";
import { judgeSubjectTest, type SubjectTestResult } from "./subject-test";

const DAY_MS = 86_400_000;
/** Holdout comparisons look back a year: lift needs more enrollments than a month provides. */
export const LIFT_LOOKBACK_DAYS = 365;

export interface FlowLift extends LiftResult {
  flowKey: string;
  windowDays: number;
  pending: number;
}

export interface SubjectTest extends SubjectTestResult {
  flowKey: string;
  stepIndex: number;
}

export interface Report {
  shop: string;
  since: string;
  until: string;
  /** The period's first and last day in the shop's time zone (the chart's axis). */
  sinceDay: string;
  untilDay: string;
  timeZone: string;
  days: number;
  attributionWindowDays: number;
  total: Metrics;
  flows: FlowMetrics[];
  segments: Array<Metrics & { segment: Segment }>;
  /** The segment labels and definitions the admin shows; the report names segments with these. */
  segmentDefinitions: SegmentDefinition[];
  revenueByDay: RevenuePoint[];
  subjectTests: SubjectTest[];
  lift: FlowLift[];
  /** First-time buyers of the last year who ordered again within 30/60/90 days, holdout vs treated. */
  repeatRates: RepeatRate[];
}

export async function buildReport(
  db: Db,
  shop: string,
  options: { now: Date; days: number },
): Promise<Report> {
  const until = options.now;
  const since = new Date(until.getTime() - options.days * DAY_MS);
  const windowDays = await attributionWindowDays(db, shop);
  const shopRow = await db.shop.findUnique({ where: { shop }, select: { timeZone: true } });
  const timeZone = safeTimeZone(shopRow?.timeZone);
  const [counts, revenueByDay] = await Promise.all([
    loadCounts(db, shop, { since, until }),
    loadRevenueByDay(db, shop, { since, until }, timeZone),
  ]);
  const { total, flows, segments } = rollUp(counts);

  const subjectTests: SubjectTest[] = [];
  for (const flow of flows) {
    for (const step of flow.steps) {
      if (step.variants.length < 2) continue;
      const judged = judgeSubjectTest(
        step.variants.map((v) => ({
          variant: v.variant,
          sent: v.sent,
          clicks: v.clicked,
          orders: v.orders,
          revenueMinor: v.revenueMinor,
        })),
      );
      subjectTests.push({ flowKey: flow.flowKey, stepIndex: step.stepIndex, ...judged });
    }
  }

  const lift: FlowLift[] = [];
  const liftSince = new Date(until.getTime() - LIFT_LOOKBACK_DAYS * DAY_MS);
  for (const flowKey of FLOW_KEYS) {
    const flowWindow = outcomeWindowDays(
      FLOW_CATALOG[flowKey].steps.map((s) => s.delayMinutes),
      windowDays,
    );
    const outcomes = await loadHoldoutOutcomes(db, shop, {
      flowKey,
      windowDays: flowWindow,
      since: liftSince,
      now: until,
    });
    if (outcomes.treated.customers + outcomes.holdout.customers + outcomes.pending === 0) continue;
    lift.push({
      flowKey,
      windowDays: flowWindow,
      pending: outcomes.pending,
      ...computeLift(outcomes.treated, outcomes.holdout),
    });
  }

  const repeatCounts = await loadRepeatCounts(db, shop, { since: liftSince, now: until });
  const repeatRates = repeatCounts.some((c) => c.treated.buyers + c.holdout.buyers + c.pending > 0)
    ? repeatCounts.map((c) => repeatRate(c))
    : [];

  return {
    shop,
    since: since.toISOString(),
    until: until.toISOString(),
    sinceDay: localDate(since, timeZone),
    untilDay: localDate(until, timeZone),
    timeZone,
    days: options.days,
    attributionWindowDays: windowDays,
    total,
    flows,
    segments,
    // The shop's own rules (its VIP threshold), so each definition reads as on the Segments page.
    segmentDefinitions: segmentDefinitions(await loadSegmentRules(db, shop)),
    revenueByDay,
    subjectTests,
    lift,
    repeatRates,
  };
}
