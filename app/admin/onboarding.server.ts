// The first-run checklist: what a merchant must do before Tend sends anything, and the backfill.
import type { Db } from "../db.server";
import { backfillProgress } from "../shopify/backfill.server";

export interface BackfillProgress {
  resource: string;
  status: string;
  /** 0-100, or null when the size is not known yet (bulk operation still running at Shopify). */
  percent: number | null;
  /** Records imported: rows the shop holds, not lines of the bulk file (variants and order lines are lines too). */
  objects: number;
  error: string | null;
}

export interface OnboardingModel {
  dismissed: boolean;
  steps: { sender: boolean; voice: boolean; flow: boolean };
  complete: boolean;
  backfill: BackfillProgress[];
}

/** How many records of a backfilled resource the shop holds now. */
async function recordCounts(db: Db, shop: string): Promise<Record<string, number>> {
  const [customers, products, orders] = await Promise.all([
    db.customer.count({ where: { shop, redactedAt: null } }),
    db.product.count({ where: { shop, deletedAt: null } }),
    db.order.count({ where: { shop } }),
  ]);
  return { customers, products, orders };
}

export async function loadOnboarding(db: Db, shop: string): Promise<OnboardingModel> {
  const [settings, voice, flowOn, jobs] = await Promise.all([
    db.shopSettings.findUnique({
      where: { shop },
      select: { senderName: true, replyTo: true, postalAddress: true, onboardingDismissedAt: true },
    }),
    db.voiceGuide.findFirst({ where: { shop }, select: { id: true } }),
    db.flowSetting.findFirst({ where: { shop, enabled: true }, select: { id: true } }),
    backfillProgress(db, shop),
  ]);
  const steps = {
    sender: Boolean(settings?.senderName && settings?.replyTo && settings?.postalAddress),
    voice: Boolean(voice),
    flow: Boolean(flowOn),
  };
  const counts = jobs.some((j) => j.status === "completed") ? await recordCounts(db, shop) : {};
  const backfill = jobs.map((j) => ({
    resource: j.resource,
    status: j.status,
    percent: j.fraction === null ? null : Math.round(j.fraction * 100),
    objects: counts[j.resource] ?? 0,
    error: j.error,
  }));
  return {
    dismissed: Boolean(settings?.onboardingDismissedAt),
    steps,
    complete: steps.sender && steps.voice && steps.flow,
    backfill,
  };
}
