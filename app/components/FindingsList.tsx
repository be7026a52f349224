// Guardrail and voice-check findings on a draft. Blocking ones explain why approval is refused.
import { Badge, BlockStack, InlineStack, Text } from "@shopify/polaris";
import type { Finding } from "../admin/copy";

const SOURCE: Record<string, string> = {
  schema: "Format",
  guardrail: "Guardrail",
  voice: "Voice check",
  grammar: "Grammar",
  provider: "AI provider",
  edit: "Your edit",
};

export function FindingsList({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) {
    return (
      <Text as="p" tone="success">
        No guardrail or voice-check findings.
      </Text>
    );
  }
  return (
    <BlockStack as="ul" gap="200">
      {findings.map((f) => (
        <li key={`${f.source}-${f.rule}-${f.field ?? ""}-${f.message}`} style={{ listStyle: "none" }}>
          <InlineStack gap="200" blockAlign="start" wrap={false}>
            <Badge tone={f.severity === "block" ? "critical" : "warning"}>
              {f.severity === "block" ? "Blocks approval" : "Advice"}
            </Badge>
            <BlockStack gap="050">
              <Text as="span" fontWeight="semibold">
                {SOURCE[f.source] ?? f.source}
                {f.field ? ` · ${f.field}` : ""}
              </Text>
              <Text as="span">{f.message}</Text>
            </BlockStack>
          </InlineStack>
        </li>
      ))}
    </BlockStack>
  );
}
