// The reports as CSV for a spreadsheet: one row per flow, step and subject variant, then one per
// flow × customer segment, one per flow's holdout comparison, then the repeat purchase rate per window. Pure; money in major units with two decimals.
import type { Report } from "./report.server";
import { segmentName } from "./segment-labels";
import { variantLetter } from "./subject-test";

function cell(value: string | number | null): string {
  if (value === null) return "";
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
  // Quote when needed, and defuse spreadsheet formulas in text cells.
  const safe = typeof value === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const money = (minor: number) => Number((minor / 100).toFixed(2));
const ratio = (x: number) => Number(x.toFixed(6));

export function reportToCsv(report: Report, flowName: (key: string) => string): string {
  const lines: string[] = [];
  const row = (...values: Array<string | number | null>) => lines.push(values.map(cell).join(","));
  row(
    "section",
    "flow",
    "step",
    "variant",
    "sent",
    "clicked",
    "orders",
    "revenue",
    "revenue_per_email",
    "click_rate",
    "conversion_rate",
    "unsubscribe_rate",
  );
  for (const flow of report.flows) {
    const name = flowName(flow.flowKey);
    const m = flow;
    row(
      "flow",
      name,
      "all",
      "all",
      m.sent,
      m.clicked,
      m.orders,
      money(m.revenueMinor),
      money(m.revenuePerEmailMinor),
      ratio(m.clickRate),
      ratio(m.conversionRate),
      ratio(m.unsubscribeRate),
    );
    for (const step of flow.steps) {
      for (const v of step.variants) {
        row(
          "variant",
          name,
          step.stepIndex + 1,
          variantLetter(v.variant),
          v.sent,
          v.clicked,
          v.orders,
          money(v.revenueMinor),
          money(v.revenuePerEmailMinor),
          ratio(v.clickRate),
          ratio(v.conversionRate),
          ratio(v.unsubscribeRate),
        );
      }
    }
  }
  lines.push("");
  row(
    "segment",
    "flow",
    "segment_key",
    "segment",
    "sent",
    "clicked",
    "orders",
    "revenue",
    "revenue_per_email",
    "click_rate",
    "conversion_rate",
    "unsubscribe_rate",
    "complaint_rate",
  );
  for (const flow of report.flows) {
    for (const s of flow.segments) {
      row(
        "segment",
        flowName(flow.flowKey),
        s.segment ?? "not_recorded",
        segmentName(s.segment, report.segmentDefinitions).label,
        s.sent,
        s.clicked,
        s.orders,
        money(s.revenueMinor),
        money(s.revenuePerEmailMinor),
        ratio(s.clickRate),
        ratio(s.conversionRate),
        ratio(s.unsubscribeRate),
        ratio(s.complaintRate),
      );
    }
  }
  lines.push("");
  row(
    "holdout",
    "flow",
    "verdict",
    "treated_customers",
    "holdout_customers",
    "treated_conversion",
    "holdout_conversion",
    "conversion_lift",
    "conversion_lift_low_95",
    "conversion_lift_high_95",
    "revenue_per_customer_lift",
    "revenue_lift_low_95",
    "revenue_lift_high_95",
  );
  for (const l of report.lift) {
    row(
      "holdout",
      flowName(l.flowKey),
      l.verdict,
      l.treated.customers,
      l.holdout.customers,
      ratio(l.treated.conversionRate),
      ratio(l.holdout.conversionRate),
      ratio(l.conversionLift.estimate),
      ratio(l.conversionLift.low),
      ratio(l.conversionLift.high),
      money(l.revenueLiftMinor.estimate),
      money(l.revenueLiftMinor.low),
      money(l.revenueLiftMinor.high),
    );
  }
  lines.push("");
  row(
    "repeat_rate",
    "window_days",
    "treated_buyers",
    "treated_repeated",
    "treated_rate",
    "treated_low_95",
    "treated_high_95",
    "holdout_buyers",
    "holdout_repeated",
    "holdout_rate",
    "holdout_low_95",
    "holdout_high_95",
    "difference",
    "difference_low_95",
    "difference_high_95",
    "pending",
    "verdict",
  );
  for (const r of report.repeatRates) {
    row(
      "repeat_rate",
      r.windowDays,
      r.treated.buyers,
      r.treated.repeated,
      ratio(r.treated.rate.estimate),
      ratio(r.treated.rate.low),
      ratio(r.treated.rate.high),
      r.holdout.buyers,
      r.holdout.repeated,
      ratio(r.holdout.rate.estimate),
      ratio(r.holdout.rate.low),
      ratio(r.holdout.rate.high),
      ratio(r.difference.estimate),
      ratio(r.difference.low),
      ratio(r.difference.high),
      r.pending,
      r.verdict,
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
