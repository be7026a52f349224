// The Settings form's fields, grouped the way merchants think about them: who sends, when, how
// often, how Tend measures and drafts.
import { BlockStack, Card, FormLayout, Select, Text, TextField } from "@shopify/polaris";
import type { SettingsForm } from "../admin/settings.server";

type Values = SettingsForm;
type SetValue = (key: keyof Values, value: string) => void;

function Section({ title, children, help }: { title: string; help?: string; children: React.ReactNode }) {
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          {help ? (
            <Text as="p" tone="subdued">
              {help}
            </Text>
          ) : null}
        </BlockStack>
        <FormLayout>{children}</FormLayout>
      </BlockStack>
    </Card>
  );
}

export function SettingsFormFields({
  values,
  set,
  errors,
  timeZone,
}: {
  values: Values;
  set: SetValue;
  errors: Partial<Record<string, string>>;
  /** The shop's IANA zone from Shopify (changed in Shopify admin, not here). */
  timeZone: string;
}) {
  const field = (key: keyof Values) => ({
    name: key,
    value: values[key],
    onChange: (v: string) => set(key, v),
    error: errors[key],
    autoComplete: "off",
  });
  return (
    <BlockStack gap="400">
      <Section
        title="Sender"
        help="Every marketing email carries your postal address, by law in most countries."
      >
        <FormLayout.Group>
          <TextField label="Sender name" {...field("senderName")} />
          <TextField label="Reply-to address" type="email" {...field("replyTo")} autoComplete="email" />
        </FormLayout.Group>
        <TextField
          label="Shop postal address"
          multiline={3}
          {...field("postalAddress")}
          autoComplete="street-address"
        />
      </Section>
      <Section
        title="When and how often"
        help={`Quiet hours use each customer's time zone when known, else the shop's: ${timeZone} (change it in Shopify under Settings › General).`}
      >
        <FormLayout.Group>
          <TextField
            label="Quiet hours start"
            {...field("quietHoursStart")}
            helpText="24-hour time, e.g. 21:00"
          />
          <TextField label="Quiet hours end" {...field("quietHoursEnd")} helpText="e.g. 08:00" />
        </FormLayout.Group>
        <FormLayout.Group>
          <TextField label="Emails per customer at most" type="number" {...field("frequencyCapCount")} />
          <TextField label="Per this many days" type="number" {...field("frequencyCapDays")} />
          <TextField label="Daily send limit (whole shop)" type="number" {...field("dailySendLimit")} />
        </FormLayout.Group>
      </Section>
      <Section title="Measuring and offers">
        <FormLayout.Group>
          <TextField
            label="Holdout group (%)"
            type="number"
            {...field("holdoutPercent")}
            helpText="Customers kept out of flows so reports can show the lift honestly."
          />
          <TextField label="Maximum discount (%)" type="number" {...field("maxDiscountPercent")} />
        </FormLayout.Group>
      </Section>
      <Section
        title="Drafting"
        help="Without an API key Tend drafts from templates, so every flow keeps working."
      >
        <FormLayout.Group>
          <Select
            label="AI provider"
            name="aiProvider"
            options={[
              { label: "Automatic (OpenAI when a key is set, else templates)", value: "auto" },
              { label: "OpenAI-compatible API", value: "openai" },
              { label: "Templates only (no AI)", value: "template" },
            ]}
            value={values.aiProvider}
            onChange={(v) => set("aiProvider", v)}
            error={errors.aiProvider}
          />
          <TextField label="Model" {...field("aiModel")} />
        </FormLayout.Group>
        <Select
          label="When a step has no approved copy"
          name="unapprovedFallback"
          options={[
            { label: "Send your approved generic copy", value: "generic" },
            { label: "Hold the email until you approve", value: "hold" },
          ]}
          value={values.unapprovedFallback}
          onChange={(v) => set("unapprovedFallback", v)}
          error={errors.unapprovedFallback}
        />
        <Select
          label="Approvals email"
          name="approvalDigest"
          helpText="A morning note to the shop's email when drafts wait for your review."
          options={[
            { label: "Off", value: "off" },
            { label: "Daily, when drafts await approval", value: "daily" },
          ]}
          value={values.approvalDigest}
          onChange={(v) => set("approvalDigest", v)}
          error={errors.approvalDigest}
        />
      </Section>
    </BlockStack>
  );
}
