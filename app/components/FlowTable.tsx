// Every flow on one table: switch, status, scheduled/sent counts, revenue, pending approvals.
import { Link } from "@remix-run/react";
import { Badge, IndexTable, Text } from "@shopify/polaris";
import type { DashboardFlow } from "../admin/dashboard.server";
import { formatCount, formatMoney } from "../admin/format";
import { FlowToggle } from "./FlowToggle";

function status(f: DashboardFlow) {
  if (!f.enabled)
    return (
      <Text as="span" tone="subdued">
        {f.activeRuns > 0 ? `Stopping · ${formatCount(f.activeRuns)} finishing` : "Not sending"}
      </Text>
    );
  if (f.activeRuns > 0)
    return <Badge tone="success">{`Running · ${formatCount(f.activeRuns)} in flow`}</Badge>;
  return <Badge tone="info">Waiting for customers</Badge>;
}

export function FlowTable({ flows, currency }: { flows: DashboardFlow[]; currency: string }) {
  return (
    <IndexTable
      resourceName={{ singular: "flow", plural: "flows" }}
      itemCount={flows.length}
      selectable={false}
      headings={[
        { title: "Flow" },
        { title: "Status" },
        { title: "Scheduled", alignment: "end" },
        { title: "Sent", alignment: "end" },
        { title: "Revenue", alignment: "end" },
        { title: "Pending approvals", alignment: "end" },
        { title: "On / off" },
      ]}
    >
      {flows.map((f, i) => (
        <IndexTable.Row id={f.key} key={f.key} position={i}>
          <IndexTable.Cell>
            <Link to={`/app/flows/${f.key}`} style={{ color: "inherit", fontWeight: 600 }}>
              {f.name}
            </Link>
          </IndexTable.Cell>
          <IndexTable.Cell>{status(f)}</IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {formatCount(f.scheduled)}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {formatCount(f.sent)}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {formatMoney(f.revenueMinor, currency)}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            {f.pendingApprovals > 0 ? (
              <Link to={`/app/drafts?flow=${f.key}&status=pending`} style={{ float: "right" }}>
                {formatCount(f.pendingApprovals)} to review
              </Link>
            ) : (
              <Text as="span" alignment="end" numeric tone="subdued">
                0
              </Text>
            )}
          </IndexTable.Cell>
          <IndexTable.Cell>
            <FlowToggle flowKey={f.key} name={f.name} enabled={f.enabled} />
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
