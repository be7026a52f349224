// Telling Shopify that an abandonment email went out, so the merchant's abandoned-checkout page
// shows it. The mutation needs the Abandonment id (looked up from the AbandonedCheckout id) and a
// marketing activity id the abandonment knows about; see reportAbandonmentDelivery for when we can.
import type { AdminGraphql } from "../admin.server";
import { adminRequest } from "./admin-client.server";

export const ABANDONMENT_BY_ABANDONED_CHECKOUT_ID = `#graphql
  query TendAbandonmentByAbandonedCheckoutId($abandonedCheckoutId: ID!) {
    abandonmentByAbandonedCheckoutId(abandonedCheckoutId: $abandonedCheckoutId) {
      id
      emailState
    }
  }
`;

export const ABANDONMENT_UPDATE_ACTIVITIES_DELIVERY_STATUSES = `#graphql
  mutation TendAbandonmentUpdateActivitiesDeliveryStatuses(
    $abandonmentId: ID!
    $marketingActivityId: ID!
    $deliveryStatus: AbandonmentDeliveryState!
    $deliveredAt: DateTime
    $deliveryStatusChangeReason: String
  ) {
    abandonmentUpdateActivitiesDeliveryStatuses(
      abandonmentId: $abandonmentId
      marketingActivityId: $marketingActivityId
      deliveryStatus: $deliveryStatus
      deliveredAt: $deliveredAt
      deliveryStatusChangeReason: $deliveryStatusChangeReason
    ) {
      userErrors {
        field
        code
        message
      }
    }
  }
`;

export function abandonedCheckoutGid(id: string): string {
  return id.startsWith("gid://") ? id : `gid://shopify/AbandonedCheckout/${id}`;
}

export type AbandonmentReport =
  | { status: "reported"; abandonmentId: string }
  | { status: "not_possible"; reason: string };

/**
 * Reports SENT for one abandonment. Needs the abandoned checkout's id (checkout webhooks stopped
 * carrying it in 2026-04, so only runs whose context holds it from the Admin API can report) and the
 * marketing activity Shopify associates with the abandonment. Without both it says why it cannot.
 */
export async function reportAbandonmentDelivery(
  graphql: AdminGraphql,
  input: { abandonedCheckoutId: string | null; marketingActivityId: string | null; deliveredAt: Date },
): Promise<AbandonmentReport> {
  if (!input.abandonedCheckoutId)
    return { status: "not_possible", reason: "no abandoned checkout id stored for this run" };
  if (!input.marketingActivityId)
    return { status: "not_possible", reason: "no marketing activity id for this abandonment" };
  const found = await adminRequest<{ abandonmentByAbandonedCheckoutId: { id: string } | null }>(
    graphql,
    ABANDONMENT_BY_ABANDONED_CHECKOUT_ID,
    { abandonedCheckoutId: abandonedCheckoutGid(input.abandonedCheckoutId) },
  );
  const abandonmentId = found.abandonmentByAbandonedCheckoutId?.id;
  if (!abandonmentId)
    return { status: "not_possible", reason: "Shopify has no abandonment for this checkout" };
  const data = await adminRequest<{
    abandonmentUpdateActivitiesDeliveryStatuses: { userErrors: { message: string }[] } | null;
  }>(graphql, ABANDONMENT_UPDATE_ACTIVITIES_DELIVERY_STATUSES, {
    abandonmentId,
    marketingActivityId: input.marketingActivityId,
    deliveryStatus: "SENT",
    deliveredAt: input.deliveredAt.toISOString(),
  });
  const errors = data.abandonmentUpdateActivitiesDeliveryStatuses?.userErrors ?? [];
  if (errors.length) return { status: "not_possible", reason: errors.map((e) => e.message).join("; ") };
  return { status: "reported", abandonmentId };
}
