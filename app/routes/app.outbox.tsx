// Outbox viewer (demo): the emails the outbox transport holds instead of sending, newest first.
// Choosing one shows it as the customer would see it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigate } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import {
  BlockStack,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Select,
  Text,
} from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "../admin.server";
import { formatDateTime } from "../admin/format";
import { MessageStatus } from "../components/ActivityTable";
import { EmailPreview } from "../components/EmailPreview";
import { getDb } from "../db.server";
import { listOutbox } from "../delivery/messages.server";
import { FLOW_CATALOG, FLOW_KEYS, isFlowKey } from "../flows/catalog";

const PAGE = 50;
const querySchema = z.object({
  cursor: z.string().max(64).optional().catch(undefined),
  id: z.string().max(64).optional().catch(undefined),
  flow: z.string().max(40).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const q = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = getDb();
  const flow = q.flow && isFlowKey(q.flow) ? q.flow : null;
  const rows = await listOutbox(db, shop, {
    transport: "outbox",
    take: PAGE,
    cursor: q.cursor,
    flowKey: flow ?? undefined,
    withBody: false,
  });
  // listOutbox pages with a cursor that skips the cursor row: the chosen message is read directly.
  const chosen = q.id
    ? await db.message.findFirst({
        where: { shop, id: q.id, transport: "outbox" },
        select: { id: true, subject: true, html: true, text: true, email: true },
      })
    : null;
  return {
    messages: rows.map((m) => ({
      id: m.id,
      email: m.email ?? "(erased)",
      subject: m.subject ?? "",
      status: m.status,
      flowName: isFlowKey(m.flowKey) ? FLOW_CATALOG[m.flowKey].name : m.flowKey,
      at: (m.sentAt ?? m.claimedAt).toISOString(),
    })),
    nextCursor: rows.length === PAGE ? rows[rows.length - 1].id : null,
    chosen,
    flow,
  };
}

export default function OutboxPage() {
  const { messages, nextCursor, chosen, flow } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const withFlow = (query: string) => `/app/outbox?${flow ? `flow=${flow}&` : ""}${query}`;
  return (
    <Page title="Outbox" subtitle="In the demo, emails land here instead of a mail server.">
      <TitleBar title="Outbox" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Select
              label="Flow"
              options={[
                { label: "All flows", value: "" },
                ...FLOW_KEYS.map((key) => ({ label: FLOW_CATALOG[key].name, value: key })),
              ]}
              value={flow ?? ""}
              onChange={(value) => navigate(value ? `/app/outbox?flow=${value}` : "/app/outbox")}
            />
            <Card padding="0">
              {messages.length === 0 ? (
                <EmptyState heading="The outbox is empty" image="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
                  <p>Switch on a flow and approve its copy: emails appear here when their step is due.</p>
                </EmptyState>
              ) : (
                <IndexTable
                  resourceName={{ singular: "email", plural: "emails" }}
                  itemCount={messages.length}
                  selectable={false}
                  headings={[
                    { title: "When" },
                    { title: "To" },
                    { title: "Subject" },
                    { title: "Flow" },
                    { title: "Status" },
                  ]}
                >
                  {messages.map((m, i) => (
                    <IndexTable.Row id={m.id} key={m.id} position={i}>
                      <IndexTable.Cell>{formatDateTime(m.at)}</IndexTable.Cell>
                      <IndexTable.Cell>{m.email}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <Link url={withFlow(`id=${m.id}`)}>{m.subject || "(no subject)"}</Link>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{m.flowName}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <MessageStatus status={m.status} />
                      </IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              )}
            </Card>
            {nextCursor ? (
              <InlineStack align="end">
                <Button url={withFlow(`cursor=${nextCursor}`)}>Older emails</Button>
              </InlineStack>
            ) : null}
          </BlockStack>
        </Layout.Section>
        {chosen ? (
          <Layout.Section variant="oneHalf">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">{`To ${chosen.email ?? "(erased)"}`}</Text>
                <EmailPreview
                  label={chosen.subject ?? "Email"}
                  preview={{
                    subject: chosen.subject ?? "",
                    preheader: "",
                    html: chosen.html ?? "",
                    text: chosen.text ?? "",
                    error: null,
                  }}
                />
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
