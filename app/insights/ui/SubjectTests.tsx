// A/B subject lines: per-variant results and a winner only when the difference is significant.
import { Badge, BlockStack, Card, DataTable, InlineStack, Text } from "@shopify/polaris";
import type { SubjectTest } from "../report.server";
import { variantLetter } from "../subject-test";
import { count, flowName, money, percent, stepName } from "./format";

export function SubjectTests(props: { tests: SubjectTest[]; currency: string }) {
  if (props.tests.length === 0) {
    return (
      <Text as="p" tone="subdued">
        No subject-line tests in this period. When an email step has two approved subject lines, shoppers are
        split between them and the results appear here.
      </Text>
    );
  }
  return (
    <BlockStack gap="400">
      {props.tests.map((t) => (
        <Card key={`${t.flowKey}-${t.stepIndex}`}>
          <BlockStack gap="200">
            <InlineStack gap="200" blockAlign="center">
              <Text as="h3" variant="headingSm">
                {flowName(t.flowKey)} · {stepName(t.flowKey, t.stepIndex)}
              </Text>
              {t.winner === null ? (
                <Badge>No winner yet</Badge>
              ) : (
                <Badge tone="success">{`Subject ${variantLetter(t.winner)} wins`}</Badge>
              )}
            </InlineStack>
            <Text as="p">{t.summary}</Text>
            <DataTable
              columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
              headings={["Subject", "Sent", "Click rate", "95% range", "Orders", "Revenue"]}
              rows={t.variants.map((v) => [
                variantLetter(v.variant),
                count(v.sent),
                percent(v.clickRate),
                `${percent(v.clickRateLow)} – ${percent(v.clickRateHigh)}`,
                count(v.orders),
                money(v.revenueMinor, props.currency),
              ])}
            />
          </BlockStack>
        </Card>
      ))}
    </BlockStack>
  );
}
