// Enrollment in the welcome series: a subscriber who has never ordered enters once, ever. Pure.
// Re-subscribing later does not start a second series: a completed or exited welcome run (exited by
// an unsubscribe or a first order) means the customer was welcomed already.
import type { CustomerRef, TriggerAction } from "./actions";
import { firstDue, type Trigger, type TriggerInput } from "./enrollment-kit";
import { isHoldout } from "./holdout";

/** How many best sellers a welcome run features (one lead product per email); drafting writes no more. */
export const WELCOME_PRODUCTS = 3;

export function subscribed(
  input: TriggerInput,
  t: Extract<Trigger, { kind: "subscribed" }>,
): TriggerAction[] {
  const flow = input.flows.welcome;
  if (!flow) return [];
  const customer: CustomerRef = { customerShopifyId: t.customerShopifyId, email: t.email };
  const ignore = (reason: string): TriggerAction[] => [
    { type: "ignore", flowKey: "welcome", customer, reason },
  ];
  if (!t.email) return ignore("customer has no email address");
  if (t.hasOrdered)
    return ignore("already a customer: the welcome series is for subscribers who have not ordered");
  if (t.at < flow.enabledAt) return ignore("subscribed before the flow was switched on");
  if (!input.consent) return ignore("no email-marketing consent");
  const earlier = input.runs.find((r) => r.flowKey === "welcome");
  if (earlier?.status === "active") return [];
  if (earlier)
    return ignore(`already welcomed (an earlier series ${earlier.status}): it runs once per customer`);
  return [
    {
      type: "enroll",
      flowKey: "welcome",
      version: flow.version,
      // One series per customer ever: the key carries no date, so a redelivery or a later
      // re-subscription can never enroll them twice.
      enrollKey: `welcome:${t.customerShopifyId}`,
      customer,
      context: { trigger: "subscribed to email marketing", productShopifyIds: t.bestSellers },
      holdout: isHoldout(input.shop, "welcome", t.customerShopifyId, input.holdoutPercent),
      startedAt: t.at,
      firstDueAt: firstDue(flow, t.at, input.now),
      reason: "subscribed to email marketing and has not ordered yet",
    },
  ];
}
