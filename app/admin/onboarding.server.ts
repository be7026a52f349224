// The first-run checklist: what a merchant must do before Tend sends anything, and the backfill.
import type { Db } from "../db.server";
import { backfillProgress } from "../shopify/backfill.server";

export interface BackfillProgress {
  resource: string;
  status: string;
  /** 0-100, or null when the size is not known yet (bulk operation still running at Shopify). */
  percent: number | null;
  objects: number;
  error: string | null;
}

export interface OnboardingModel {
  dismissed: boolean;
  steps: { sender: boolean; voice: boolean; flow: boolean };
  complete: boolean;
  backfill: BackfillProgress[];
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
  const backfill = jobs.map((j) => ({
    resource: j.resource,
    status: j.status,
    percent: j.fraction === null ? null : Math.round(j.fraction * 100),
    objects: j.objectCount ?? j.linesDone,
    error: j.error,
  }));
  return {
    dismissed: Boolean(settings?.onboardingDismissedAt),
    steps,
    complete: steps.sender && steps.voice && steps.flow,
    backfill,
  };
}
