// "Write per segment": the merchant marks steps and the segments that get their own copy, and sees
// before anything is generated how many drafts that makes and what the AI would charge for them.
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, InlineStack, Text } from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";
import type { SegmentCopyPlan } from "../admin/segment-copy.server";
import type { SegmentKey } from "../domain/segments";
import { estimateDrafts, formatCost } from "../drafting/segment-estimate";
import type { SegmentSteps } from "../flows/segment-steps";
import { useToast } from "./useToast";

interface Props {
  plan: SegmentCopyPlan;
  steps: Array<{ key: string; index: number; intent: string }>;
}

type SaveResult = { ok?: boolean; message?: string; fieldErrors?: Record<string, string> };

function toggle(all: SegmentSteps, stepKey: string, segment: SegmentKey, on: boolean): SegmentSteps {
  const current = new Set(all[stepKey] ?? []);
  if (on) current.add(segment);
  else current.delete(segment);
  return { ...all, [stepKey]: [...current] };
}

export function SegmentCopyCard({ plan, steps }: Props) {
  const fetcher = useFetcher<SaveResult>();
  const toast = useToast();
  const savedKey = JSON.stringify(plan.segmentSteps);
  const [marked, setMarked] = useState<SegmentSteps>(plan.segmentSteps);
  // biome-ignore lint/correctness/useExhaustiveDependencies: savedKey is the saved marking's value
  useEffect(() => setMarked(plan.segmentSteps), [savedKey]);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok && fetcher.data.message) toast(fetcher.data.message);
  }, [fetcher.state, fetcher.data, toast]);
  const estimate = useMemo(
    () =>
      estimateDrafts({
        products: plan.products,
        stepKeys: steps.map((s) => s.key),
        segmentSteps: marked,
        tokensPerDraft: plan.tokensPerDraft,
        model: plan.model,
      }),
    [marked, plan.products, plan.tokensPerDraft, plan.model, steps],
  );
  const dirty = JSON.stringify(normalised(marked)) !== JSON.stringify(normalised(plan.segmentSteps));
  const save = () => {
    const form = new FormData();
    form.set("intent", "segments");
    form.set("segments", JSON.stringify(normalised(marked)));
    fetcher.submit(form, { method: "post" });
  };
  const errors = fetcher.data?.fieldErrors ?? {};
  const cost = formatCost(estimate.segmentCostUsd);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Write per segment
        </Text>
        <Text as="p" tone="subdued">
          Mark the steps where each segment should get its own copy. Everyone else keeps the default copy.
        </Text>
        {Object.keys(errors).length ? (
          <Banner tone="critical" title="The segments could not be saved">
            <p>{Object.values(errors).join(" ")}</p>
          </Banner>
        ) : null}
        {steps.map((step) => (
          <BlockStack gap="100" key={step.key}>
            <Text as="h3" variant="headingSm">{`Step ${step.index + 1}`}</Text>
            <InlineStack gap="300" wrap>
              {plan.segments.map((seg) => (
                <Checkbox
                  key={seg.key}
                  id={`segment-${step.key}-${seg.key}`}
                  label={`${seg.label} (${seg.customers.toLocaleString("en")})`}
                  checked={(marked[step.key] ?? []).includes(seg.key)}
                  onChange={(on) => setMarked((all) => toggle(all, step.key, seg.key, on))}
                />
              ))}
            </InlineStack>
          </BlockStack>
        ))}
        <div data-testid="segment-draft-count">
          <Text as="p">
            {`${estimate.perSegment.toLocaleString("en")} segment drafts will be written (${plan.products} products + 1 generic, per marked step and segment), beside ${estimate.defaults.toLocaleString("en")} default drafts. Estimated AI cost: ${cost}.`}
          </Text>
        </div>
        <Text as="p" tone="subdued">
          {plan.usesAi
            ? `Written by ${plan.drafterLabel}; the count depends on your catalog and these choices, never on how many customers you have.`
            : `Written by ${plan.drafterLabel}, so nothing is charged now; the cost is what ${plan.model} would charge.`}
        </Text>
        <InlineStack align="end" gap="300" blockAlign="center">
          {fetcher.state === "idle" && fetcher.data?.ok ? (
            <span data-testid="segment-save-result">
              <Text as="span" tone="success">
                {fetcher.data.message}
              </Text>
            </span>
          ) : null}
          <Button variant="primary" onClick={save} disabled={!dirty} loading={fetcher.state !== "idle"}>
            Save and write drafts
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

function normalised(steps: SegmentSteps): SegmentSteps {
  return Object.fromEntries(
    Object.entries(steps)
      .filter(([, v]) => v?.length)
      .map(([k, v]) => [k, [...(v ?? [])].sort()]),
  );
}
