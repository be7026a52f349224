// The welcome series' optional first-order discount: a switch and an amount, which set the first
// welcome email's discount (the same field as its step's discount). The shop's cap bounds the amount.
import { BlockStack, Card, Checkbox, Text, TextField } from "@shopify/polaris";

export const WELCOME_DISCOUNT_STEP = "welcome.hello";
const SUGGESTED_PERCENT = 10;

export function WelcomeDiscount({
  value,
  cap,
  error,
  onChange,
}: {
  value: string; // "" = no discount
  cap: number;
  error?: string;
  onChange: (value: string) => void;
}) {
  const on = value !== "";
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          First-order discount
        </Text>
        <Checkbox
          label="Offer new subscribers a discount on their first order"
          checked={on}
          disabled={cap <= 0}
          onChange={(checked) => onChange(checked ? String(Math.min(SUGGESTED_PERCENT, cap)) : "")}
          helpText={
            cap <= 0
              ? "Your discount cap is 0%: raise it in Settings to offer one."
              : "A single-use code for that customer goes out with the first welcome email."
          }
        />
        {on ? (
          <TextField
            label="Discount (%)"
            type="number"
            min={1}
            max={cap}
            value={value}
            onChange={(v) => onChange(v === "" ? "" : String(Math.min(Number(v) || 0, cap)))}
            autoComplete="off"
            error={error}
            helpText={`At most ${cap}%, your shop's discount cap.`}
          />
        ) : null}
      </BlockStack>
    </Card>
  );
}
