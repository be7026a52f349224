// Reports: what each flow earned, honestly. Attributed revenue (click within the window or the
// email's own code, last touch), per-email economics, subject-line tests and holdout lift.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigate } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import {
  BlockStack,
  Button,
  Card,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
} from "@shopify/polaris";
import polarisVizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { useState } from "react";
import { requireAdmin } from "../admin.server";
import { now } from "../clock.server";
import { getDb } from "../db.server";
import { parseReportQuery, REPORT_PERIODS } from "../insights/query";
import { buildReport } from "../insights/report.server";
import { FlowTable, StepTable } from "../insights/ui/FlowTable";
import { count, money, percent } from "../insights/ui/format";
import { LiftSection } from "../insights/ui/LiftSection";
import { RepeatRateChart } from "../insights/ui/RepeatRateChart";
import { RevenueChart } from "../insights/ui/RevenueChart";
import { SegmentTable } from "../insights/ui/SegmentTable";
import { SubjectTests } from "../insights/ui/SubjectTests";

export const links = () => [{ rel: "stylesheet", href: polarisVizStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const query = parseReportQuery(new URL(request.url).searchParams);
  if (!query.success) throw new Response("days must be one of 7, 30, 90, 365", { status: 400 });
  const db = getDb();
  const [report, shopRow] = await Promise.all([
    buildReport(db, shop, { now: now(), days: query.data.days }),
    db.shop.findUnique({ where: { shop }, select: { currency: true } }),
  ]);
  return { report, currency: shopRow?.currency ?? "USD" };
}

function Section(props: { title: string; children: React.ReactNode; help?: string }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {props.title}
        </Text>
        {props.help ? (
          <Text as="p" tone="subdued">
            {props.help}
          </Text>
        ) : null}
        {props.children}
      </BlockStack>
    </Card>
  );
}

/** App Bridge adds the session token to fetch, so the download is authenticated inside the admin. */
function useCsvDownload(days: number) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const response = await fetch(`/app/reports.csv?days=${days}`);
      if (!response.ok) throw new Error(`export failed (${response.status})`);
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = `tend-report-${days}d.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } finally {
      setBusy(false);
    }
  };
  return { busy, download };
}

export default function Reports() {
  const { report, currency } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const csv = useCsvDownload(report.days);
  const t = report.total;
  const empty =
    t.sent === 0 &&
    report.lift.length === 0 &&
    report.revenueByDay.length === 0 &&
    report.repeatRates.length === 0;
  const tiles = [
    ["Attributed revenue", money(t.revenueMinor, currency)],
    ["Emails sent", count(t.sent)],
    ["Revenue per email", money(t.revenuePerEmailMinor, currency)],
    ["Unsubscribe rate", percent(t.unsubscribeRate, 2)],
  ] as const;

  return (
    <Page title="Reports">
      <TitleBar title="Reports" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <InlineStack align="space-between" blockAlign="center">
              <div style={{ minWidth: 180 }}>
                <Select
                  label="Period"
                  labelInline
                  options={REPORT_PERIODS.map((d) => ({ label: `Last ${d} days`, value: String(d) }))}
                  value={String(report.days)}
                  onChange={(value) => navigate(`?days=${value}`)}
                />
              </div>
              <Button onClick={csv.download} loading={csv.busy} disabled={empty}>
                Export CSV
              </Button>
            </InlineStack>
            {empty ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Nothing to report yet
                  </Text>
                  <Text as="p">
                    Once your flows send emails, this page shows what each one earned: orders placed after a
                    shopper clicked an email or used its code, revenue per email sent, unsubscribes,
                    subject-line tests and whether emailed shoppers really bought more than those held out.
                  </Text>
                </BlockStack>
              </Card>
            ) : (
              <>
                <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
                  {tiles.map(([label, value]) => (
                    <Card key={label}>
                      <BlockStack gap="100">
                        <Text as="h2" variant="headingSm">
                          {label}
                        </Text>
                        <Text as="p" variant="headingLg">
                          {value}
                        </Text>
                      </BlockStack>
                    </Card>
                  ))}
                </InlineGrid>
                <Section
                  title="Revenue over time"
                  help={`Attributed revenue by the day the order was placed (${report.timeZone}).`}
                >
                  <RevenueChart
                    points={report.revenueByDay}
                    since={report.sinceDay}
                    until={report.untilDay}
                    currency={currency}
                  />
                </Section>
                <Section title="By flow" help="Emails sent in the period and the orders they earned.">
                  {report.flows.length > 0 ? (
                    <FlowTable flows={report.flows} total={report.total} currency={currency} />
                  ) : (
                    <Text as="p">No emails sent in this period.</Text>
                  )}
                </Section>
                <Section title="By email and subject line">
                  <StepTable flows={report.flows} currency={currency} />
                </Section>
                <Section
                  title="By flow and customer segment"
                  help="Each email counts under the segment its customer was in when it was sent; hover a segment for its definition."
                >
                  <SegmentTable
                    flows={report.flows}
                    definitions={report.segmentDefinitions}
                    currency={currency}
                  />
                </Section>
                <Section
                  title="Subject-line tests"
                  help="A winner is named only when the click-rate difference is unlikely to be chance (two-proportion test, at least 200 sends per subject)."
                >
                  <SubjectTests tests={report.subjectTests} currency={currency} />
                </Section>
                <Section
                  title="Did the emails make the difference?"
                  help="Each flow holds out a share of shoppers who are never emailed. Comparing them with emailed shoppers over the last 12 months shows the orders the emails added, not just the orders that followed them."
                >
                  <LiftSection lift={report.lift} currency={currency} />
                </Section>
                <Section
                  title="Do first-time buyers come back?"
                  help="Of the shoppers whose first order started the post-purchase flow in the last 12 months, the share who ordered again within 30, 60 and 90 days: emailed shoppers against the holdout who got no post-purchase emails. A buyer counts once their whole window has passed; shaded bands and ranges are 95% intervals."
                >
                  <RepeatRateChart rates={report.repeatRates} />
                </Section>
              </>
            )}
            <Text as="p" tone="subdued">
              How orders are credited: an order counts for an email when the shopper clicked it within{" "}
              {report.attributionWindowDays} days before ordering, or used the email's own discount code; the
              last touch wins and no order counts twice. Cancelled orders leave the totals and refunds reduce
              them.
            </Text>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
