// The flow settings API the admin UI calls: list flows with their state and counts, switch a flow
// on or off, edit its timing/discounts (a new FlowVersion per save) and preview what an edit does.
import type { Db } from "../db/client.server";
import { FLOW_CATALOG, FLOW_KEYS, type FlowDefinition, type FlowKey } from "./catalog";
import { type FlowOverrides, resolveDefinition, validateFlowConfig } from "./config";
import { describeImpact, type EditImpact } from "./impact";
import { endRun } from "./runs.server";
import { ensureVersion, loadShopPolicy, parseOverrides } from "./versions.server";
import { recordWhy } from "./why.server";

export interface FlowSummary {
  key: FlowKey;
  name: string;
  description: string;
  enabled: boolean;
  enabledAt: Date | null;
  version: number;
  overrides: FlowOverrides;
  /** The catalog with this shop's overrides applied. */
  definition: FlowDefinition;
  activeRuns: number;
  scheduledSteps: number;
  parkedSteps: number;
}

export async function listFlows(db: Db, shop: string): Promise<FlowSummary[]> {
  const [settings, policy, active, scheduled, parked] = await Promise.all([
    db.flowSetting.findMany({ where: { shop } }),
    loadShopPolicy(db, shop),
    db.flowRun.groupBy({ by: ["flowKey"], where: { shop, status: "active" }, _count: { _all: true } }),
    db.flowRun.groupBy({
      by: ["flowKey"],
      where: { shop, status: "active", nextStepAt: { not: null } },
      _count: { _all: true },
    }),
    db.$queryRaw<Array<{ flowKey: string; n: number | bigint }>>`
      SELECT r."flowKey" AS "flowKey", COUNT(*) AS n FROM "DueStep" d JOIN "FlowRun" r ON r."id" = d."runId"
      WHERE d."shop" = ${shop} AND d."status" = 'parked' GROUP BY r."flowKey"`,
  ]);
  const count = (rows: Array<{ flowKey: string; _count: { _all: number } }>, key: string) =>
    rows.find((r) => r.flowKey === key)?._count._all ?? 0;
  return FLOW_KEYS.map((key) => {
    const s = settings.find((x) => x.flowKey === key);
    const overrides = parseOverrides(s?.config ?? "{}");
    return {
      key,
      name: FLOW_CATALOG[key].name,
      description: FLOW_CATALOG[key].description,
      enabled: s?.enabled ?? false,
      enabledAt: s?.enabledAt ?? null,
      version: s?.version ?? 1,
      overrides,
      definition: resolveDefinition(key, overrides, { maxDiscountPercent: policy.maxDiscountPercent }),
      activeRuns: count(active, key),
      scheduledSteps: count(scheduled, key),
      parkedSteps: Number(parked.find((p) => p.flowKey === key)?.n ?? 0),
    };
  });
}

/** Switching on starts from now (earlier events do not enroll); switching off exits every active run. */
export async function setFlowEnabled(
  db: Db,
  shop: string,
  flowKey: FlowKey,
  enabled: boolean,
  now: Date,
): Promise<{ exited: number }> {
  const current = await db.flowSetting.findUnique({ where: { shop_flowKey: { shop, flowKey } } });
  if (enabled) {
    if (current?.enabled) return { exited: 0 };
    const policy = await loadShopPolicy(db, shop);
    const setting = await db.flowSetting.upsert({
      where: { shop_flowKey: { shop, flowKey } },
      create: { shop, flowKey, enabled: true, enabledAt: now },
      update: { enabled: true, enabledAt: now },
    });
    await ensureVersion(
      db,
      shop,
      flowKey,
      setting.version,
      parseOverrides(setting.config),
      policy.maxDiscountPercent,
    );
    return { exited: 0 };
  }
  await db.flowSetting.upsert({
    where: { shop_flowKey: { shop, flowKey } },
    create: { shop, flowKey, enabled: false },
    update: { enabled: false },
  });
  let exited = 0;
  const reason = "flow switched off by the merchant";
  for (;;) {
    const runs = await db.flowRun.findMany({
      where: { shop, flowKey, status: "active" },
      select: { id: true, customerShopifyId: true, email: true },
      take: 500,
    });
    if (runs.length === 0) break;
    await db.$transaction(async (tx) => {
      for (const r of runs) await endRun(tx, shop, r.id, "exited", reason, now);
      await recordWhy(
        tx,
        runs.map((r) => ({
          shop,
          customerShopifyId: r.customerShopifyId,
          email: r.email,
          runId: r.id,
          flowKey,
          kind: "exited",
          reason,
          at: now,
        })),
      );
    });
    exited += runs.length;
  }
  return { exited };
}

export type UpdateResult =
  | { ok: true; version: number; definition: FlowDefinition; impact: EditImpact }
  | { ok: false; fieldErrors: Record<string, string> };

export async function describeEditImpact(
  db: Db,
  shop: string,
  flowKey: FlowKey,
  input: unknown,
): Promise<UpdateResult> {
  const [policy, setting, activeRuns] = await Promise.all([
    loadShopPolicy(db, shop),
    db.flowSetting.findUnique({ where: { shop_flowKey: { shop, flowKey } } }),
    db.flowRun.count({ where: { shop, flowKey, status: "active" } }),
  ]);
  const limits = { maxDiscountPercent: policy.maxDiscountPercent };
  const checked = validateFlowConfig(flowKey, input, limits);
  if (!checked.ok) return checked;
  const before = resolveDefinition(flowKey, parseOverrides(setting?.config ?? "{}"), limits);
  const after = resolveDefinition(flowKey, checked.overrides, limits);
  return {
    ok: true,
    version: (setting?.version ?? 1) + 1,
    definition: after,
    impact: describeImpact(before, after, activeRuns),
  };
}

/** Validates and saves overrides as a new FlowVersion; runs already waiting keep theirs. */
export async function updateFlowConfig(
  db: Db,
  shop: string,
  flowKey: FlowKey,
  input: unknown,
  now: Date,
): Promise<UpdateResult> {
  const preview = await describeEditImpact(db, shop, flowKey, input);
  if (!preview.ok) return preview;
  const overrides = validateFlowConfig(flowKey, input, {
    maxDiscountPercent: (await loadShopPolicy(db, shop)).maxDiscountPercent,
  });
  if (!overrides.ok) return overrides;
  const current = await db.flowSetting.findUnique({ where: { shop_flowKey: { shop, flowKey } } });
  const version = (current?.version ?? 1) + 1;
  await db.$transaction([
    db.flowVersion.create({
      data: { shop, flowKey, version, definition: JSON.stringify(preview.definition), createdAt: now },
    }),
    db.flowSetting.upsert({
      where: { shop_flowKey: { shop, flowKey } },
      create: { shop, flowKey, enabled: false, version, config: JSON.stringify(overrides.overrides) },
      update: { version, config: JSON.stringify(overrides.overrides) },
    }),
  ]);
  return { ...preview, version };
}
