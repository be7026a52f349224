// The "personalised vs generic" test of one flow: which arm a customer is in and what the generic
// arm means. Pure.
import { assignVariant } from "./ab";

export const ARMS = ["personalised", "generic"] as const;
export type Arm = (typeof ARMS)[number];

export const isArm = (value: unknown): value is Arm => value === "personalised" || value === "generic";

/**
 * What the generic arm gets, in the merchant's words (shown on the flow page). The product copy and
 * the email's working parts stay, because without them the email is not the same email; only what
 * Tend knows about the customer goes.
 */
export const GENERIC_ARM_DEFINITION =
  "Generic: the step's default \u201call customers\u201d copy for the product, never the copy written for the " +
  "customer's segment, and no facts about the customer beyond their first name. The links, items, " +
  "order number and discount code the email is about stay. Personalised: the copy Tend normally picks " +
  "for the customer's segment.";

/**
 * Half and half by a hash of the customer (not of the run), so a customer sees the same arm in every
 * step and every re-entry of the flow, and the split can be recomputed from the id alone. The flow is
 * in the key so one customer is not in the same arm of every flow's test.
 */
export function armFor(shop: string, flowKey: string, customerKey: string): Arm {
  return assignVariant(`${shop}:${flowKey}:personalisation:${customerKey}`, 2) === 1
    ? "generic"
    : "personalised";
}

/** The arm a send uses: none while the test is off, the winner once decided, else the split. */
export function armInForce(input: {
  enabled: boolean;
  winner: Arm | null;
  shop: string;
  flowKey: string;
  customerKey: string;
}): Arm | null {
  if (!input.enabled) return null;
  return input.winner ?? armFor(input.shop, input.flowKey, input.customerKey);
}

/** The segment whose draft a send may use: the generic arm always takes the default draft (null). */
export function draftSegmentFor<S>(arm: Arm | null, segment: S | null): S | null {
  return arm === "generic" ? null : segment;
}
