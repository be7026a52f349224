// One customer's story: their flows, and every enrollment, exit, deferral, suppression and send
// with its reason, newest first.
import { Badge, BlockStack, Card, DataTable, InlineStack, Text } from "@shopify/polaris";
import type { TimelineEntry } from "../admin/activity.server";
import { formatDateTime } from "../admin/format";

interface TimelineModel {
  email: string;
  customer: {
    firstName: string | null;
    lastName: string | null;
    marketingState: string;
    ordersCount: number;
  } | null;
  suppressed: { reason: string; at: string } | null;
  runs: {
    id: string;
    flowName: string;
    status: string;
    step: number;
    nextStepAt: string | null;
    exitReason: string | null;
    startedAt: string;
  }[];
  entries: TimelineEntry[];
}

const KIND_TONE: Record<string, "success" | "critical" | "warning" | "info" | undefined> = {
  sent: "success",
  enrolled: "info",
  exited: "warning",
  suppressed: "critical",
  unsubscribed: "critical",
};

export function CustomerTimeline({ model }: { model: TimelineModel }) {
  const name = [model.customer?.firstName, model.customer?.lastName].filter(Boolean).join(" ");
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {name ? `${name} · ${model.email}` : model.email}
          </Text>
          <InlineStack gap="200">
            {model.customer ? (
              <Badge>{`Email marketing: ${model.customer.marketingState.toLowerCase().replace("_", " ")}`}</Badge>
            ) : (
              <Badge>Not a known customer</Badge>
            )}
            {model.customer ? <Badge>{`${model.customer.ordersCount} orders`}</Badge> : null}
            {model.suppressed ? (
              <Badge tone="critical">{`Suppressed: ${model.suppressed.reason}`}</Badge>
            ) : null}
          </InlineStack>
        </BlockStack>
      </Card>
      <Card padding="0">
        <DataTable
          columnContentTypes={["text", "text", "text", "text", "text"]}
          headings={["Flow", "Status", "Step", "Next step", "Exit reason"]}
          rows={model.runs.map((r) => [
            r.flowName,
            r.status,
            String(r.step),
            formatDateTime(r.nextStepAt),
            r.exitReason ?? "—",
          ])}
          footerContent={model.runs.length ? undefined : "Never entered a flow."}
        />
      </Card>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Timeline
          </Text>
          {model.entries.length === 0 ? (
            <Text as="p" tone="subdued">
              Nothing recorded for this email yet.
            </Text>
          ) : (
            <BlockStack as="ol" gap="200">
              {model.entries.map((e) => (
                <li key={e.id} style={{ listStyle: "none" }}>
                  <InlineStack gap="200" blockAlign="start" wrap={false}>
                    <div style={{ minWidth: 150 }}>
                      <Text as="span" tone="subdued">
                        {formatDateTime(e.at)}
                      </Text>
                    </div>
                    <Badge tone={KIND_TONE[e.kind] ?? (e.kind.includes("failed") ? "critical" : undefined)}>
                      {e.kind}
                    </Badge>
                    <Text as="span">{[e.flowName, e.reason].filter(Boolean).join(": ")}</Text>
                  </InlineStack>
                </li>
              ))}
            </BlockStack>
          )}
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
