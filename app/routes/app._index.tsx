// Dashboard: every flow with its switch and results, pending approvals, and the first-run checklist.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { BlockStack, Box, Card, Layout, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "../admin.server";
import { loadDashboard } from "../admin/dashboard.server";
import { formatCount, formatMoney } from "../admin/format";
import { loadOnboarding } from "../admin/onboarding.server";
import { dismissOnboarding } from "../admin/settings.server";
import { now } from "../clock.server";
import { FlowTable } from "../components/FlowTable";
import { OnboardingChecklist } from "../components/OnboardingChecklist";
import { StatTiles } from "../components/StatTiles";
import { getDb } from "../db.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const db = getDb();
  const [dashboard, onboarding] = await Promise.all([loadDashboard(db, shop), loadOnboarding(db, shop)]);
  return { dashboard, onboarding };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const form = await request.formData();
  if (form.get("intent") !== "dismissOnboarding")
    return Response.json({ error: "Unknown action" }, { status: 400 });
  await dismissOnboarding(getDb(), shop, now());
  return { ok: true, message: "Checklist hidden" };
}

export default function Dashboard() {
  const { dashboard, onboarding } = useLoaderData<typeof loader>();
  const { totals, currency } = dashboard;
  return (
    <Page title="Dashboard">
      <TitleBar title="Tend" />
      <Layout>
        {onboarding.dismissed ? null : (
          <Layout.Section>
            <OnboardingChecklist model={onboarding} />
          </Layout.Section>
        )}
        <Layout.Section>
          <StatTiles
            tiles={[
              { label: "Scheduled", value: formatCount(totals.scheduled) },
              { label: "Sent", value: formatCount(totals.sent) },
              { label: "Revenue attributed", value: formatMoney(totals.revenueMinor, currency) },
              { label: "Pending approvals", value: formatCount(totals.pendingApprovals) },
            ]}
          />
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="0">
              <Box padding="400">
                <Text as="h2" variant="headingMd">
                  Flows
                </Text>
              </Box>
              <FlowTable flows={dashboard.flows} currency={currency} />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
