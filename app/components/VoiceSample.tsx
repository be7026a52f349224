// The live "generic vs our voice" comparison for a real product of the shop: generic marketing
// copy beside what Tend's drafter writes with the guide as typed, both scored by the voice check.
// Everything runs in the browser (pure drafting functions), so it updates on every keystroke.
import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { useMemo } from "react";
import type { ProductFacts } from "../drafting/facts";
import { sampleInVoice } from "../drafting/sample";
import type { VoiceGuideData } from "../drafting/voice-guide";

function Column({
  title,
  headline,
  body,
  score,
}: {
  title: string;
  headline: string;
  body: string;
  score: number;
}) {
  return (
    <Card background="bg-surface-secondary">
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h3" variant="headingSm">
            {title}
          </Text>
          <Badge
            tone={score >= 80 ? "success" : score >= 50 ? "warning" : "critical"}
          >{`Voice score ${score}`}</Badge>
        </InlineStack>
        <Text as="p" fontWeight="semibold">
          {headline}
        </Text>
        {body.split("\n\n").map((p) => (
          <Text as="p" key={p}>
            {p}
          </Text>
        ))}
      </BlockStack>
    </Card>
  );
}

/** Merge fields shown as a customer would read them, for a sample customer called Alex. */
function fill(text: string, product: ProductFacts | null): string {
  const title = product?.title ?? "your item";
  const values: Record<string, string> = {
    first_name: "Alex",
    items: title,
    product_title: title,
    first_product_title: title,
  };
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? "…");
}

export function VoiceSample({ guide, product }: { guide: VoiceGuideData; product: ProductFacts | null }) {
  const sample = useMemo(() => {
    try {
      return sampleInVoice(guide, product);
    } catch {
      return null; // a half-typed guide the drafter cannot use yet: show nothing rather than fail
    }
  }, [guide, product]);
  return (
    <BlockStack gap="200">
      <Text as="h2" variant="headingMd">
        Generic vs your voice
      </Text>
      <Text as="p" tone="subdued">
        {`A cart reminder for “${product?.title ?? "a sample product"}”, rewritten as you type.`}
      </Text>
      {sample ? (
        <BlockStack gap="300">
          <Column
            title="Generic marketing copy"
            {...sample.generic}
            body={fill(sample.generic.body, product)}
          />
          <Column
            title="In your voice"
            {...sample.ours}
            headline={fill(sample.ours.headline, product)}
            body={fill(sample.ours.body, product)}
          />
        </BlockStack>
      ) : (
        <Text as="p" tone="subdued">
          Keep typing: the sample appears once the guide can be used.
        </Text>
      )}
    </BlockStack>
  );
}
