// Per-flow results, then per step and subject line (segments: SegmentTable.tsx).
import { DataTable } from "@shopify/polaris";
import type { FlowMetrics, Metrics } from "../metrics";
import { variantLetter } from "../subject-test";
import { count, flowName, money, percent, stepName } from "./format";

const HEADINGS = [
  "Sent",
  "Click rate",
  "Orders",
  "Revenue",
  "Revenue / email",
  "Conversion",
  "Unsubscribe rate",
];
const TYPES = ["text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric"] as const;

function cells(m: Metrics, currency: string): string[] {
  return [
    count(m.sent),
    percent(m.clickRate),
    count(m.orders),
    money(m.revenueMinor, currency),
    money(m.revenuePerEmailMinor, currency),
    percent(m.conversionRate, 2),
    percent(m.unsubscribeRate, 2),
  ];
}

export function FlowTable(props: { flows: FlowMetrics[]; total: Metrics; currency: string }) {
  const rows = props.flows.map((f) => [flowName(f.flowKey), ...cells(f, props.currency)]);
  return (
    <DataTable
      columnContentTypes={[...TYPES]}
      headings={["Flow", ...HEADINGS]}
      rows={rows}
      totals={["", ...cells(props.total, props.currency)]}
      totalsName={{ singular: "All flows", plural: "All flows" }}
      showTotalsInFooter
    />
  );
}

export function StepTable(props: { flows: FlowMetrics[]; currency: string }) {
  const rows: string[][] = [];
  for (const f of props.flows) {
    for (const s of f.steps) {
      const label = `${flowName(f.flowKey)} · ${stepName(f.flowKey, s.stepIndex)}`;
      if (s.variants.length < 2) {
        rows.push([label, ...cells(s, props.currency)]);
        continue;
      }
      for (const v of s.variants)
        rows.push([`${label} · subject ${variantLetter(v.variant)}`, ...cells(v, props.currency)]);
    }
  }
  return <DataTable columnContentTypes={[...TYPES]} headings={["Email", ...HEADINGS]} rows={rows} />;
}
