// One page of the approval queue, with selection and bulk approve (server does the approving).
// Rows come grouped by segment; each group opens with a subheader row naming it.
import { Link, useFetcher } from "@remix-run/react";
import { Badge, IndexTable, InlineStack, Text, useIndexResourceState } from "@shopify/polaris";
import { Fragment, useEffect } from "react";
import type { QueueRow } from "../admin/drafts.server";
import { segmentLabel } from "../domain/segments";
import { formatDateTime } from "../admin/format";
import { type ActionResult, useActionToast } from "./useActionToast";

const STATUS_TONE: Record<string, "success" | "critical" | "warning" | "attention" | "info" | undefined> = {
  approved: "success",
  rejected: "critical",
  stale: "warning",
  pending: "attention",
  parked: "info",
};

export function StatusBadge({ status }: { status: string }) {
  const label = status === "pending" ? "Waiting for approval" : status[0].toUpperCase() + status.slice(1);
  return <Badge tone={STATUS_TONE[status]}>{label}</Badge>;
}

/** The heading of a segment group: the default copy is for everyone. */
export function segmentGroupLabel(segment: string | null): string {
  return segment ? `${segmentLabel(segment)} customers` : "Everyone (default copy)";
}

const COLUMNS = 7;

export function DraftQueueTable({ rows, loading }: { rows: QueueRow[]; loading: boolean }) {
  const fetcher = useFetcher<ActionResult>();
  useActionToast(fetcher.data, fetcher.state);
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } =
    useIndexResourceState(rows as unknown as { [key: string]: unknown }[]);
  // The page's rows change after a bulk action or a page turn: forget the old selection.
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) clearSelection();
  }, [fetcher.state, fetcher.data, clearSelection]);
  const approveSelected = () => {
    const form = new FormData();
    form.set("intent", "bulkApprove");
    for (const id of selectedResources) form.append("ids", id);
    fetcher.submit(form, { method: "post" });
  };
  return (
    <IndexTable
      resourceName={{ singular: "draft", plural: "drafts" }}
      itemCount={rows.length}
      selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
      onSelectionChange={handleSelectionChange}
      loading={loading || fetcher.state !== "idle"}
      promotedBulkActions={[{ content: "Approve selected", onAction: approveSelected }]}
      headings={[
        { title: "Subject" },
        { title: "Product" },
        { title: "Flow and step" },
        { title: "Findings" },
        { title: "Voice", alignment: "end" },
        { title: "Status" },
        { title: "Drafted" },
      ]}
    >
      {rows.map((r, i) => (
        <Fragment key={r.id}>
          {i === 0 || rows[i - 1].segment !== r.segment ? (
            <IndexTable.Row
              rowType="subheader"
              id={`segment-${r.segment ?? "default"}`}
              position={i}
              hideSelectable
              onClick={() => {}}
            >
              <IndexTable.Cell as="th" colSpan={COLUMNS} scope="colgroup">
                <span data-testid="segment-group">
                  {`${segmentGroupLabel(r.segment)} · ${rows.filter((x) => x.segment === r.segment).length}`}
                </span>
              </IndexTable.Cell>
            </IndexTable.Row>
          ) : null}
          <IndexTable.Row id={r.id} position={i} selected={selectedResources.includes(r.id)}>
            <IndexTable.Cell>
              <Link
                to={`/app/drafts/${r.id}`}
                onClick={(e) => e.stopPropagation()}
                style={{ color: "inherit", fontWeight: 600 }}
              >
                {r.subject}
              </Link>
            </IndexTable.Cell>
            <IndexTable.Cell>{r.productTitle}</IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span">{`${r.flowName} · ${r.stepLabel}`}</Text>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <InlineStack gap="100">
                {r.errorCount ? <Badge tone="critical">{`${r.errorCount} blocking`}</Badge> : null}
                {r.warningCount ? <Badge tone="warning">{`${r.warningCount} advice`}</Badge> : null}
                {!r.errorCount && !r.warningCount ? (
                  <Text as="span" tone="subdued">
                    None
                  </Text>
                ) : null}
              </InlineStack>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" alignment="end" numeric>
                {r.voiceScore ?? "—"}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <StatusBadge status={r.status} />
            </IndexTable.Cell>
            <IndexTable.Cell>{formatDateTime(r.createdAt)}</IndexTable.Cell>
          </IndexTable.Row>
        </Fragment>
      ))}
    </IndexTable>
  );
}
