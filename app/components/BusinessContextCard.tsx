// Beside a draft: the business context version the drafter was given, with its text, so the
// merchant sees what the copy was written from.
import { BlockStack, Card, Link, Text } from "@shopify/polaris";
import { type ContextFields, describeContext } from "../drafting/business-context";

export function BusinessContextCard(props: { version: number | null; context: ContextFields | null }) {
  const { version, context } = props;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {version === null ? "No business context used" : `Business context v${version} used`}
        </Text>
        {version === null ? (
          <Text as="p" tone="subdued">
            This draft was written before the shop had a business context.
          </Text>
        ) : context ? (
          <BlockStack as="ul" gap="100">
            {describeContext(context).map((f) => (
              <li key={f.label} style={{ listStyle: "none" }}>
                <Text as="p" fontWeight="semibold">
                  {f.label}
                </Text>
                <Text as="p">{f.text}</Text>
              </li>
            ))}
          </BlockStack>
        ) : (
          <Text as="p" tone="subdued">{`Version ${version} is no longer stored.`}</Text>
        )}
        <Link url="/app/context">Edit the business context</Link>
      </BlockStack>
    </Card>
  );
}
