// Revenue over time per flow (Polaris Viz). Polaris Viz reads `window` while rendering, so the
// chart renders in the browser only; the server sends a placeholder of the same height.
import { Box, Text } from "@shopify/polaris";
import { LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import { useEffect, useState } from "react";
import { type RevenuePoint, revenueSeries } from "../series";
import { money } from "./format";

export function RevenueChart(props: {
  points: RevenuePoint[];
  since: string;
  until: string;
  currency: string;
}) {
  const [inBrowser, setInBrowser] = useState(false);
  useEffect(() => setInBrowser(true), []);
  if (props.points.length === 0) {
    return (
      <Box minHeight="80px" padding="400">
        <Text as="p" tone="subdued">
          No attributed orders in this period yet. Revenue appears here once a shopper buys after clicking an
          email or using its code.
        </Text>
      </Box>
    );
  }
  const data = revenueSeries(props.points, props.since, props.until);
  return (
    <div style={{ height: 300 }} data-testid="revenue-chart">
      {inBrowser ? (
        <PolarisVizProvider>
          <LineChart
            data={data}
            theme="Light"
            xAxisOptions={{ labelFormatter: (v) => String(v ?? "").slice(5) }}
            yAxisOptions={{ labelFormatter: (v) => money(Number(v ?? 0) * 100, props.currency) }}
            tooltipOptions={{ valueFormatter: (v) => money(Number(v ?? 0) * 100, props.currency) }}
          />
        </PolarisVizProvider>
      ) : null}
    </div>
  );
}
