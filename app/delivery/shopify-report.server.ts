// Abandonment emails report their delivery back to Shopify (abandonmentUpdateActivitiesDeliveryStatuses),
// so the merchant's abandoned-checkout page shows them. The two ids it needs are not in the checkout
// webhooks; they are looked up here (app/shopify/abandonment.ts) unless the run context carries them.
// Best effort: a failure is logged and never changes the message's outcome.
import type { AdminGraphql } from "../admin.server";
import type { StepSendRequest } from "../domain/delivery";
import { logger } from "../logger.server";
import {
  type AbandonmentReport,
  findAbandonedCheckoutId,
  reportAbandonmentDelivery,
  upsertFlowMarketingActivity,
} from "../shopify/abandonment";

export interface AbandonmentFacts {
  abandonedCheckoutId?: string | null;
  marketingActivityId?: string | null;
  checkoutToken?: string | null;
  checkoutCreatedAt?: Date | null;
}

// Tend's marketing activity per shop, found once per process (the upsert is keyed by remoteId, so
// another process finding it again gets the same id). A failed lookup is not kept.
const activities = new Map<string, Promise<string>>();

function activityFor(admin: AdminGraphql, shop: string, flowKey: string, appUrl: string): Promise<string> {
  const key = `${shop}\n${flowKey}`;
  let found = activities.get(key);
  if (!found) {
    found = upsertFlowMarketingActivity(admin, {
      flowKey,
      title: "Tend checkout recovery emails",
      remoteUrl: new URL(`/app/flows/${flowKey}`, appUrl).toString(),
    });
    found.catch(() => activities.delete(key));
    if (activities.size > 10_000) activities.clear();
    activities.set(key, found);
  }
  return found;
}

export async function reportToShopify(
  admin: (shop: string) => Promise<AdminGraphql>,
  req: StepSendRequest,
  facts: AbandonmentFacts,
  sentAt: Date,
  appUrl: string,
): Promise<AbandonmentReport | null> {
  if (req.flowKey !== "checkout_abandonment") return null;
  try {
    const graphql = await admin(req.shop);
    let abandonedCheckoutId = facts.abandonedCheckoutId ?? null;
    if (!abandonedCheckoutId && facts.checkoutToken && facts.checkoutCreatedAt) {
      abandonedCheckoutId = await findAbandonedCheckoutId(graphql, {
        token: facts.checkoutToken,
        createdAt: facts.checkoutCreatedAt,
      });
    }
    if (!abandonedCheckoutId)
      return { status: "not_possible", reason: "Shopify lists no abandoned checkout for it" };
    const marketingActivityId =
      facts.marketingActivityId ?? (await activityFor(graphql, req.shop, req.flowKey, appUrl));
    const report = await reportAbandonmentDelivery(graphql, {
      abandonedCheckoutId,
      marketingActivityId,
      deliveredAt: sentAt,
    });
    if (report.status !== "reported")
      logger.info(
        { shop: req.shop, runId: req.runId, reason: report.reason },
        "abandonment delivery status not reported",
      );
    return report;
  } catch (error) {
    logger.warn({ shop: req.shop, runId: req.runId, err: error }, "abandonment delivery status not reported");
    return { status: "not_possible", reason: (error as Error).message };
  }
}
