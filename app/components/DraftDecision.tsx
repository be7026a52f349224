// Approve, reject with a reason, or ask for a new draft. Rejecting requires a reason: it is fed
// back to the drafter so the next version avoids what the merchant disliked.
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

export function DraftDecision({ status, blocked }: { status: string; blocked: boolean }) {
  const nav = useNavigation();
  const data = useActionData<{ errors?: Record<string, string> }>();
  const [reason, setReason] = useState("");
  const busy = (intent: string) => nav.state !== "idle" && nav.formData?.get("intent") === intent;
  const decided = status === "approved" || status === "rejected" || status === "superseded";
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Decision
        </Text>
        {blocked ? (
          <Text as="p" tone="critical">
            This draft has blocking findings: edit it or ask for a new draft before approving.
          </Text>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="approve" />
          <Button submit variant="primary" disabled={blocked || decided} loading={busy("approve")} fullWidth>
            Approve
          </Button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="reject" />
          <BlockStack gap="200">
            <TextField
              label="Reason for rejecting"
              name="reason"
              value={reason}
              onChange={setReason}
              autoComplete="off"
              multiline={2}
              helpText="Tend uses your reason when it writes the next version, e.g. “too pushy”."
              error={data?.errors?.reason}
              disabled={decided}
            />
            <InlineStack align="end">
              <Button submit tone="critical" disabled={decided} loading={busy("reject")}>
                Reject
              </Button>
            </InlineStack>
          </BlockStack>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="regenerate" />
          <Button submit loading={busy("regenerate")} fullWidth disabled={status === "superseded"}>
            Write a new version
          </Button>
        </Form>
      </BlockStack>
    </Card>
  );
}
