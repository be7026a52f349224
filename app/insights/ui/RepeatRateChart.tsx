// Repeat purchase rate of first-time buyers, emailed vs holdout, at 30/60/90 days: a Polaris Viz
// line per group with its 95% interval as a band, and the exact figures in a table. Polaris Viz
// reads `window` while rendering, so the chart renders in the browser only (as RevenueChart).
import { BlockStack, DataTable, Text } from "@shopify/polaris";
import { LineChartRelational, PolarisVizProvider } from "@shopify/polaris-viz";
import { useEffect, useState } from "react";
import type { RepeatRate, RepeatVerdict } from "../repeat-rate";
import { repeatSeries, windowLabel } from "../repeat-series";
import { count, percent, points } from "./format";

const VERDICT: Record<RepeatVerdict, string> = {
  not_enough_data: "Not enough buyers yet",
  higher: "Emailed buyers came back more",
  lower: "Emailed buyers came back less",
  no_significant_difference: "No significant difference",
};

const range = (low: number, high: number) => `${percent(low)} – ${percent(high)}`;

export function RepeatRateChart(props: { rates: RepeatRate[] }) {
  const [inBrowser, setInBrowser] = useState(false);
  useEffect(() => setInBrowser(true), []);
  const counted = props.rates.some((r) => r.treated.buyers + r.holdout.buyers > 0);
  if (!counted) {
    const pending = Math.max(0, ...props.rates.map((r) => r.pending));
    return (
      <Text as="p" tone="subdued">
        {pending > 0
          ? `${count(pending)} first-time buyers are still inside their first 30 days; their repeat rate shows once 30 days have passed.`
          : "No first-time buyers enrolled in the post-purchase flow yet."}
      </Text>
    );
  }
  const rows = props.rates.map((r) => [
    windowLabel(r.windowDays),
    `${percent(r.treated.rate.estimate)} (${range(r.treated.rate.low, r.treated.rate.high)}) of ${count(r.treated.buyers)}`,
    `${percent(r.holdout.rate.estimate)} (${range(r.holdout.rate.low, r.holdout.rate.high)}) of ${count(r.holdout.buyers)}`,
    `${points(r.difference.estimate)} (${points(r.difference.low)} to ${points(r.difference.high)})`,
    VERDICT[r.verdict],
  ]);
  return (
    <BlockStack gap="300">
      <div style={{ height: 280 }} data-testid="repeat-rate-chart">
        {inBrowser ? (
          <PolarisVizProvider>
            <LineChartRelational
              data={repeatSeries(props.rates)}
              theme="Light"
              yAxisOptions={{ labelFormatter: (v) => `${Number(v ?? 0)}%` }}
              tooltipOptions={{ valueFormatter: (v) => `${Number(v ?? 0).toFixed(1)}%` }}
            />
          </PolarisVizProvider>
        ) : null}
      </div>
      <div data-testid="repeat-rate-table">
        <DataTable
          columnContentTypes={["text", "text", "text", "text", "text"]}
          headings={[
            "Ordered again within",
            "Emailed (95% interval)",
            "Holdout (95% interval)",
            "Difference",
            "",
          ]}
          rows={rows}
        />
      </div>
    </BlockStack>
  );
}
