// The flow page's A/B card: winners in force (with Undo), tests still collecting, and the switch for
// the personalised-vs-generic test. Posts to the flow's route.
import { useFetcher } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { ArmLine, FlowAbView } from "../admin/flow-ab.server";
import { type ActionResult, useActionToast } from "./useActionToast";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function Arms({ arms }: { arms: ArmLine[] }) {
  return (
    <BlockStack gap="100">
      {arms.map((a) => (
        <Text as="p" variant="bodySm" key={a.label}>
          {`${a.label}: ${a.sent.toLocaleString("en")} sent · ${pct(a.clickRate)} clicked · ${pct(a.conversionRate)} ordered`}
        </Text>
      ))}
    </BlockStack>
  );
}

function UndoButton({ flowKey, id, label }: { flowKey: string; id: string; label: string }) {
  const fetcher = useFetcher<ActionResult>();
  useActionToast(fetcher.data, fetcher.state);
  return (
    <fetcher.Form method="post" action={`/app/flows/${flowKey}`}>
      <input type="hidden" name="intent" value="ab-undo" />
      <input type="hidden" name="decisionId" value={id} />
      <Button submit size="slim" loading={fetcher.state !== "idle"} accessibilityLabel={`Undo: ${label}`}>
        Undo
      </Button>
    </fetcher.Form>
  );
}

function PersonalisationSwitch({ flowKey, on }: { flowKey: string; on: boolean }) {
  const fetcher = useFetcher<ActionResult>();
  useActionToast(fetcher.data, fetcher.state);
  const pending = fetcher.formData?.get("enabled");
  const shown = pending != null ? pending === "true" : on;
  return (
    <fetcher.Form method="post" action={`/app/flows/${flowKey}`}>
      <input type="hidden" name="intent" value="personalisation" />
      <input type="hidden" name="enabled" value={shown ? "false" : "true"} />
      <InlineStack gap="200" blockAlign="center">
        <Badge tone={shown ? "info" : undefined}>{shown ? "Test running" : "Off"}</Badge>
        <Button submit size="slim" loading={fetcher.state !== "idle"}>
          {shown ? "Stop personalised vs generic test" : "Start personalised vs generic test"}
        </Button>
      </InlineStack>
    </fetcher.Form>
  );
}

export function AbTestsCard({ flowKey, ab }: { flowKey: string; ab: FlowAbView }) {
  const active = ab.decisions.filter((d) => d.active);
  const undone = ab.decisions.filter((d) => !d.active).slice(0, 3);
  const subjects = ab.collecting.filter((t) => t.kind === "subject");
  const personalisation = ab.collecting.find((t) => t.kind === "personalisation");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          A/B tests
        </Text>
        {active.map((d) => (
          <Banner key={d.id} tone="success" title={`${d.testLabel}: ${d.headline}`}>
            <BlockStack gap="200">
              <Text as="p">{d.detail}</Text>
              <Arms arms={d.arms} />
              <InlineStack>
                <UndoButton flowKey={flowKey} id={d.id} label={`${d.testLabel}: ${d.headline}`} />
              </InlineStack>
            </BlockStack>
          </Banner>
        ))}
        {subjects.map((t) => (
          <BlockStack gap="100" key={t.testLabel}>
            <Text as="h3" variant="headingSm">
              {t.testLabel}
            </Text>
            <Text as="p" tone="subdued">
              {t.status}
            </Text>
            <Arms arms={t.arms} />
          </BlockStack>
        ))}
        {!active.length && !subjects.length ? (
          <Text as="p" tone="subdued">
            No test has results yet. Steps with two subject lines split their sends automatically.
          </Text>
        ) : null}
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            Personalised vs generic
          </Text>
          <PersonalisationSwitch flowKey={flowKey} on={ab.personalisation.enabled} />
          {ab.personalisation.since ? (
            <Text
              as="p"
              tone="subdued"
            >{`Half the customers, chosen by customer, get generic copy since ${ab.personalisation.since}.`}</Text>
          ) : null}
          {personalisation ? (
            <>
              <Text as="p" tone="subdued">
                {personalisation.status}
              </Text>
              <Arms arms={personalisation.arms} />
            </>
          ) : null}
          <Text as="p" variant="bodySm" tone="subdued">
            {ab.personalisation.definition}
          </Text>
        </BlockStack>
        {undone.map((d) => (
          <Text as="p" variant="bodySm" tone="subdued" key={d.id}>
            {`${d.testLabel}: ${d.headline}`}
          </Text>
        ))}
        <Text as="p" variant="bodySm" tone="subdued">
          {ab.rules}
        </Text>
      </BlockStack>
    </Card>
  );
}
