// The live "generic vs our voice" comparison: both samples scored against the rules as the
// merchant types them (the drafting module's own voice check, run in the browser).
import { Badge, BlockStack, Card, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import { useMemo } from "react";
import type { CopyContent } from "../domain/copy";
import { voiceCheck } from "../drafting/voice-check";

function asCopy(text: string): CopyContent {
  return { subjects: [], preheader: "", headline: "", paragraphs: [text], callout: "", cta: "", text };
}

function Column({
  title,
  text,
  rules,
  banned,
}: {
  title: string;
  text: string;
  rules: string[];
  banned: string[];
}) {
  const check = useMemo(
    () => voiceCheck(asCopy(text), { rules, bannedWords: banned }),
    [text, rules, banned],
  );
  return (
    <Card background="bg-surface-secondary">
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h3" variant="headingSm">
            {title}
          </Text>
          <Badge
            tone={check.score >= 80 ? "success" : check.score >= 50 ? "warning" : "critical"}
          >{`Voice score ${check.score}`}</Badge>
        </InlineStack>
        <Text as="p">{text || "—"}</Text>
        {check.findings.length ? (
          <BlockStack as="ul" gap="100">
            {check.findings.map((f) => (
              <li key={`${f.rule}-${f.message}`} style={{ listStyle: "none" }}>
                <Text as="span" tone={f.severity === "block" ? "critical" : "caution"}>
                  {f.message}
                </Text>
              </li>
            ))}
          </BlockStack>
        ) : (
          <Text as="p" tone="success">
            Follows every rule Tend can check.
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}

export function VoiceSample({
  generic,
  voice,
  rules,
  banned,
}: {
  generic: string;
  voice: string;
  rules: string[];
  banned: string[];
}) {
  return (
    <BlockStack gap="200">
      <Text as="h2" variant="headingMd">
        Generic vs your voice
      </Text>
      <InlineGrid columns={1} gap="300">
        <Column title="Generic marketing copy" text={generic} rules={rules} banned={banned} />
        <Column title="In your voice" text={voice} rules={rules} banned={banned} />
      </InlineGrid>
    </BlockStack>
  );
}
