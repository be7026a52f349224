// Approval queue: drafts filtered by flow, product, status and staleness, a page at a time, with
// bulk approve. Each row opens the draft (preview, findings, edit, approve / reject / regenerate).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigation } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Card, EmptyState, Layout, Page } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "../admin.server";
import { bulkApproveDrafts } from "../admin/draft-actions.server";
import { loadQueue, PAGE_SIZE, parseQueueFilters } from "../admin/drafts.server";
import { now } from "../clock.server";
import { DraftQueueTable } from "../components/DraftQueueTable";
import { PageNav } from "../components/PageNav";
import { QueueFilters } from "../components/QueueFilters";
import { SegmentGroupLinks } from "../components/SegmentGroupLinks";
import { getDb } from "../db.server";
import { loadSettings } from "../drafting/context.server";
import { drafterDescription } from "../drafting/drafter-description";
import { env } from "../env.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const filters = parseQueueFilters(new URL(request.url).searchParams);
  const [queue, settings] = await Promise.all([
    loadQueue(getDb(), shop, filters, now()),
    loadSettings(getDb(), shop),
  ]);
  return { filters, queue, drafter: drafterDescription(env(), settings) };
}

const bulkSchema = z.object({
  intent: z.literal("bulkApprove"),
  ids: z
    .array(z.string().min(1).max(64))
    .min(1, "Select at least one draft")
    .max(PAGE_SIZE * 4),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const { shop, user } = await requireAdmin(request, context);
  const form = await request.formData();
  const parsed = bulkSchema.safeParse({ intent: form.get("intent"), ids: form.getAll("ids") });
  if (!parsed.success) {
    return Response.json({ error: parsed.error.issues[0]?.message ?? "Invalid request" }, { status: 400 });
  }
  const result = await bulkApproveDrafts(getDb(), shop, parsed.data.ids, user, now());
  const skipped = result.skipped
    ? ` ${result.skipped} could not be approved (blocking findings or no longer pending).`
    : "";
  return {
    ok: true,
    message: `${result.approved} draft${result.approved === 1 ? "" : "s"} approved.${skipped}`,
  };
}

export default function ApprovalQueue() {
  const { filters, queue, drafter } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location?.pathname === "/app/drafts";
  return (
    <Page
      title="Approvals"
      subtitle="Approve the copy Tend may send. Nothing goes out without your approval or your fallback choice."
    >
      <TitleBar title="Approvals" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Banner tone={drafter.kind === "openai" ? "info" : "warning"} title="Who writes the copy">
              <p>Drafts are written by {drafter.label}.</p>
            </Banner>
            <Card>
              <BlockStack gap="300">
                <QueueFilters
                  key={JSON.stringify(filters)}
                  values={filters}
                  flows={queue.flows}
                  products={queue.products}
                />
                <SegmentGroupLinks groups={queue.segments} />
              </BlockStack>
            </Card>
            <Card padding="0">
              {queue.total === 0 ? (
                <EmptyState
                  heading="No drafts match these filters"
                  image="data:image/gif;base64,R0lGODlhAQABAAAAACw="
                  action={{ content: "Show all drafts", url: "/app/drafts?status=all" }}
                >
                  <p>
                    New drafts appear here when a flow is switched on and Tend writes copy for your products.
                  </p>
                </EmptyState>
              ) : (
                <DraftQueueTable rows={queue.rows} loading={loading} />
              )}
            </Card>
            {queue.total > 0 ? (
              <PageNav page={queue.page} pageCount={queue.pageCount} total={queue.total} noun="draft" />
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
