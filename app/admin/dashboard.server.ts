// The dashboard's read model: one row per catalog flow with its switch, counts and revenue.
// Grouped queries over indexed columns, so 5,000 drafts or 100,000 messages stay one round each.
import type { Db } from "../db.server";
import { FLOW_CATALOG, FLOW_KEYS, type FlowKey } from "../flows/catalog";

export interface DashboardFlow {
  key: FlowKey;
  name: string;
  description: string;
  enabled: boolean;
  stepCount: number;
  activeRuns: number;
  scheduled: number;
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
  const [settings, shopRow, runs, scheduled, sent, revenue, pending] = await Promise.all([
    db.flowSetting.findMany({ where: { shop }, select: { flowKey: true, enabled: true } }),
    db.shop.findUnique({ where: { shop }, select: { currency: true } }),
    db.flowRun.groupBy({ by: ["flowKey"], where: { shop, status: "active" }, _count: { _all: true } }),
    db.flowRun.groupBy({
      by: ["flowKey"],
      where: { shop, status: "active", nextStepAt: { not: null } },
      _count: { _all: true },
    }),
    db.message.groupBy({ by: ["flowKey"], where: { shop, status: "sent" }, _count: { _all: true } }),
    db.attribution.groupBy({ by: ["flowKey"], where: { shop }, _sum: { revenueMinor: true } }),
    db.draft.groupBy({
      by: ["flowKey"],
      where: { shop, status: { in: ["pending", "stale"] } },
      _count: { _all: true },
    }),
  ]);
  const enabled = new Map(settings.map((s) => [s.flowKey, s.enabled]));
  const runMap = byFlow(runs, (r) => r._count._all);
  const schedMap = byFlow(scheduled, (r) => r._count._all);
  const sentMap = byFlow(sent, (r) => r._count._all);
  const revMap = byFlow(revenue, (r) => r._sum.revenueMinor ?? 0);
  const pendMap = byFlow(pending, (r) => r._count._all);
  const flows = FLOW_KEYS.map((key) => {
    const def = FLOW_CATALOG[key];
    return {
      key,
      name: def.name,
      description: def.description,
      enabled: enabled.get(key) ?? false,
      stepCount: def.steps.length,
      activeRuns: runMap.get(key) ?? 0,
      scheduled: schedMap.get(key) ?? 0,
      sent: sentMap.get(key) ?? 0,
      revenueMinor: revMap.get(key) ?? 0,
      pendingApprovals: pendMap.get(key) ?? 0,
    };
  });
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
