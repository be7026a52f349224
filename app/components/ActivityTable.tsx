// Messages (or scheduled steps) with their status and reason.
import { Badge, IndexTable, Link, Text } from "@shopify/polaris";
import type { ActivityRow } from "../admin/activity.server";
import { formatDateTime } from "../admin/format";

const TONE: Record<string, "success" | "critical" | "warning" | "info" | undefined> = {
  sent: "success",
  failed: "critical",
  bounced: "critical",
  complained: "critical",
  unknown: "warning",
  scheduled: "info",
};

export function MessageStatus({ status }: { status: string }) {
  return <Badge tone={TONE[status]}>{status[0].toUpperCase() + status.slice(1)}</Badge>;
}

export function ActivityTable({ rows, loading }: { rows: ActivityRow[]; loading: boolean }) {
  return (
    <IndexTable
      resourceName={{ singular: "message", plural: "messages" }}
      itemCount={rows.length}
      selectable={false}
      loading={loading}
      headings={[
        { title: "When" },
        { title: "Customer" },
        { title: "Flow" },
        { title: "Status" },
        { title: "Subject" },
        { title: "Reason" },
      ]}
    >
      {rows.map((r, i) => (
        <IndexTable.Row id={r.id} key={r.id} position={i}>
          <IndexTable.Cell>{formatDateTime(r.at)}</IndexTable.Cell>
          <IndexTable.Cell>
            {r.email.includes("@") ? (
              <Link url={`/app/activity?email=${encodeURIComponent(r.email)}`} removeUnderline>
                {r.email}
              </Link>
            ) : (
              r.email
            )}
          </IndexTable.Cell>
          <IndexTable.Cell>{`${r.flowName} · step ${r.step}`}</IndexTable.Cell>
          <IndexTable.Cell>
            <MessageStatus status={r.status} />
          </IndexTable.Cell>
          <IndexTable.Cell>{r.subject}</IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" tone={r.status === "failed" ? "critical" : "subdued"} breakWord>
              {r.reason}
            </Text>
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
