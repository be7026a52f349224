// First-run checklist: the three things Tend needs before it may email anyone, and the backfill.
import { Form } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, InlineStack, Link, ProgressBar, Text } from "@shopify/polaris";
import type { OnboardingModel } from "../admin/onboarding.server";

const STEPS = [
  {
    key: "sender",
    label: "Add your sender name, reply-to address and the shop's postal address",
    to: "/app/settings",
  },
  {
    key: "voice",
    label: "Teach Tend your brand voice: paste a few past emails and your rules",
    to: "/app/voice",
  },
  {
    key: "flow",
    label: "Switch on your first flow (checkout abandonment is a good start)",
    to: "/app/flows/checkout_abandonment",
  },
] as const;

export function OnboardingChecklist({ model }: { model: OnboardingModel }) {
  const done = STEPS.filter((s) => model.steps[s.key]).length;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd" id="setup-title">
            Set up Tend
          </Text>
          <Text as="span" tone="subdued">{`${done} of ${STEPS.length} done`}</Text>
        </InlineStack>
        <ProgressBar
          progress={(done / STEPS.length) * 100}
          size="small"
          tone="primary"
          ariaLabelledBy="setup-title"
        />
        <BlockStack as="ul" gap="200">
          {STEPS.map((s) => (
            <Box as="li" key={s.key}>
              <InlineStack gap="200" blockAlign="center" wrap={false}>
                {model.steps[s.key] ? (
                  <Badge tone="success">Done</Badge>
                ) : (
                  <Badge tone="attention">To do</Badge>
                )}
                <Link url={s.to} removeUnderline>
                  {s.label}
                </Link>
              </InlineStack>
            </Box>
          ))}
        </BlockStack>
        <BackfillBars model={model} />
        {model.complete ? (
          <Form method="post">
            <input type="hidden" name="intent" value="dismissOnboarding" />
            <Button submit variant="plain">
              Hide this checklist
            </Button>
          </Form>
        ) : null}
      </BlockStack>
    </Card>
  );
}

function BackfillBars({ model }: { model: OnboardingModel }) {
  if (model.backfill.length === 0) {
    return (
      <Text as="p" tone="subdued">
        Importing your customers, products and order history will start in a moment.
      </Text>
    );
  }
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        Importing your store's history
      </Text>
      {model.backfill.map((b) => (
        <BlockStack gap="100" key={b.resource}>
          <InlineStack align="space-between">
            <Text as="span" id={`backfill-${b.resource}`}>
              {b.resource[0].toUpperCase() + b.resource.slice(1)}
            </Text>
            <Text as="span" tone={b.status === "failed" ? "critical" : "subdued"}>
              {b.status === "failed"
                ? `Failed: ${b.error ?? "unknown error"}`
                : b.status === "completed"
                  ? `${b.objects.toLocaleString("en")} imported`
                  : `${b.percent ?? 0}% · ${b.status}`}
            </Text>
          </InlineStack>
          <ProgressBar
            progress={b.percent ?? (b.status === "completed" ? 100 : 5)}
            size="small"
            tone={b.status === "failed" ? "critical" : b.status === "completed" ? "success" : "highlight"}
            ariaLabelledBy={`backfill-${b.resource}`}
          />
        </BlockStack>
      ))}
    </BlockStack>
  );
}
