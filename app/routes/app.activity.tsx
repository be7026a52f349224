// Activity: scheduled, sent, unknown and failed messages with reasons; search by email for one
// customer's full timeline.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import {
  BlockStack,
  Button,
  Card,
  EmptyState,
  InlineStack,
  Layout,
  Page,
  Tabs,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { requireAdmin } from "../admin.server";
import { loadActivity, loadCustomerTimeline, parseActivityQuery } from "../admin/activity.server";
import { ACTIVITY_VIEWS } from "../admin/activity-views";
import { ActivityTable } from "../components/ActivityTable";
import { CustomerTimeline } from "../components/CustomerTimeline";
import { PageNav } from "../components/PageNav";
import { getDb } from "../db.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const q = parseActivityQuery(new URL(request.url).searchParams);
  const db = getDb();
  if (q.email) return { q, timeline: await loadCustomerTimeline(db, shop, q.email), activity: null };
  return { q, timeline: null, activity: await loadActivity(db, shop, q) };
}

const VIEW_LABELS: Record<(typeof ACTIVITY_VIEWS)[number], string> = {
  sent: "Sent",
  scheduled: "Scheduled",
  unknown: "Unknown",
  failed: "Failed",
  all: "All messages",
};

export default function ActivityPage() {
  const { q, timeline, activity } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const [email, setEmail] = useState(q.email ?? "");
  const selected = ACTIVITY_VIEWS.indexOf(q.view);
  return (
    <Page
      title="Activity"
      backAction={timeline ? { content: "All activity", url: "/app/activity" } : undefined}
    >
      <TitleBar title="Activity" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <Form method="get" role="search">
                <BlockStack gap="200">
                  <InlineStack gap="200" blockAlign="end" wrap={false}>
                    <div style={{ flex: 1 }}>
                      <TextField
                        label="Find a customer by email"
                        name="email"
                        type="email"
                        value={email}
                        onChange={setEmail}
                        autoComplete="off"
                        placeholder="name@example.com"
                      />
                    </div>
                    <Button submit variant="primary">
                      Search
                    </Button>
                  </InlineStack>
                  <Text as="p" tone="subdued">
                    Shows every enrollment, exit, deferral, suppression and send for that customer, with its
                    reason.
                  </Text>
                </BlockStack>
              </Form>
            </Card>
            {timeline ? <CustomerTimeline model={timeline} /> : null}
            {activity ? (
              <Card padding="0">
                <Tabs
                  tabs={ACTIVITY_VIEWS.map((v) => ({
                    id: `view-${v}`,
                    content: VIEW_LABELS[v],
                    panelID: "activity-panel",
                  }))}
                  selected={selected}
                  onSelect={(i) => navigate(`/app/activity?view=${ACTIVITY_VIEWS[i]}`)}
                >
                  <div id="activity-panel">
                    {activity.total === 0 ? (
                      <EmptyState
                        heading={`No ${VIEW_LABELS[q.view].toLowerCase()} messages`}
                        image="data:image/gif;base64,R0lGODlhAQABAAAAACw="
                      >
                        <p>Messages appear here as flows send them, with the reason for anything not sent.</p>
                      </EmptyState>
                    ) : (
                      <ActivityTable rows={activity.rows} loading={navigation.state === "loading"} />
                    )}
                  </div>
                </Tabs>
              </Card>
            ) : null}
            {activity && activity.total > 0 ? (
              <PageNav
                page={activity.page}
                pageCount={activity.pageCount}
                total={activity.total}
                noun="message"
              />
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
