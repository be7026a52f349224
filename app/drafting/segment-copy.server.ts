// At send time: which steps of a flow the merchant marked "write per segment". Read per (shop,
// flow) and cached briefly, because sends come in bursts; saving the marking drops this process's
// entry at once (other processes see it within CACHE_MS).
import type { Db } from "../db/client.server";
import { parseSegmentSteps, type SegmentSteps } from "../flows/segment-steps";

const CACHE_MS = 10_000;
const cache = new Map<string, { loadedAt: number; value: Promise<SegmentSteps> }>();

export function invalidateSegmentSteps(shop: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${shop}|`)) cache.delete(key);
}

export function markedSegmentSteps(db: Db, shop: string, flowKey: string): Promise<SegmentSteps> {
  const key = `${shop}|${flowKey}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.loadedAt < CACHE_MS) return hit.value;
  const value = db.flowSetting
    .findUnique({ where: { shop_flowKey: { shop, flowKey } }, select: { segmentSteps: true } })
    .then((row) => parseSegmentSteps(row?.segmentSteps));
  value.catch(() => cache.delete(key));
  if (cache.size > 5_000) cache.clear();
  cache.set(key, { loadedAt: Date.now(), value });
  return value;
}
