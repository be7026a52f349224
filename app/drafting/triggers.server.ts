// What makes Tend write copy in a live shop: the backfill knowing the catalog, a flow switched on,
// a product created or changed, a new voice, and a periodic sweep for steps still lacking copy.
// Each only queues a request (queue.server.ts); the background pass drafts, skipping any step and
// product that already has live copy, so AI cost follows catalog × steps, never events.
import type { Db } from "../db/client.server";
import { FLOW_CATALOG, isFlowKey } from "../flows/catalog";
import { parseSegmentSteps, segmentsForStep } from "../flows/segment-steps";
import { bestSellingProductIds } from "./catalog.server";
import { requestCatalogDrafts } from "./queue.server";

/** Products drafted per shop: the best sellers (catalog.server.ts's default). */
export const DRAFTED_PRODUCTS = 20;

async function enabledFlowKeys(db: Db, shop: string): Promise<string[]> {
  const rows = await db.flowSetting.findMany({ where: { shop, enabled: true }, select: { flowKey: true } });
  return rows.map((r) => r.flowKey).filter(isFlowKey);
}

/** The backfill finished: the best sellers are known, draft the enabled flows for them. */
export async function onCatalogKnown(db: Db, shop: string, at: Date): Promise<boolean> {
  if ((await enabledFlowKeys(db, shop)).length === 0) return false;
  await requestCatalogDrafts(db, shop, { actor: "system: history imported" }, at);
  return true;
}

/** The merchant switched a flow on: draft its steps (for the best sellers and a generic fallback). */
export async function onFlowEnabled(db: Db, shop: string, flowKey: string, actor: string, at: Date) {
  await requestCatalogDrafts(db, shop, { flowKeys: [flowKey], actor }, at);
}

/**
 * A product was created or changed. Drafted when it is one Tend writes for (a best seller, or one
 * whose copy just went stale); other products are served by the generic draft.
 */
export async function onProductChanged(db: Db, shop: string, productShopifyId: string, at: Date) {
  if ((await enabledFlowKeys(db, shop)).length === 0) return false;
  const hadCopy = await db.draft.count({ where: { shop, productShopifyId } });
  const ranked =
    hadCopy > 0 || (await bestSellingProductIds(db, shop, DRAFTED_PRODUCTS)).includes(productShopifyId);
  if (!ranked) return false;
  await requestCatalogDrafts(
    db,
    shop,
    { productIds: [productShopifyId], actor: "system: product changed" },
    at,
  );
  return true;
}

/**
 * A new voice guide version: drafts still awaiting review were written in the old voice, so the
 * next pass rewrites them (catalog.server.ts treats them as outdated; each new version supersedes
 * its old one when stored, so the queue is never empty in between). Approved copy stays.
 * Returns how many drafts await rewriting.
 */
export async function onVoiceChanged(db: Db, shop: string, version: number, actor: string, at: Date) {
  const outdated = await db.draft.count({
    where: {
      shop,
      status: { in: ["pending", "parked"] },
      voiceVersion: { lt: version },
    },
  });
  if ((await enabledFlowKeys(db, shop)).length) await requestCatalogDrafts(db, shop, { actor }, at);
  return outdated;
}

/**
 * Steps of the shop's enabled flows with no live generic draft for everyone, or, on a step marked
 * "write per segment", for one of its segments (a segment draft that failed is retried).
 */
export async function stepsLackingCopy(db: Db, shop: string): Promise<string[]> {
  const flows = await enabledFlowKeys(db, shop);
  if (!flows.length) return [];
  const [live, settings] = await Promise.all([
    db.draft.findMany({
      where: {
        shop,
        flowKey: { in: flows },
        productShopifyId: null,
        status: { in: ["pending", "approved", "parked"] },
      },
      select: { stepKey: true, segment: true },
    }),
    db.flowSetting.findMany({
      where: { shop, flowKey: { in: flows } },
      select: { flowKey: true, segmentSteps: true },
    }),
  ]);
  const covered = new Set(live.map((d) => `${d.stepKey}|${d.segment ?? ""}`));
  const marked = new Map(settings.map((r) => [r.flowKey, parseSegmentSteps(r.segmentSteps)]));
  return flows
    .flatMap((f) => (isFlowKey(f) ? FLOW_CATALOG[f].steps.map((s) => ({ flow: f, key: s.key })) : []))
    .filter(({ flow, key }) =>
      ["", ...segmentsForStep(marked.get(flow) ?? {}, key)].some((seg) => !covered.has(`${key}|${seg}`)),
    )
    .map(({ key }) => key);
}

/** The periodic sweep: every installed shop with a step lacking copy gets a drafting request. */
export async function sweepMissingCopy(db: Db, at: Date): Promise<string[]> {
  const shops = await db.flowSetting.findMany({
    where: { enabled: true },
    distinct: ["shop"],
    select: { shop: true },
  });
  const installed = await db.shop.findMany({
    where: { shop: { in: shops.map((s) => s.shop) }, uninstalledAt: null },
    select: { shop: true },
  });
  const asked: string[] = [];
  for (const { shop } of installed) {
    if ((await stepsLackingCopy(db, shop)).length === 0) continue;
    await requestCatalogDrafts(db, shop, { actor: "system: sweep" }, at);
    asked.push(shop);
  }
  return asked;
}
