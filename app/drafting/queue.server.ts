// A durable queue of catalog drafting requests: install, a flow switched on, a product change, a new
// voice and the periodic sweep ask for drafts and return at once; a background pass drafts them, so
// an AI provider that takes minutes for a large catalog never holds a request open. One AppState
// row per shop holds the shop's outstanding requests; a new request joins them instead of
// replacing one still waiting (a product change must not cancel the drafts a flow switch asked for).
import { z } from "zod";
import type { Db } from "../db/client.server";
import { logger } from "../logger.server";
import { type DraftCatalogResult, draftCatalog } from "./catalog.server";
import type { DraftingDeps } from "./drafter.server";

const KEY = "drafting.catalog_request";
/** More distinct requests than this collapse into one "every enabled flow, best sellers" pass. */
const MAX_QUEUED = 20;

const requestSchema = z.object({
  flowKeys: z.array(z.string()).optional(),
  productIds: z.array(z.string()).optional(),
  limit: z.number().int().min(0).max(1000).optional(),
  actor: z.string().default("system"),
  requestedAt: z.string(),
});
export type CatalogRequest = z.input<typeof requestSchema>;
type Request = z.output<typeof requestSchema>;

/** The row holds a list; rows written before the list existed hold one request. */
const storedSchema = z.union([z.array(requestSchema), requestSchema.transform((r) => [r])]);

function parseStored(value: string): Request[] {
  try {
    const parsed = storedSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

const scopeKey = (r: Request) =>
  JSON.stringify([r.flowKeys?.slice().sort() ?? null, r.productIds?.slice().sort() ?? null, r.limit ?? null]);

/** Adds `next` unless the same scope is already waiting; too many collapse into one broad pass. */
export function mergeRequests(queued: Request[], next: Request): Request[] {
  if (queued.some((q) => scopeKey(q) === scopeKey(next))) return queued;
  const merged = [...queued, next];
  if (merged.length <= MAX_QUEUED) return merged;
  return [{ actor: "system", requestedAt: next.requestedAt }];
}

/** Queues drafts for the shop; the next background pass writes them. */
export async function requestCatalogDrafts(
  db: Db,
  shop: string,
  request: Omit<CatalogRequest, "requestedAt">,
  now: Date,
): Promise<void> {
  const next = requestSchema.parse({ ...request, requestedAt: now.toISOString() });
  await db.$transaction(async (tx) => {
    const row = await tx.appState.findUnique({ where: { shop_key: { shop, key: KEY } } });
    const value = JSON.stringify(mergeRequests(row ? parseStored(row.value) : [], next));
    await tx.appState.upsert({
      where: { shop_key: { shop, key: KEY } },
      create: { shop, key: KEY, value },
      update: { value },
    });
  });
}

/** The shop's outstanding requests, oldest first. */
export async function pendingCatalogRequests(db: Db, shop: string): Promise<Request[]> {
  const row = await db.appState.findUnique({ where: { shop_key: { shop, key: KEY } } });
  return row ? parseStored(row.value) : [];
}

/** The oldest outstanding request, or null. */
export async function pendingCatalogRequest(db: Db, shop: string): Promise<CatalogRequest | null> {
  return (await pendingCatalogRequests(db, shop))[0] ?? null;
}

/** Drafts every queued request (oldest shops first); requests are removed only once drafted. */
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
    for (const { flowKeys, productIds, limit, actor } of parseStored(row.value)) {
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
    // A request that joined while these ran stays queued: delete only the value we drafted.
    await db.appState.deleteMany({ where: { shop: row.shop, key: KEY, value: row.value } });
  }
  return done;
}
