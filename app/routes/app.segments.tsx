// Segments: what each one means (the rules the recompute applies) and how many of the shop's
// customers are in it now; the merchant may replace the VIP decile with a spend threshold.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { requireAdmin } from "../admin.server";
import { saveVipThreshold, segmentsView } from "../admin/segments.server";
import { now } from "../clock.server";
import { useToast } from "../components/useToast";
import { getDb } from "../db.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  return segmentsView(getDb(), shop);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const form = await request.formData();
  const result = await saveVipThreshold(getDb(), shop, form.get("vipThreshold"), now());
  if (!result.ok) return Response.json(result, { status: 400 });
  return result;
}

export default function SegmentsPage() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: boolean; error?: string }>();
  const saving = useNavigation().state === "submitting";
  const toast = useToast();
  const [threshold, setThreshold] = useState(view.vipThreshold);
  useEffect(() => setThreshold(view.vipThreshold), [view.vipThreshold]);
  useEffect(() => {
    if (result?.ok) toast("VIP rule saved; segments recomputed");
  }, [result, toast]);
  return (
    <Page title="Segments">
      <TitleBar title="Segments" />
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="p" tone="subdued">
                Every customer is in exactly one segment, computed from their own orders; when several rules
                match, lapsed comes first, then at risk, VIP, returning and new. Recomputed as orders arrive
                and every day.
              </Text>
              <BlockStack gap="0" as="ul">
                {view.rows.map((r) => (
                  <Box
                    as="li"
                    key={r.key}
                    paddingBlock="300"
                    borderBlockStartWidth="025"
                    borderColor="border"
                  >
                    <InlineGrid columns={["oneThird", "twoThirds"]} gap="400" alignItems="center">
                      <InlineStack gap="300" blockAlign="center" wrap={false}>
                        <Text as="span" variant="headingSm" id={`segment-${r.key}`}>
                          {r.label}
                        </Text>
                        <span data-segment-count={r.key}>
                          <Text as="span" variant="headingLg" numeric>
                            {r.customers.toLocaleString("en-US")}
                          </Text>
                        </span>
                      </InlineStack>
                      <Text as="p" tone="subdued">
                        {r.definition}
                      </Text>
                    </InlineGrid>
                  </Box>
                ))}
              </BlockStack>
              <Text as="p" tone="subdued">
                {`${view.engaged.toLocaleString("en-US")} of ${view.total.toLocaleString("en-US")} customers are engaged (clicked an email in the last ${view.engagedDays} days).`}
                {view.notComputed > 0 ? ` ${view.notComputed.toLocaleString("en-US")} not computed yet.` : ""}
                {view.recomputedAt
                  ? ` Whole shop last recomputed ${new Date(view.recomputedAt).toUTCString()}.`
                  : ""}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <Form method="post">
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  VIP rule
                </Text>
                {result && !result.ok ? <Banner tone="critical">{result.error}</Banner> : null}
                <TextField
                  label="VIP when total spend is at least"
                  name="vipThreshold"
                  value={threshold}
                  onChange={setThreshold}
                  autoComplete="off"
                  inputMode="decimal"
                  helpText="Leave blank to use the top 10% of your buyers by total spend."
                  error={result && !result.ok ? result.error : undefined}
                />
                <InlineStack>
                  <Button submit variant="primary" loading={saving}>
                    Save and recompute
                  </Button>
                </InlineStack>
              </BlockStack>
            </Form>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
