// Telling Shopify that an abandonment email went out, so the merchant's abandoned-checkout page
// shows it. The mutation needs the Abandonment id (looked up from the AbandonedCheckout id) and a
// marketing activity id. Neither is in the checkout webhooks: the AbandonedCheckout is found by
// listing abandoned checkouts created around our checkout's creation time and matching the token in
// their recovery URL (the schema has no token field or filter), and the marketing activity is Tend's
// own external activity per shop and flow (marketingActivityUpsertExternal, keyed by remoteId).
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

export const ABANDONED_CHECKOUTS_CREATED_BETWEEN = `#graphql
  query TendAbandonedCheckoutsCreatedBetween($query: String!) {
    abandonedCheckouts(first: 50, query: $query, sortKey: CREATED_AT) {
      nodes {
        id
        abandonedCheckoutUrl
        createdAt
      }
    }
  }
`;

export const MARKETING_ACTIVITY_UPSERT_EXTERNAL = `#graphql
  mutation TendMarketingActivityUpsertExternal($input: MarketingActivityUpsertExternalInput!) {
    marketingActivityUpsertExternal(input: $input) {
      marketingActivity {
        id
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`;

/** True when a recovery URL belongs to the checkout with this token (a whole path segment). */
export function recoveryUrlHasToken(url: string, token: string): boolean {
  try {
    return new URL(url).pathname.split("/").includes(token);
  } catch {
    return false;
  }
}

/** The AbandonedCheckout id for a checkout token, or null when Shopify lists none near `createdAt`. */
export async function findAbandonedCheckoutId(
  graphql: AdminGraphql,
  input: { token: string; createdAt: Date },
): Promise<string | null> {
  const from = new Date(input.createdAt.getTime() - 10 * 60_000).toISOString();
  const to = new Date(input.createdAt.getTime() + 10 * 60_000).toISOString();
  const data = await adminRequest<{
    abandonedCheckouts: { nodes: { id: string; abandonedCheckoutUrl: string }[] };
  }>(graphql, ABANDONED_CHECKOUTS_CREATED_BETWEEN, { query: `created_at:>='${from}' created_at:<='${to}'` });
  return (
    data.abandonedCheckouts.nodes.find((n) => recoveryUrlHasToken(n.abandonedCheckoutUrl, input.token))?.id ??
    null
  );
}

/**
 * Tend's external marketing activity for one flow of a shop, created once and found again by its
 * remoteId (upsert), with the UTM parameters Tend's links carry.
 */
export async function upsertFlowMarketingActivity(
  graphql: AdminGraphql,
  input: { flowKey: string; title: string; remoteUrl: string },
): Promise<string> {
  const data = await adminRequest<{
    marketingActivityUpsertExternal: {
      marketingActivity: { id: string } | null;
      userErrors: { message: string }[];
    } | null;
  }>(graphql, MARKETING_ACTIVITY_UPSERT_EXTERNAL, {
    input: {
      remoteId: `tend:${input.flowKey}`,
      title: input.title,
      remoteUrl: input.remoteUrl,
      status: "ACTIVE",
      tactic: "ABANDONED_CART",
      marketingChannelType: "EMAIL",
      utm: { source: "tend", medium: "email", campaign: input.flowKey },
    },
  });
  const payload = data.marketingActivityUpsertExternal;
  const id = payload?.marketingActivity?.id;
  if (!id)
    throw new Error(`marketing activity: ${payload?.userErrors.map((e) => e.message).join("; ") || "no id"}`);
  return id;
}

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
