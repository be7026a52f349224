// A row of headline numbers. Fixed-height cards so the row never shifts as values render.
import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";

export function StatTiles({ tiles }: { tiles: { label: string; value: string }[] }) {
  return (
    <InlineGrid columns={{ xs: 2, md: tiles.length }} gap="400">
      {tiles.map((t) => (
        <Card key={t.label}>
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm" tone="subdued">
              {t.label}
            </Text>
            <Text as="p" variant="headingLg">
              {t.value}
            </Text>
          </BlockStack>
        </Card>
      ))}
    </InlineGrid>
  );
}
