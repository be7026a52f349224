// Who may enter the flow: the entry filters the flows module lets a merchant tune (lapse
// threshold for win-back, once-per for storefront follow-ups, re-entry cooldown).
import { BlockStack, Card, Text, TextField } from "@shopify/polaris";

export interface FilterValues {
  lapseDays: string;
  oncePerDays: string;
  cooldownDays: string;
}

export function EntryFilters({
  trigger,
  available,
  values,
  errors,
  onChange,
}: {
  trigger: string;
  available: { lapseDays: boolean; oncePerDays: boolean };
  values: FilterValues;
  errors: Record<string, string>;
  onChange: (values: FilterValues) => void;
}) {
  const field = (key: keyof FilterValues) => ({
    value: values[key],
    onChange: (v: string) => onChange({ ...values, [key]: v }),
    error: errors[key],
    autoComplete: "off",
    type: "number" as const,
  });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Who enters
        </Text>
        <Text as="p">{trigger}</Text>
        {available.lapseDays ? (
          <TextField
            label="Days without an order before a customer counts as lapsed"
            {...field("lapseDays")}
          />
        ) : null}
        {available.oncePerDays ? (
          <TextField label="At most one follow-up per customer every (days)" {...field("oncePerDays")} />
        ) : null}
        <TextField
          label="Days before the same customer can enter again"
          {...field("cooldownDays")}
          helpText="0 lets a customer enter again as soon as their last run ends."
        />
      </BlockStack>
    </Card>
  );
}
