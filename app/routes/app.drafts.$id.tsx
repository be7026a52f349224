// One draft: preview at desktop and mobile widths and as plain text, findings, inline edit, and
// the decision (approve, reject with a reason, regenerate).
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { useEffect } from "react";
import { z } from "zod";
import { requireAdmin } from "../admin.server";
import {
  approve,
  type DecisionResult,
  editAndApprove,
  regenerate,
  reject,
} from "../admin/draft-actions.server";
import { loadDraft } from "../admin/drafts.server";
import { formatDateTime } from "../admin/format";
import { renderPreview, sampleContext } from "../admin/preview.server";
import { now } from "../clock.server";
import { BusinessContextCard } from "../components/BusinessContextCard";
import { DraftDecision } from "../components/DraftDecision";
import { DraftEditForm } from "../components/DraftEditForm";
import { StatusBadge, segmentGroupLabel } from "../components/DraftQueueTable";
import { EmailPreview } from "../components/EmailPreview";
import { FindingsList } from "../components/FindingsList";
import { useToast } from "../components/useToast";
import { getDb } from "../db.server";
import { getBusinessContextVersion } from "../drafting/business-context.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const db = getDb();
  const draft = await loadDraft(db, shop, params.id ?? "");
  if (!draft) throw new Response("Draft not found", { status: 404 });
  const sample = await sampleContext(db, shop, draft.product?.shopifyId);
  const [preview, businessContext] = await Promise.all([
    renderPreview(draft.copy, sample, shop),
    draft.businessContextVersion === null
      ? null
      : getBusinessContextVersion(db, shop, draft.businessContextVersion),
  ]);
  return { draft, preview, businessContext };
}

/** A decision that produced a new version opens it; the notice becomes a toast there. */
function settle(result: DecisionResult, id: string) {
  if (result.ok && result.newId && result.newId !== id) {
    return redirect(`/app/drafts/${result.newId}?notice=${encodeURIComponent(result.message ?? "Done")}`);
  }
  return result;
}

const line = (label: string, max = 200) =>
  z.string().trim().max(max, `${label} is too long (max ${max} characters)`);
const editSchema = z.object({
  subject1: line("Subject line", 150).min(1, "Enter a subject line"),
  subject2: line("Subject line", 150).min(
    1,
    "Enter a second subject line: Tend tests them against each other",
  ),
  preheader: line("Preheader", 200),
  headline: line("Headline", 200).min(1, "Enter a headline"),
  paragraphs: z
    .string()
    .trim()
    .min(1, "Enter the body")
    .max(5000)
    .refine(
      (v) => v.split(/\n\s*\n/).filter((p) => p.trim()).length <= 4,
      "Keep the body to at most 4 paragraphs",
    ),
  callout: line("Callout", 300),
  cta: line("Button label", 40).min(1, "Enter a button label"),
  text: z.string().trim().min(1, "Enter the plain-text version").max(8000),
});

function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { shop, user } = await requireAdmin(request, context);
  const db = getDb();
  const id = params.id ?? "";
  const form = Object.fromEntries(await request.formData());
  switch (form.intent) {
    case "approve":
      return approve(db, shop, id, user, now());
    case "reject": {
      const reason = z
        .string()
        .trim()
        .min(3, "Say briefly why, e.g. “too pushy”")
        .max(500)
        .safeParse(form.reason);
      if (!reason.success)
        return Response.json({ errors: { reason: reason.error.issues[0].message } }, { status: 400 });
      return settle(await reject(db, shop, id, reason.data, user, now()), id);
    }
    case "regenerate":
      return settle(await regenerate(db, shop, id, user, now()), id);
    case "edit": {
      const parsed = editSchema.safeParse(form);
      if (!parsed.success) return Response.json({ errors: fieldErrors(parsed.error) }, { status: 400 });
      const f = parsed.data;
      const edits = {
        subjects: [f.subject1, f.subject2].filter(Boolean),
        preheader: f.preheader,
        headline: f.headline,
        paragraphs: f.paragraphs
          .split(/\n\s*\n/)
          .map((p) => p.trim())
          .filter(Boolean),
        callout: f.callout,
        cta: f.cta,
        text: f.text,
      };
      return settle(await editAndApprove(db, shop, id, edits, user, now()), id);
    }
    default:
      return Response.json({ error: "Unknown action" }, { status: 400 });
  }
}

export default function DraftPage() {
  const { draft, preview, businessContext } = useLoaderData<typeof loader>();
  const blocked = draft.findings.some((f) => f.severity === "block");
  const title = `${draft.flowName} · ${draft.stepLabel}`;
  const result = useActionData<{ ok?: boolean; message?: string; error?: string; newId?: string }>();
  const toast = useToast();
  const [params] = useSearchParams();
  const notice = params.get("notice");
  useEffect(() => {
    if (result?.ok && result.message) toast(result.message);
  }, [result, toast]);
  // The notice of a decision that opened this version: toast it once, then drop it from the URL
  // (without a navigation) so a reload does not repeat it.
  useEffect(() => {
    if (!notice) return;
    toast(notice);
    window.history.replaceState(window.history.state, "", window.location.pathname);
  }, [notice, toast]);
  return (
    <Page
      title={title}
      subtitle={`${draft.product ? draft.product.title : "Generic copy (any product)"} · for ${segmentGroupLabel(draft.segment)}`}
      titleMetadata={<StatusBadge status={draft.status} />}
      backAction={{ content: "Approvals", url: "/app/drafts" }}
    >
      <TitleBar title={title} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && !result.ok && result.error ? (
              <Banner tone="critical" title="Not done">
                <p>{result.error}</p>
              </Banner>
            ) : null}
            <Card>
              <EmailPreview preview={preview} label={title} />
            </Card>
            <DraftEditForm
              key={`${draft.id}-${draft.version}-${draft.status}`}
              copy={draft.copy}
              disabled={draft.status === "superseded"}
            />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <DraftDecision key={draft.id} status={draft.status} blocked={blocked} />
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Findings
                </Text>
                <FindingsList findings={draft.findings} />
              </BlockStack>
            </Card>
            <BusinessContextCard version={draft.businessContextVersion} context={businessContext} />
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  About this draft
                </Text>
                <Text as="p">{`Version ${draft.version}, written by ${draft.author}`}</Text>
                <Text as="p">{`Voice score: ${draft.voiceScore ?? "not checked"}`}</Text>
                <Text as="p">{`Drafted ${formatDateTime(draft.createdAt)}`}</Text>
                {draft.rejectionReason ? (
                  <Text as="p" tone="critical">{`Rejected: ${draft.rejectionReason}`}</Text>
                ) : null}
                {draft.approvedAt ? (
                  <Text
                    as="p"
                    tone="success"
                  >{`Approved by ${draft.approvedBy} on ${formatDateTime(draft.approvedAt)}`}</Text>
                ) : null}
                {draft.audit.length ? (
                  <BlockStack as="ul" gap="100">
                    {draft.audit.map((a) => (
                      <li key={a.id} style={{ listStyle: "none" }}>
                        <InlineStack gap="100">
                          <Text as="span" tone="subdued">
                            {formatDateTime(a.at)}
                          </Text>
                          <Text as="span">{`${a.action} by ${a.actor}${a.reason ? `: ${a.reason}` : ""}`}</Text>
                        </InlineStack>
                      </li>
                    ))}
                  </BlockStack>
                ) : null}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
