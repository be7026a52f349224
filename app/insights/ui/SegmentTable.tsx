// What each flow earns per customer segment, named exactly as the admin defines the segments
// (label, with its definition as tooltip and in the legend below the table).
import { BlockStack, DataTable, Text, Tooltip } from "@shopify/polaris";
import { SEGMENT_KEYS, type SegmentDefinition, type SegmentKey } from "../../domain/segments";
import type { FlowMetrics } from "../metrics";
import { segmentName } from "../segment-labels";
import { count, flowName, money, percent } from "./format";

const HEADINGS = [
  "Flow",
  "Segment",
  "Sent",
  "Revenue / email",
  "Conversion",
  "Unsubscribe rate",
  "Complaint rate",
];
const TYPES = ["text", "text", "numeric", "numeric", "numeric", "numeric", "numeric"] as const;

export function SegmentTable(props: {
  flows: FlowMetrics[];
  definitions: SegmentDefinition[];
  currency: string;
}) {
  const rows = props.flows.flatMap((f) =>
    f.segments.map((s) => {
      const name = segmentName(s.segment, props.definitions);
      return [
        flowName(f.flowKey),
        <Tooltip key={name.label} content={name.definition}>
          <span data-segment-label={s.segment ?? "not_recorded"} title={name.definition}>
            {name.label}
          </span>
        </Tooltip>,
        count(s.sent),
        money(s.revenuePerEmailMinor, props.currency),
        percent(s.conversionRate, 2),
        percent(s.unsubscribeRate, 2),
        percent(s.complaintRate, 2),
      ];
    }),
  );
  if (rows.length === 0) return <Text as="p">No emails sent in this period.</Text>;
  const shown = new Set(props.flows.flatMap((f) => f.segments.map((s) => s.segment)));
  const order: Array<SegmentKey | null> = [...SEGMENT_KEYS, null];
  const legend = order.filter((k) => shown.has(k)).map((k) => segmentName(k, props.definitions));
  return (
    <BlockStack gap="300">
      <div data-testid="segment-table">
        <DataTable columnContentTypes={[...TYPES]} headings={HEADINGS} rows={rows} />
      </div>
      <BlockStack gap="100">
        {legend.map((n) => (
          <Text as="p" tone="subdued" key={n.label}>
            <span data-segment-definition={n.label}>
              <b>{n.label}</b>: {n.definition}
            </span>
          </Text>
        ))}
      </BlockStack>
    </BlockStack>
  );
}
