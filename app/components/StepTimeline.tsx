// A flow's steps as a vertical timeline: when each step goes out, what it says, its discount,
// who is waiting for it, and an editable delay/discount. Values post with the enclosing form.
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Card,
  InlineGrid,
  InlineStack,
  Link,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import type { FlowStepView } from "../admin/flows.server";
import { formatDelay } from "../admin/format";

export type Unit = "minutes" | "hours" | "days";
export interface StepEdit {
  amount: string;
  unit: Unit;
  discount: string;
}

export function splitDelay(minutes: number): { amount: string; unit: Unit } {
  if (minutes > 0 && minutes % 1440 === 0) return { amount: String(minutes / 1440), unit: "days" };
  if (minutes > 0 && minutes % 60 === 0) return { amount: String(minutes / 60), unit: "hours" };
  return { amount: String(minutes), unit: "minutes" };
}

const UNITS = [
  { label: "minutes", value: "minutes" },
  { label: "hours", value: "hours" },
  { label: "days", value: "days" },
];

export function StepTimeline({
  flowKey,
  steps,
  edits,
  onChange,
  errors,
  previewSlot,
}: {
  flowKey: string;
  steps: FlowStepView[];
  edits: Record<string, StepEdit>;
  onChange: (stepKey: string, edit: StepEdit) => void;
  errors: Record<string, string>;
  previewSlot: (step: FlowStepView) => React.ReactNode;
}) {
  return (
    <BlockStack as="ol" gap="0">
      {steps.map((step, i) => {
        const edit = edits[step.key];
        const label = `Step ${i + 1}`;
        return (
          <li key={step.key} style={{ listStyle: "none", display: "flex", gap: 16 }}>
            <div
              aria-hidden
              style={{ display: "flex", flexDirection: "column", alignItems: "center", width: 28 }}
            >
              <div
                style={{
                  width: 28,
                  height: 28,
                  borderRadius: 14,
                  background: "var(--p-color-bg-fill-brand)",
                  color: "var(--p-color-text-brand-on-bg-fill)",
                  display: "grid",
                  placeItems: "center",
                  fontWeight: 600,
                }}
              >
                {i + 1}
              </div>
              {i < steps.length - 1 ? (
                <div style={{ flex: 1, width: 2, background: "var(--p-color-border)" }} />
              ) : null}
            </div>
            <Box paddingBlockEnd="400" width="100%">
              <Card>
                <BlockStack gap="300">
                  <InlineStack align="space-between" blockAlign="center">
                    <Text as="h3" variant="headingSm">
                      {`${label}: ${formatDelay(step.delayMinutes)} ${i === 0 ? "after the trigger" : "after the previous step"}`}
                    </Text>
                    <InlineStack gap="100">
                      {step.timeSensitive ? <Badge tone="info">Time-sensitive</Badge> : null}
                      {step.discountPercent ? (
                        <Badge tone="success">{`${step.discountPercent}% discount`}</Badge>
                      ) : null}
                    </InlineStack>
                  </InlineStack>
                  <Text as="p">{step.intent}</Text>
                  {step.approvedDrafts === 0 ? (
                    // Nothing can send for this step yet: say so where the merchant looks for it.
                    <Banner tone="warning">
                      <p>
                        {step.pendingDrafts > 0
                          ? `Emails for this step wait until you approve its copy (${step.pendingDrafts} draft${step.pendingDrafts === 1 ? "" : "s"} to review).`
                          : "No copy for this step yet: Tend drafts it once the flow is on, and emails wait until you approve it."}
                      </p>
                    </Banner>
                  ) : null}
                  <Text as="p" tone="subdued">
                    {`Sent about ${formatDelay(step.offsetMinutes)} after the customer enters. ${step.waiting.toLocaleString("en")} waiting for this step. `}
                    <Link url={`/app/drafts?flow=${flowKey}&status=all`}>
                      {`${step.approvedDrafts} approved, ${step.pendingDrafts} to review`}
                    </Link>
                  </Text>
                  <InlineGrid columns={{ xs: 1, sm: 3 }} gap="300">
                    <TextField
                      label={`${label} delay`}
                      type="number"
                      min={0}
                      name={`delay.${step.key}`}
                      value={edit.amount}
                      onChange={(amount) => onChange(step.key, { ...edit, amount })}
                      autoComplete="off"
                      error={errors[`steps.${step.key}.delayMinutes`]}
                      helpText={`Default: ${formatDelay(step.defaultDelayMinutes)}`}
                    />
                    <Select
                      label={`${label} delay unit`}
                      name={`unit.${step.key}`}
                      options={UNITS}
                      value={edit.unit}
                      onChange={(unit) => onChange(step.key, { ...edit, unit: unit as Unit })}
                    />
                    <TextField
                      label={`${label} discount (%)`}
                      type="number"
                      min={0}
                      name={`discount.${step.key}`}
                      value={edit.discount}
                      onChange={(discount) => onChange(step.key, { ...edit, discount })}
                      autoComplete="off"
                      placeholder="None"
                      error={errors[`steps.${step.key}.discountPercent`]}
                      helpText="Leave empty for no discount."
                    />
                  </InlineGrid>
                  {previewSlot(step)}
                </BlockStack>
              </Card>
            </Box>
          </li>
        );
      })}
    </BlockStack>
  );
}
