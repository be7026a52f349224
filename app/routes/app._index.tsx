// Dashboard: every flow with its switch and results, pending approvals, and the first-run checklist.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Box, Card, Layout, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "../admin.server";
import { loadDashboard } from "../admin/dashboard.server";
import { formatCount, formatMoney } from "../admin/format";
import { loadOnboarding } from "../admin/onboarding.server";
import { undeliveredDataRequests } from "../admin/privacy.server";
import { dismissOnboarding } from "../admin/settings.server";
import { now } from "../clock.server";
import { FlowTable } from "../components/FlowTable";
import { OnboardingChecklist } from "../components/OnboardingChecklist";
import { StatTiles } from "../components/StatTiles";
import { getDb } from "../db.server";
import { logger } from "../logger.server";
import { startBackfill } from "../shopify/backfill.server";
import { useEffect } from "react";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { shop, graphql } = await requireAdmin(request, context);
  const db = getDb();
  const [dashboard, onboarding, dataRequests] = await Promise.all([
    loadDashboard(db, shop),
    loadOnboarding(db, shop),
    undeliveredDataRequests(db, shop),
  ]);
  if (!onboarding.dismissed && !onboarding.backfill.some((b) => b.status === "completed")) {
    // The first admin visit starts importing the store's history; the page never waits for it
    // (the progress bar polls), and a failure to start shows up as a failed job, not a broken page.
    void startBackfill(db, shop, graphql, { now: now() }).catch((error) =>
      logger.warn({ err: error, shop }, "could not start the backfill"),
    );
  }
  return { dashboard, onboarding, dataRequests };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const form = await request.formData();
  if (form.get("intent") !== "dismissOnboarding")
    return Response.json({ error: "Unknown action" }, { status: 400 });
  await dismissOnboarding(getDb(), shop, now());
  return { ok: true, message: "Checklist hidden" };
}

const IMPORTING = ["pending", "running", "downloading", "ingesting"];

export default function Dashboard() {
  const { dashboard, onboarding, dataRequests } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const importing = !onboarding.dismissed && onboarding.backfill.some((b) => IMPORTING.includes(b.status));
  // Keeps the backfill progress bar moving while an import runs.
  useEffect(() => {
    if (!importing) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle" && document.visibilityState === "visible") revalidator.revalidate();
    }, 3000);
    return () => clearInterval(timer);
  }, [importing, revalidator]);
  const { totals, currency } = dashboard;
  return (
    <Page title="Dashboard">
      <TitleBar title="Tend" />
      <Layout>
        {dataRequests > 0 ? (
          <Layout.Section>
            <Banner
              tone="warning"
              title={`${dataRequests} customer data request${dataRequests === 1 ? "" : "s"} to send`}
              action={{ content: "Open privacy requests", url: "/app/privacy" }}
            >
              <p>Download what Tend holds and send it to the customer.</p>
            </Banner>
          </Layout.Section>
        ) : null}
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
