// Drafts a shop's catalog: every step of the enabled flows × its best-selling products (by order
// lines; newest active products fill in when orders are few), plus one generic draft per step.
// Steps the merchant marked "write per segment" also get one draft per chosen segment (product and
// generic alike), so the count is (products + 1) × (segments + 1) per marked step, never per customer.
// A step, product and segment that already has live copy (pending, approved, parked) is skipped.
import type { Db } from "../db/client.server";
import { FLOW_CATALOG, type FlowKey, isFlowKey } from "../flows/catalog";
import { WELCOME_PRODUCTS } from "../flows/enrollment-welcome";
import { loadShopContext } from "./context.server";
import { type DraftingDeps, defaultDrafting } from "./drafter.server";
import { type DraftRecord, type DraftTarget, writeDraft } from "./generate.server";
import { saveDrafts } from "./save-drafts.server";
import { loadProducts } from "./products.server";
import { parseSegmentSteps, type SegmentSteps, segmentsForStep } from "../flows/segment-steps";
import { loadSegmentFacts } from "./segment-stats.server";

export interface DraftCatalogOptions {
  flowKeys?: string[];
  productIds?: string[];
  limit?: number; // products, default 20
  actor?: string;
  now?: Date;
  drafting?: DraftingDeps;
  /** Drafts written at once; the provider's own limiter still bounds requests in flight. */
  parallel?: number;
  /** Drafts stored per transaction. */
  batchSize?: number;
}

export interface DraftCatalogResult {
  created: number;
  pending: number;
  parked: number;
  skipped: number;
  failed: Array<{ target: DraftTarget; error: string }>;
  products: number;
  flows: FlowKey[];
  inputTokens: number;
  outputTokens: number;
}

export async function bestSellingProductIds(db: Db, shop: string, limit: number): Promise<string[]> {
  const grouped = await db.orderLine.groupBy({
    by: ["productShopifyId"],
    where: { shop, productShopifyId: { not: null } },
    _sum: { quantity: true },
    orderBy: { _sum: { quantity: "desc" } },
    take: limit * 2, // some may be deleted or archived
  });
  const ranked = grouped.map((g) => g.productShopifyId).filter((id): id is string => Boolean(id));
  const active = await db.product.findMany({
    where: { shop, shopifyId: { in: ranked }, deletedAt: null, status: "ACTIVE" },
    select: { shopifyId: true },
  });
  const activeIds = new Set(active.map((a) => a.shopifyId));
  const ids = ranked.filter((id) => activeIds.has(id)).slice(0, limit);
  if (ids.length < limit) {
    const more = await db.product.findMany({
      where: { shop, deletedAt: null, status: "ACTIVE", shopifyId: { notIn: ids } },
      orderBy: [{ updatedAt: "desc" }, { shopifyId: "asc" }],
      select: { shopifyId: true },
      take: limit - ids.length,
    });
    ids.push(...more.map((m) => m.shopifyId));
  }
  return ids;
}

/** Each flow's marked steps; a flow without a setting row marks none. */
async function segmentStepsOf(db: Db, shop: string, flows: FlowKey[]): Promise<Map<string, SegmentSteps>> {
  const rows = await db.flowSetting.findMany({
    where: { shop, flowKey: { in: flows } },
    select: { flowKey: true, segmentSteps: true },
  });
  return new Map(rows.map((r) => [r.flowKey, parseSegmentSteps(r.segmentSteps)]));
}

const targetKey = (t: { stepKey: string; productShopifyId: string | null; segment?: string | null }) =>
  `${t.stepKey}|${t.productShopifyId ?? ""}|${t.segment ?? ""}`;

async function enabledFlows(db: Db, shop: string): Promise<FlowKey[]> {
  const rows = await db.flowSetting.findMany({ where: { shop, enabled: true }, select: { flowKey: true } });
  return rows.map((r) => r.flowKey).filter(isFlowKey);
}

/**
 * A batch whose transaction could not even start (the pool or a busy event loop made it wait past
 * maxWait) wrote nothing, so it is safe to try once more before its drafts count as failed.
 */
async function saveWithRetry(db: Db, records: DraftRecord[]) {
  try {
    return await saveDrafts(db, records);
  } catch (error) {
    if (!(error instanceof Error) || !/unable to start a transaction/i.test(error.message)) throw error;
    return saveDrafts(db, records);
  }
}

export async function draftCatalog(
  db: Db,
  shop: string,
  options: DraftCatalogOptions = {},
): Promise<DraftCatalogResult> {
  const now = options.now ?? new Date();
  const actor = options.actor ?? "system";
  const drafting = options.drafting ?? defaultDrafting(db);
  const flows = (options.flowKeys?.filter(isFlowKey) ?? (await enabledFlows(db, shop))) as FlowKey[];
  const limit = Math.max(0, Math.min(options.limit ?? 20, 1000));
  const productIds = options.productIds ?? (await bestSellingProductIds(db, shop, limit));
  const [ctx, products, marked] = await Promise.all([
    loadShopContext(db, shop),
    loadProducts(db, shop, productIds),
    segmentStepsOf(db, shop, flows),
  ]);

  const targets: DraftTarget[] = [];
  for (const flowKey of flows) {
    for (const step of FLOW_CATALOG[flowKey].steps) {
      const segments = [null, ...segmentsForStep(marked.get(flowKey) ?? {}, step.key)];
      for (const segment of segments) {
        targets.push({ flowKey, stepKey: step.key, productShopifyId: null, segment });
        // A welcome email only ever features the top best sellers: copy for the rest would never send.
        const stepProducts = step.type === "welcome" ? productIds.slice(0, WELCOME_PRODUCTS) : productIds;
        for (const id of stepProducts)
          if (products.has(id)) targets.push({ flowKey, stepKey: step.key, productShopifyId: id, segment });
      }
    }
  }

  const live = await db.draft.findMany({
    where: { shop, flowKey: { in: flows }, status: { in: ["pending", "approved", "parked"] } },
    select: {
      flowKey: true,
      stepKey: true,
      productShopifyId: true,
      segment: true,
      status: true,
      voiceVersion: true,
    },
  });
  // Copy awaiting review that was written in an older voice is rewritten (the new version
  // supersedes it when stored); approved copy stays until the merchant approves a newer one.
  const current = (d: (typeof live)[number]) =>
    d.status === "approved" || d.voiceVersion === null || d.voiceVersion >= ctx.voice.version;
  const liveKeys = new Set(live.filter(current).map(targetKey));
  const todo = targets.filter((t) => !liveKeys.has(targetKey(t)));
  // Segment figures are read once per run, and only when some step writes per segment.
  const segments = todo.some((t) => t.segment) ? await loadSegmentFacts(db, shop, ctx.currency) : undefined;

  const result: DraftCatalogResult = {
    created: 0,
    pending: 0,
    parked: 0,
    skipped: targets.length - todo.length,
    failed: [],
    products: products.size,
    flows,
    inputTokens: 0,
    outputTokens: 0,
  };
  // Drafts are written in parallel (the provider's limiter bounds its requests) and stored in
  // batches, one transaction each: SQLite pays one sync per batch instead of one per draft.
  const batchSize = Math.max(1, options.batchSize ?? 50);
  let batch: DraftRecord[] = [];
  let saving: Promise<void> = Promise.resolve();
  const flush = () => {
    const records = batch;
    batch = [];
    saving = saving.then(async () => {
      try {
        for (const d of await saveWithRetry(db, records)) {
          result.created++;
          result[d.status]++;
          result.inputTokens += d.inputTokens;
          result.outputTokens += d.outputTokens;
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        for (const r of records) result.failed.push({ target: r.target, error: message });
      }
    });
  };
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const target = todo[next++];
      try {
        const product = target.productShopifyId ? (products.get(target.productShopifyId) ?? null) : null;
        batch.push(
          await writeDraft(db, drafting, shop, target, { actor, now, context: ctx, product, segments }),
        );
        if (batch.length >= batchSize) flush();
      } catch (error) {
        result.failed.push({ target, error: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 4) }, worker));
  flush();
  await saving;
  return result;
}
