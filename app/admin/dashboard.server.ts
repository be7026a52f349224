// The dashboard's read model: one row per catalog flow with its switch, counts and revenue.
// Switch and run counts come from the flows module (listFlows); sends, revenue and approvals here.
// Grouped queries over indexed columns, so 5,000 drafts or 100,000 messages stay one round each.
import type { Db } from "../db.server";
import type { FlowKey } from "../flows/catalog";
import { listFlows } from "../flows/settings.server";

export interface DashboardFlow {
  key: FlowKey;
  name: string;
  description: string;
  enabled: boolean;
  stepCount: number;
  activeRuns: number;
  scheduled: number;
  /** Steps held because no approved copy exists and the shop chose to hold. */
  parked: number;
  sent: number;
  revenueMinor: number;
  pendingApprovals: number;
}

export interface DashboardModel {
  currency: string;
  flows: DashboardFlow[];
  totals: { scheduled: number; sent: number; revenueMinor: number; pendingApprovals: number };
}

function byFlow<T extends { flowKey: string }>(rows: T[], pick: (row: T) => number): Map<string, number> {
  return new Map(rows.map((r) => [r.flowKey, pick(r)]));
}

export async function loadDashboard(db: Db, shop: string): Promise<DashboardModel> {
  const [summaries, shopRow, sent, revenue, pending] = await Promise.all([
    listFlows(db, shop),
    db.shop.findUnique({ where: { shop }, select: { currency: true } }),
    db.message.groupBy({ by: ["flowKey"], where: { shop, status: "sent" }, _count: { _all: true } }),
    db.attribution.groupBy({ by: ["flowKey"], where: { shop }, _sum: { revenueMinor: true } }),
    db.draft.groupBy({
      by: ["flowKey"],
      where: { shop, status: { in: ["pending", "stale"] } },
      _count: { _all: true },
    }),
  ]);
  const sentMap = byFlow(sent, (r) => r._count._all);
  const revMap = byFlow(revenue, (r) => r._sum.revenueMinor ?? 0);
  const pendMap = byFlow(pending, (r) => r._count._all);
  // Switch, runs and scheduled/held steps come from the flows module's own summary.
  const flows = summaries.map((f) => ({
    key: f.key,
    name: f.name,
    description: f.description,
    enabled: f.enabled,
    stepCount: f.definition.steps.length,
    activeRuns: f.activeRuns,
    scheduled: f.scheduledSteps,
    parked: f.parkedSteps,
    sent: sentMap.get(f.key) ?? 0,
    revenueMinor: revMap.get(f.key) ?? 0,
    pendingApprovals: pendMap.get(f.key) ?? 0,
  }));
  const sum = (pick: (f: DashboardFlow) => number) => flows.reduce((n, f) => n + pick(f), 0);
  return {
    currency: shopRow?.currency ?? "USD",
    flows,
    totals: {
      scheduled: sum((f) => f.scheduled),
      sent: sum((f) => f.sent),
      revenueMinor: sum((f) => f.revenueMinor),
      pendingApprovals: sum((f) => f.pendingApprovals),
    },
  };
}
