// The admin's Segments page: each segment's definition (in the shop's own rules) with its live
// count, and the merchant's optional VIP spend threshold (saving it recomputes the shop at once).
import { z } from "zod";
import type { Db } from "../db/client.server";
import { type SegmentKey, segmentDefinitions } from "../domain/segments";
import {
  loadSegmentRules,
  recomputeShopSegments,
  segmentCounts,
  VIP_CUTOFF_KEY,
} from "../store/segments.server";

export interface SegmentRow {
  key: SegmentKey;
  label: string;
  definition: string;
  customers: number;
}

export interface SegmentsView {
  rows: SegmentRow[];
  engaged: number;
  notComputed: number;
  total: number;
  engagedDays: number;
  /** The merchant's threshold as typed money ("250.00"), "" when the decile decides. */
  vipThreshold: string;
  /** When the whole shop was last recomputed (daily scan, backfill, a saved threshold); null: never. */
  recomputedAt: string | null;
}

export async function segmentsView(db: Db, shop: string): Promise<SegmentsView> {
  const [rules, counts, cutoff] = await Promise.all([
    loadSegmentRules(db, shop),
    segmentCounts(db, shop),
    db.appState.findUnique({
      where: { shop_key: { shop, key: VIP_CUTOFF_KEY } },
      select: { updatedAt: true },
    }),
  ]);
  return {
    rows: segmentDefinitions(rules).map((d) => ({ ...d, customers: counts.bySegment[d.key] })),
    engaged: counts.engaged,
    notComputed: counts.notComputed,
    total: counts.total,
    engagedDays: rules.engagedDays,
    vipThreshold: rules.vipThresholdMinor === null ? "" : (rules.vipThresholdMinor / 100).toFixed(2),
    recomputedAt: cutoff?.updatedAt.toISOString() ?? null,
  };
}

/** Blank clears the threshold (back to the top 10%); otherwise a positive amount with ≤ 2 decimals. */
export const vipThresholdSchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === "") return null;
    if (!/^\d{1,9}(\.\d{1,2})?$/.test(v)) {
      ctx.addIssue({ code: "custom", message: "Enter an amount like 250 or 250.00, or leave it blank" });
      return z.NEVER;
    }
    const minor = Math.round(Number(v) * 100);
    if (minor < 1) {
      ctx.addIssue({ code: "custom", message: "The threshold must be more than 0" });
      return z.NEVER;
    }
    return minor;
  });

export type SaveResult = { ok: true; vipThresholdMinor: number | null } | { ok: false; error: string };

export async function saveVipThreshold(db: Db, shop: string, input: unknown, now: Date): Promise<SaveResult> {
  const parsed = vipThresholdSchema.safeParse(typeof input === "string" ? input : "");
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid amount" };
  const vipThresholdMinor = parsed.data;
  await db.shopSettings.upsert({
    where: { shop },
    create: { shop, vipThresholdMinor },
    update: { vipThresholdMinor },
  });
  await recomputeShopSegments(db, shop, now);
  return { ok: true, vipThresholdMinor };
}
