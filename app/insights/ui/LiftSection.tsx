// Incrementality per flow: emailed shoppers vs the holdout who were never emailed, with honest
// intervals and "not enough data yet" until the numbers can carry a conclusion.
import { Badge, BlockStack, Card, DataTable, InlineStack, Text } from "@shopify/polaris";
import type { LiftVerdict } from "../lift";
import type { FlowLift } from "../report.server";
import { count, flowName, money, percent, points, signedMoney } from "./format";

const VERDICT: Record<LiftVerdict, { label: string; tone?: "success" | "critical" | "info" }> = {
  not_enough_data: { label: "Not enough data yet", tone: "info" },
  positive: { label: "Significant lift", tone: "success" },
  negative: { label: "Fewer orders than the holdout", tone: "critical" },
  no_significant_lift: { label: "No significant lift" },
};

function explain(l: FlowLift, currency: string): string {
  const range = `95% interval ${points(l.conversionLift.low)} to ${points(l.conversionLift.high)}`;
  switch (l.verdict) {
    case "not_enough_data":
      return `${l.reason ?? ""} Until then any difference could be chance.`;
    case "positive":
      return `Emailed shoppers ordered ${points(l.conversionLift.estimate)} more often than the holdout (${range}), worth about ${signedMoney(l.revenueLiftMinor.estimate, currency)} per shopper enrolled.`;
    case "negative":
      return `Emailed shoppers ordered less often than the holdout (${range}). Review this flow's timing and copy.`;
    case "no_significant_lift":
      return `The difference (${points(l.conversionLift.estimate)}, ${range}) could be chance. With these numbers, only a lift of at least ${points(l.minimumDetectable)} would reliably show.`;
  }
}

export function LiftSection(props: { lift: FlowLift[]; currency: string }) {
  if (props.lift.length === 0) {
    return (
      <Text as="p" tone="subdued">
        No enrollments yet. A share of shoppers in each flow (the holdout, set in Settings) is never emailed,
        so their orders show what would have happened anyway.
      </Text>
    );
  }
  return (
    <BlockStack gap="400">
      {props.lift.map((l) => {
        const v = VERDICT[l.verdict];
        const finite = (x: number) => Number.isFinite(x);
        const revenueRange =
          finite(l.revenueLiftMinor.low) && finite(l.revenueLiftMinor.high)
            ? `${signedMoney(l.revenueLiftMinor.low, props.currency)} to ${signedMoney(l.revenueLiftMinor.high, props.currency)}`
            : "—";
        return (
          <Card key={l.flowKey}>
            <BlockStack gap="200">
              <InlineStack gap="200" blockAlign="center">
                <Text as="h3" variant="headingSm">
                  {flowName(l.flowKey)}
                </Text>
                <Badge tone={v.tone}>{v.label}</Badge>
              </InlineStack>
              <Text as="p">{explain(l, props.currency)}</Text>
              <DataTable
                columnContentTypes={["text", "numeric", "numeric", "numeric"]}
                headings={["", "Shoppers", `Ordered within ${l.windowDays} days`, "Revenue per shopper"]}
                rows={[
                  [
                    "Emailed",
                    count(l.treated.customers),
                    percent(l.treated.conversionRate),
                    money(l.treated.revenuePerCustomerMinor, props.currency),
                  ],
                  [
                    "Holdout (not emailed)",
                    count(l.holdout.customers),
                    percent(l.holdout.conversionRate),
                    money(l.holdout.revenuePerCustomerMinor, props.currency),
                  ],
                  [
                    "Difference (95% interval)",
                    "",
                    `${points(l.conversionLift.estimate)} (${points(l.conversionLift.low)} to ${points(l.conversionLift.high)})`,
                    `${signedMoney(l.revenueLiftMinor.estimate, props.currency)} (${revenueRange})`,
                  ],
                ]}
              />
              {l.pending > 0 ? (
                <Text as="p" tone="subdued">
                  {count(l.pending)} more enrollments are still inside their {l.windowDays}-day window and
                  will count once it closes.
                </Text>
              ) : null}
            </BlockStack>
          </Card>
        );
      })}
    </BlockStack>
  );
}
