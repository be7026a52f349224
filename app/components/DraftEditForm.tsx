// Inline edit of a draft's copy. Dirty state raises App Bridge's save bar (Save / Discard);
// saving approves the edited copy in one step, after the server re-runs the guardrails.
import { useActionData, useNavigation, useSubmit } from "@remix-run/react";
import { SaveBar } from "@shopify/app-bridge-react";
import { BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useMemo, useState } from "react";
import type { CopyContent } from "../domain/copy";

interface Fields {
  subject1: string;
  subject2: string;
  preheader: string;
  headline: string;
  paragraphs: string;
  callout: string;
  cta: string;
  text: string;
}

function toFields(c: CopyContent): Fields {
  return {
    subject1: c.subjects[0] ?? "",
    subject2: c.subjects[1] ?? "",
    preheader: c.preheader,
    headline: c.headline,
    paragraphs: c.paragraphs.join("\n\n"),
    callout: c.callout,
    cta: c.cta,
    text: c.text,
  };
}

const LABELS: Record<keyof Fields, { label: string; multiline?: number; help?: string }> = {
  subject1: { label: "Subject line A" },
  subject2: { label: "Subject line B (optional, for an A/B test)" },
  preheader: { label: "Preheader", help: "The grey line inboxes show after the subject." },
  headline: { label: "Headline" },
  paragraphs: {
    label: "Body",
    multiline: 6,
    help: "Separate paragraphs with a blank line. Merge fields like {{first_name}} are filled at send time.",
  },
  callout: { label: "Product callout" },
  cta: { label: "Button label" },
  text: { label: "Plain-text version", multiline: 6 },
};

export function DraftEditForm({ copy, disabled }: { copy: CopyContent; disabled: boolean }) {
  const initial = useMemo(() => toFields(copy), [copy]);
  const [fields, setFields] = useState(initial);
  const submit = useSubmit();
  const nav = useNavigation();
  const data = useActionData<{ errors?: Record<string, string> }>();
  const dirty = (Object.keys(fields) as (keyof Fields)[]).some((k) => fields[k] !== initial[k]);
  const saving = nav.state !== "idle" && nav.formData?.get("intent") === "edit";
  const save = () => submit({ intent: "edit", ...fields }, { method: "post" });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Edit copy
        </Text>
        <SaveBar id="draft-save-bar" open={dirty && !disabled}>
          <button type="button" variant="primary" onClick={save} disabled={saving}>
            Save and approve
          </button>
          <button type="button" onClick={() => setFields(initial)}>
            Discard
          </button>
        </SaveBar>
        {(Object.keys(LABELS) as (keyof Fields)[]).map((key) => (
          <TextField
            key={key}
            label={LABELS[key].label}
            name={key}
            value={fields[key]}
            onChange={(v) => setFields((f) => ({ ...f, [key]: v }))}
            autoComplete="off"
            multiline={LABELS[key].multiline}
            helpText={LABELS[key].help}
            error={data?.errors?.[key]}
            disabled={disabled}
          />
        ))}
        <InlineStack align="end" gap="200">
          <Button onClick={() => setFields(initial)} disabled={!dirty}>
            Discard changes
          </Button>
          <Button variant="primary" onClick={save} disabled={!dirty || disabled} loading={saving}>
            Save and approve
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
