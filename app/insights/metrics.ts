// Rolls the SQL counts (one row per flow, step, subject variant and customer segment) up into the
// figures the reports show. Pure; rates are fractions, money in minor units.
import { SEGMENT_KEYS, type SegmentKey } from "../domain/segments";

/** The customer's segment recorded on the message when it was claimed; null = sent before Tend recorded it. */
export type Segment = SegmentKey | null;

export interface CountsRow {
  flowKey: string;
  stepIndex: number;
  variant: number;
  segment: Segment;
  sent: number;
  clicked: number; // messages with at least one click
  unsubscribed: number; // unsubscribes that came from the message
  complained: number; // messages the recipient reported as spam
  orders: number; // attributed orders (cancelled and fully refunded ones already left)
  revenueMinor: number; // attributed net revenue
}

export interface Metrics {
  sent: number;
  clicked: number;
  unsubscribed: number;
  complained: number;
  orders: number;
  revenueMinor: number;
  clickRate: number;
  conversionRate: number; // attributed orders per email sent
  revenuePerEmailMinor: number;
  unsubscribeRate: number;
  complaintRate: number;
}

export function derive(
  c: Pick<Metrics, "sent" | "clicked" | "unsubscribed" | "complained" | "orders" | "revenueMinor">,
): Metrics {
  const per = (x: number) => (c.sent > 0 ? x / c.sent : 0);
  return {
    ...c,
    clickRate: per(c.clicked),
    conversionRate: per(c.orders),
    revenuePerEmailMinor: per(c.revenueMinor),
    unsubscribeRate: per(c.unsubscribed),
    complaintRate: per(c.complained),
  };
}

function sum(rows: CountsRow[]): Metrics {
  const t = { sent: 0, clicked: 0, unsubscribed: 0, complained: 0, orders: 0, revenueMinor: 0 };
  for (const r of rows) {
    t.sent += r.sent;
    t.clicked += r.clicked;
    t.unsubscribed += r.unsubscribed;
    t.complained += r.complained;
    t.orders += r.orders;
    t.revenueMinor += r.revenueMinor;
  }
  return derive(t);
}

function groupBy<K>(rows: CountsRow[], key: (r: CountsRow) => K): Map<K, CountsRow[]> {
  const out = new Map<K, CountsRow[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export interface StepMetrics extends Metrics {
  stepIndex: number;
  variants: Array<Metrics & { variant: number }>;
}

export interface FlowMetrics extends Metrics {
  flowKey: string;
  steps: StepMetrics[];
  segments: Array<Metrics & { segment: Segment }>;
}

export function rollUp(rows: CountsRow[]): {
  total: Metrics;
  flows: FlowMetrics[];
  segments: Array<Metrics & { segment: Segment }>;
} {
  const flows: FlowMetrics[] = [];
  for (const [flowKey, flowRows] of groupBy(rows, (r) => r.flowKey)) {
    const steps: StepMetrics[] = [];
    for (const [stepIndex, stepRows] of groupBy(flowRows, (r) => r.stepIndex)) {
      const variants = [...groupBy(stepRows, (r) => r.variant)].map(([variant, v]) => ({
        variant,
        ...sum(v),
      }));
      variants.sort((a, b) => a.variant - b.variant);
      steps.push({ stepIndex, ...sum(stepRows), variants });
    }
    steps.sort((a, b) => a.stepIndex - b.stepIndex);
    flows.push({ flowKey, ...sum(flowRows), steps, segments: bySegment(flowRows) });
  }
  flows.sort((a, b) => b.revenueMinor - a.revenueMinor || a.flowKey.localeCompare(b.flowKey));
  return { total: sum(rows), flows, segments: bySegment(rows) };
}

/** Segments in the admin's order (new, returning, VIP, at risk, lapsed), "not yet computed" last. */
function segmentOrder(s: Segment): number {
  return s === null ? SEGMENT_KEYS.length : SEGMENT_KEYS.indexOf(s);
}

function bySegment(rows: CountsRow[]): Array<Metrics & { segment: Segment }> {
  const out = [...groupBy(rows, (r) => r.segment)].map(([segment, s]) => ({ segment, ...sum(s) }));
  return out.sort((a, b) => segmentOrder(a.segment) - segmentOrder(b.segment));
}

/** How long after enrolling we watch for an order: the flow's own length plus the click window. */
export function outcomeWindowDays(stepDelaysMinutes: number[], attributionWindowDays: number): number {
  const flowMinutes = stepDelaysMinutes.reduce((a, b) => a + b, 0);
  return Math.ceil(flowMinutes / (24 * 60)) + attributionWindowDays;
}
