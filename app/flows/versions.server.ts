// Loads a shop's flow switches and the immutable definitions runs follow (FlowVersion rows), and
// the shop's policy settings with Tend's defaults when the merchant has not saved any yet.
import type { Db } from "../db/client.server";
import { batchMemo } from "../domain/bus.server";
import { FLOW_CATALOG, type FlowDefinition, type FlowKey, isFlowKey } from "./catalog";
import { type FlowOverrides, flowOverridesSchema, resolveDefinition } from "./config";
import type { ShopPolicy } from "./due-step";
import type { EnabledFlow } from "./enrollment";

/** Mirrors the ShopSettings column defaults in prisma/schema.prisma. */
export const SETTINGS_DEFAULTS = {
  quietHoursStart: 1260,
  quietHoursEnd: 480,
  frequencyCapCount: 2,
  frequencyCapDays: 7,
  holdoutPercent: 10,
  dailySendLimit: 500,
  sendTimeOptimisation: false,
  maxDiscountPercent: 15,
} as const;

export interface ShopFlowPolicy extends ShopPolicy {
  holdoutPercent: number;
  maxDiscountPercent: number;
}

/** Read once per published batch of events (bus batchMemo), else on every call. */
export function loadShopPolicy(db: Db, shop: string): Promise<ShopFlowPolicy> {
  return batchMemo(`flows.policy:${shop}`, () => readShopPolicy(db, shop));
}

async function readShopPolicy(db: Db, shop: string): Promise<ShopFlowPolicy> {
  const [row, settings] = await Promise.all([
    db.shop.findUnique({ where: { shop }, select: { timeZone: true, uninstalledAt: true } }),
    db.shopSettings.findUnique({ where: { shop } }),
  ]);
  const s = settings ?? SETTINGS_DEFAULTS;
  return {
    timeZone: row?.timeZone ?? "UTC",
    uninstalled: Boolean(row?.uninstalledAt),
    quietHoursStart: s.quietHoursStart,
    quietHoursEnd: s.quietHoursEnd,
    frequencyCapCount: s.frequencyCapCount,
    frequencyCapDays: s.frequencyCapDays,
    dailySendLimit: s.dailySendLimit,
    sendTimeOptimisation: s.sendTimeOptimisation,
    holdoutPercent: s.holdoutPercent,
    maxDiscountPercent: s.maxDiscountPercent,
  };
}

export function parseOverrides(json: string): FlowOverrides {
  try {
    const parsed = flowOverridesSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

const definitionCache = new Map<string, FlowDefinition>();

/** The definition of one version; versions never change once written, so they are cached. */
export async function getDefinition(
  db: Db,
  shop: string,
  flowKey: string,
  version: number,
): Promise<FlowDefinition | null> {
  const key = `${shop}|${flowKey}|${version}`;
  const cached = definitionCache.get(key);
  if (cached) return cached;
  const row = await db.flowVersion.findUnique({
    where: { shop_flowKey_version: { shop, flowKey, version } },
    select: { definition: true },
  });
  let definition: FlowDefinition | null = row ? (JSON.parse(row.definition) as FlowDefinition) : null;
  // Version 1 may never have been written (a flow enabled by a direct insert): the catalog is it.
  if (!definition && version === 1 && isFlowKey(flowKey)) definition = FLOW_CATALOG[flowKey];
  if (!definition) return null;
  if (definitionCache.size > 5_000) definitionCache.clear();
  definitionCache.set(key, definition);
  return definition;
}

/** Writes the FlowVersion for a setting's current version if it does not exist yet. */
export async function ensureVersion(
  db: Db,
  shop: string,
  flowKey: FlowKey,
  version: number,
  overrides: FlowOverrides,
  maxDiscountPercent: number,
): Promise<FlowDefinition> {
  const definition = resolveDefinition(flowKey, overrides, { maxDiscountPercent });
  await db.flowVersion.upsert({
    where: { shop_flowKey_version: { shop, flowKey, version } },
    create: { shop, flowKey, version, definition: JSON.stringify(definition) },
    update: {},
  });
  return (await getDefinition(db, shop, flowKey, version)) ?? definition;
}

/** Read once per published batch of events (bus batchMemo), else on every call. */
export function loadEnabledFlows(db: Db, shop: string): Promise<Partial<Record<FlowKey, EnabledFlow>>> {
  return batchMemo(`flows.enabled:${shop}`, () => readEnabledFlows(db, shop));
}

async function readEnabledFlows(db: Db, shop: string): Promise<Partial<Record<FlowKey, EnabledFlow>>> {
  const settings = await db.flowSetting.findMany({ where: { shop, enabled: true } });
  const out: Partial<Record<FlowKey, EnabledFlow>> = {};
  for (const s of settings) {
    if (!isFlowKey(s.flowKey)) continue;
    const definition =
      (await getDefinition(db, shop, s.flowKey, s.version)) ??
      (await ensureVersion(
        db,
        shop,
        s.flowKey,
        s.version,
        parseOverrides(s.config),
        SETTINGS_DEFAULTS.maxDiscountPercent,
      ));
    out[s.flowKey] = { definition, version: s.version, enabledAt: s.enabledAt ?? s.updatedAt };
  }
  return out;
}
