// Dashboard (first slice): the shop's picture at a glance. Flows, drafts and revenue join it as
// their modules land.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { requireAdmin } from "../admin.server";
import { getDb } from "../db.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const db = getDb();
  const [customers, orders, products, checkouts] = await Promise.all([
    db.customer.count({ where: { shop } }),
    db.order.count({ where: { shop } }),
    db.product.count({ where: { shop } }),
    db.checkout.count({ where: { shop, completedAt: null } }),
  ]);
  return { shop, counts: { customers, orders, products, checkouts } };
}

export default function Dashboard() {
  const { shop, counts } = useLoaderData<typeof loader>();
  const tiles = [
    ["Customers", counts.customers],
    ["Orders", counts.orders],
    ["Products", counts.products],
    ["Open checkouts", counts.checkouts],
  ] as const;
  return (
    <Page title="Tend">
      <TitleBar title="Tend" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Text as="p" tone="subdued">
              {shop}
            </Text>
            <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
              {tiles.map(([label, value]) => (
                <Card key={label}>
                  <BlockStack gap="100">
                    <Text as="h2" variant="headingSm">
                      {label}
                    </Text>
                    <Text as="p" variant="headingLg">
                      {value.toLocaleString("en")}
                    </Text>
                  </BlockStack>
                </Card>
              ))}
            </InlineGrid>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
