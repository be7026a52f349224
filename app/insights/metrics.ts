// Rolls the SQL counts (one row per flow, step, subject variant and customer segment) up into the
// figures the reports show. Pure; rates are fractions, money in minor units.
export type Segment = "first_time" | "repeat";

export interface CountsRow {
  flowKey: string;
  stepIndex: number;
  variant: number;
  segment: Segment;
  sent: number;
  clicked: number; // messages with at least one click
  unsubscribed: number; // unsubscribes that came from the message
  orders: number; // attributed orders (cancelled and fully refunded ones already left)
  revenueMinor: number; // attributed net revenue
}

export interface Metrics {
  sent: number;
  clicked: number;
  unsubscribed: number;
  orders: number;
  revenueMinor: number;
  clickRate: number;
  conversionRate: number; // attributed orders per email sent
  revenuePerEmailMinor: number;
  unsubscribeRate: number;
}

export function derive(
  c: Pick<Metrics, "sent" | "clicked" | "unsubscribed" | "orders" | "revenueMinor">,
): Metrics {
  const per = (x: number) => (c.sent > 0 ? x / c.sent : 0);
  return {
    ...c,
    clickRate: per(c.clicked),
    conversionRate: per(c.orders),
    revenuePerEmailMinor: per(c.revenueMinor),
    unsubscribeRate: per(c.unsubscribed),
  };
}

function sum(rows: CountsRow[]): Metrics {
  const t = { sent: 0, clicked: 0, unsubscribed: 0, orders: 0, revenueMinor: 0 };
  for (const r of rows) {
    t.sent += r.sent;
    t.clicked += r.clicked;
    t.unsubscribed += r.unsubscribed;
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
    const segments = [...groupBy(flowRows, (r) => r.segment)].map(([segment, s]) => ({ segment, ...sum(s) }));
    segments.sort((a, b) => a.segment.localeCompare(b.segment));
    flows.push({ flowKey, ...sum(flowRows), steps, segments });
  }
  flows.sort((a, b) => b.revenueMinor - a.revenueMinor || a.flowKey.localeCompare(b.flowKey));
  const segments = [...groupBy(rows, (r) => r.segment)].map(([segment, s]) => ({ segment, ...sum(s) }));
  segments.sort((a, b) => a.segment.localeCompare(b.segment));
  return { total: sum(rows), flows, segments };
}

/** How long after enrolling we watch for an order: the flow's own length plus the click window. */
export function outcomeWindowDays(stepDelaysMinutes: number[], attributionWindowDays: number): number {
  const flowMinutes = stepDelaysMinutes.reduce((a, b) => a + b, 0);
  return Math.ceil(flowMinutes / (24 * 60)) + attributionWindowDays;
}
