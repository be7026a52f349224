// Privacy requests: what Shopify's customers/data_request, customers/redact and shop/redact
// webhooks asked of Tend, and each data request's export to download and send to the customer.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  EmptyState,
  IndexTable,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import { requireAdmin } from "../admin.server";
import { formatDateTime } from "../admin/format";
import { type ComplianceRow, listComplianceRecords } from "../admin/privacy.server";
import { getDb } from "../db.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  return { records: await listComplianceRecords(getDb(), shop) };
}

const KIND: Record<string, string> = {
  data_request: "Data request",
  customers_redact: "Customer erased",
  shop_redact: "Shop erased",
};

/** Fetches through App Bridge's authenticated fetch, then saves the file in the browser. */
async function saveExport(id: string): Promise<string | null> {
  const response = await fetch(`/app/privacy/${encodeURIComponent(id)}/download`);
  if (!response.ok) return `The export could not be downloaded (${response.status}).`;
  const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1];
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name ?? "tend-data-request.json";
  a.click();
  URL.revokeObjectURL(url);
  return null;
}

function Status({ row }: { row: ComplianceRow }) {
  if (row.kind !== "data_request") return <Badge tone="success">Done</Badge>;
  if (!row.downloadable) return <Badge>Erased since</Badge>;
  if (row.downloadedAt)
    return <Badge tone="success">{`Downloaded ${formatDateTime(row.downloadedAt)}`}</Badge>;
  return <Badge tone="attention">Ready to send</Badge>;
}

export default function Privacy() {
  const { records } = useLoaderData<typeof loader>();
  const [error, setError] = useState<string | null>(null);
  const waiting = records.filter((r) => r.downloadable && !r.downloadedAt).length;
  return (
    <Page title="Privacy requests">
      <TitleBar title="Privacy requests" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {waiting > 0 ? (
              <Banner tone="warning" title={`${waiting} data request${waiting === 1 ? "" : "s"} to send`}>
                <p>
                  A customer asked what your store holds about them. Download the file and send it to them;
                  Shopify expects a reply within 30 days.
                </p>
              </Banner>
            ) : null}
            {error ? (
              <Banner tone="critical" onDismiss={() => setError(null)}>
                <p>{error}</p>
              </Banner>
            ) : null}
            <Card padding="0">
              {records.length === 0 ? (
                <EmptyState heading="No privacy requests yet" image="">
                  <p>When Shopify forwards a customer's data or erasure request, it appears here.</p>
                </EmptyState>
              ) : (
                <IndexTable
                  resourceName={{ singular: "request", plural: "requests" }}
                  itemCount={records.length}
                  selectable={false}
                  headings={[
                    { title: "Request" },
                    { title: "Customer" },
                    { title: "Received" },
                    { title: "Status" },
                    { title: "" },
                  ]}
                >
                  {records.map((r, i) => (
                    <IndexTable.Row id={r.id} key={r.id} position={i}>
                      <IndexTable.Cell>
                        <Text as="span" fontWeight="semibold">
                          {KIND[r.kind] ?? r.kind}
                        </Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        {r.email ?? (r.customerShopifyId ? `#${r.customerShopifyId}` : "—")}
                      </IndexTable.Cell>
                      <IndexTable.Cell>{formatDateTime(r.receivedAt)}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <Status row={r} />
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        {r.downloadable ? (
                          <Button onClick={() => void saveExport(r.id).then(setError)}>Download JSON</Button>
                        ) : null}
                      </IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
