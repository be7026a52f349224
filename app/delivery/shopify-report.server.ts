// Abandonment emails report their delivery back to Shopify, so the merchant's abandoned-checkout page
// shows them. Best effort: a failure is logged and never changes the message's outcome.
import type { AdminGraphql } from "../admin.server";
import type { StepSendRequest } from "../domain/delivery";
import { logger } from "../logger.server";
import { reportAbandonmentDelivery } from "../shopify/abandonment";

export async function reportToShopify(
  admin: (shop: string) => Promise<AdminGraphql>,
  req: StepSendRequest,
  context: { abandonedCheckoutId?: string | null; marketingActivityId?: string | null },
  sentAt: Date,
): Promise<void> {
  if (req.flowKey !== "checkout_abandonment" || !context.abandonedCheckoutId || !context.marketingActivityId)
    return;
  try {
    await reportAbandonmentDelivery(await admin(req.shop), {
      abandonedCheckoutId: context.abandonedCheckoutId,
      marketingActivityId: context.marketingActivityId,
      deliveredAt: sentAt,
    });
  } catch (error) {
    logger.warn({ shop: req.shop, runId: req.runId, err: error }, "abandonment delivery status not reported");
  }
}
