// A durable queue of catalog drafting requests: the admin asks for drafts (onboarding, enabling a
// flow, "draft my catalog") and returns at once; a background pass drafts them, so an AI provider
// that takes minutes for a large catalog never holds a request open. One AppState row per shop.
import { z } from "zod";
import type { Db } from "../db/client.server";
import { logger } from "../logger.server";
import { type DraftCatalogResult, draftCatalog } from "./catalog.server";
import type { DraftingDeps } from "./drafter.server";

const KEY = "drafting.catalog_request";

const requestSchema = z.object({
  flowKeys: z.array(z.string()).optional(),
  productIds: z.array(z.string()).optional(),
  limit: z.number().int().min(0).max(1000).optional(),
  actor: z.string().default("system"),
  requestedAt: z.string(),
});
export type CatalogRequest = z.input<typeof requestSchema>;

/** Records (or replaces) the shop's pending request; the next background pass drafts it. */
export async function requestCatalogDrafts(
  db: Db,
  shop: string,
  request: Omit<CatalogRequest, "requestedAt">,
  now: Date,
): Promise<void> {
  const value = JSON.stringify(requestSchema.parse({ ...request, requestedAt: now.toISOString() }));
  await db.appState.upsert({
    where: { shop_key: { shop, key: KEY } },
    create: { shop, key: KEY, value },
    update: { value },
  });
}

export async function pendingCatalogRequest(db: Db, shop: string): Promise<CatalogRequest | null> {
  const row = await db.appState.findUnique({ where: { shop_key: { shop, key: KEY } } });
  if (!row) return null;
  const parsed = requestSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : null;
}

/** Drafts every queued request (oldest shops first); a request is removed only once drafted. */
export async function runCatalogQueue(
  db: Db,
  now: () => Date,
  drafting?: DraftingDeps,
  maxShops = 5,
): Promise<Array<{ shop: string; result: DraftCatalogResult }>> {
  const rows = await db.appState.findMany({
    where: { key: KEY },
    orderBy: { updatedAt: "asc" },
    take: maxShops,
  });
  const done: Array<{ shop: string; result: DraftCatalogResult }> = [];
  for (const row of rows) {
    const parsed = requestSchema.safeParse(JSON.parse(row.value));
    if (parsed.success) {
      const { flowKeys, productIds, limit, actor } = parsed.data;
      const result = await draftCatalog(db, row.shop, {
        flowKeys,
        productIds,
        limit,
        actor,
        now: now(),
        drafting,
      });
      done.push({ shop: row.shop, result });
      logger.info(
        { shop: row.shop, created: result.created, parked: result.parked, failed: result.failed.length },
        "catalog drafted",
      );
    }
    // A newer request saved while this one ran stays queued: delete only the value we drafted.
    await db.appState.deleteMany({ where: { shop: row.shop, key: KEY, value: row.value } });
  }
  return done;
}
