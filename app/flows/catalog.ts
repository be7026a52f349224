// The flow catalog as data: every flow Tend offers, its trigger and its steps with default timing.
// Shops override timing/discounts within the bounds in app/flows/config.ts (validated); a run keeps
// the version it started with. Step keys are stable: drafts and messages refer to them.
export type FlowKey =
  | "checkout_abandonment"
  | "cart_abandonment"
  | "browse_abandonment"
  | "post_purchase"
  | "win_back"
  | "anniversary"
  | "welcome";

/**
 * What a step is about decides which products it names and whether stock matters.
 * A tagged union: the engine switches on `type` exhaustively.
 */
export type StepType =
  | "abandoned_items" // the exact items left behind (checkout lines, cart or viewed product)
  | "purchased_items" // the products of the order that enrolled the customer
  | "cross_sell" // a product chosen from what buyers of their purchase bought next
  | "lapsed_customer" // what they bought last time, to invite them back
  | "first_order_note" // the product of their first order, a year on
  | "check_in" // the product of the order that enrolled them, two weeks on: how is it going
  | "welcome"; // the shop's best sellers, for a subscriber who has not ordered yet

export interface StepDefinition {
  key: string; // stable id, e.g. "checkout_abandonment.reminder"
  type: StepType;
  /** Delay from the trigger (first step) or from the previous step, in minutes. */
  delayMinutes: number;
  /** How long after its planned time the step still makes sense; later it is skipped as expired. */
  expiresAfterMinutes: number;
  /** What the copy must do, in the merchant's words; it feeds the drafting prompt. */
  intent: string;
  discountPercent: number | null;
  /** Time-sensitive steps fall back to approved generic copy rather than wait for review. */
  timeSensitive: boolean;
}

/** How customers enter a flow. */
export type FlowTrigger =
  | { kind: "checkout_abandoned" }
  | { kind: "pixel"; events: Array<"product_viewed" | "product_added_to_cart">; oncePerDays: number }
  | { kind: "first_order" }
  | { kind: "lapsed"; lapseDays: number }
  | { kind: "first_order_anniversary" }
  | { kind: "subscribed" }; // email consent became SUBSCRIBED and the customer has never ordered

export interface FlowDefinition {
  key: FlowKey;
  name: string;
  description: string;
  /** Lower number wins when the frequency cap forces a choice. */
  priority: number;
  trigger: FlowTrigger;
  /** After a run ends, the same customer cannot re-enter this flow for this many days. */
  cooldownDays: number;
  steps: StepDefinition[];
}

const H = 60;
const D = 24 * H;

export const FLOW_CATALOG: Record<FlowKey, FlowDefinition> = {
  checkout_abandonment: {
    key: "checkout_abandonment",
    name: "Checkout abandonment",
    description: "Reminds shoppers who entered their email at checkout but did not finish.",
    priority: 1,
    trigger: { kind: "checkout_abandoned" },
    cooldownDays: 0,
    steps: [
      {
        key: "checkout_abandonment.reminder",
        type: "abandoned_items",
        delayMinutes: 1 * H,
        expiresAfterMinutes: 1 * D,
        intent: "Gentle reminder of the exact items left in the checkout, with the recovery link.",
        discountPercent: null,
        timeSensitive: true,
      },
      {
        key: "checkout_abandonment.nudge",
        type: "abandoned_items",
        delayMinutes: 23 * H,
        expiresAfterMinutes: 1 * D,
        intent: "Second reminder a day later: answer a likely hesitation about the product, recovery link.",
        discountPercent: null,
        timeSensitive: true,
      },
      {
        key: "checkout_abandonment.last_call",
        type: "abandoned_items",
        delayMinutes: 48 * H,
        expiresAfterMinutes: 5 * D,
        intent: "Last reminder after three days; may offer a small discount if the shop allows.",
        discountPercent: 10,
        timeSensitive: true,
      },
    ],
  },
  cart_abandonment: {
    key: "cart_abandonment",
    name: "Cart abandonment",
    description: "Follows up identified shoppers who added to cart but never reached checkout.",
    priority: 2,
    trigger: { kind: "pixel", events: ["product_added_to_cart"], oncePerDays: 7 },
    cooldownDays: 7,
    steps: [
      {
        key: "cart_abandonment.reminder",
        type: "abandoned_items",
        delayMinutes: 4 * H,
        expiresAfterMinutes: 1 * D,
        intent: "Friendly note about the product added to the cart, with a link back to it.",
        discountPercent: null,
        timeSensitive: true,
      },
    ],
  },
  browse_abandonment: {
    key: "browse_abandonment",
    name: "Browse abandonment",
    description: "Follows up identified shoppers who viewed a product more than once without buying.",
    priority: 3,
    trigger: { kind: "pixel", events: ["product_viewed"], oncePerDays: 7 },
    cooldownDays: 7,
    steps: [
      {
        key: "browse_abandonment.reminder",
        type: "abandoned_items",
        delayMinutes: 6 * H,
        expiresAfterMinutes: 1 * D,
        intent: "Low-pressure note about the product they looked at, what makes it worth it.",
        discountPercent: null,
        timeSensitive: false,
      },
    ],
  },
  post_purchase: {
    key: "post_purchase",
    name: "Post-purchase",
    description: "Thanks first-time buyers, helps them use what they bought, then suggests what comes next.",
    priority: 4,
    trigger: { kind: "first_order" },
    cooldownDays: 0,
    steps: [
      {
        key: "post_purchase.thank_you",
        type: "purchased_items",
        delayMinutes: 1 * D,
        expiresAfterMinutes: 3 * D,
        intent: "Thank-you and what to expect for the product bought.",
        discountPercent: null,
        timeSensitive: false,
      },
      {
        key: "post_purchase.tips",
        type: "purchased_items",
        delayMinutes: 6 * D,
        expiresAfterMinutes: 7 * D,
        intent: "Practical tips for getting the most out of the product bought.",
        discountPercent: null,
        timeSensitive: false,
      },
      {
        // Day 16 from the order: inside the 14-21 day window when most products are in use.
        key: "post_purchase.check_in",
        type: "check_in",
        delayMinutes: 9 * D,
        expiresAfterMinutes: 5 * D,
        intent:
          "About two weeks on: ask how it is going with the product bought and share one or two ways to use it well.",
        discountPercent: null,
        timeSensitive: false,
      },
      {
        key: "post_purchase.cross_sell",
        type: "cross_sell",
        delayMinutes: 14 * D,
        expiresAfterMinutes: 14 * D,
        intent: "Suggest the product other buyers of their purchase bought next.",
        discountPercent: null,
        timeSensitive: false,
      },
    ],
  },
  win_back: {
    key: "win_back",
    name: "Win-back",
    description: "Invites back customers who have not ordered for a while.",
    priority: 5,
    trigger: { kind: "lapsed", lapseDays: 90 },
    cooldownDays: 180,
    steps: [
      {
        key: "win_back.first_touch",
        type: "lapsed_customer",
        delayMinutes: 0,
        expiresAfterMinutes: 14 * D,
        intent: "We miss you: remind them of what they bought and what is new.",
        discountPercent: null,
        timeSensitive: false,
      },
      {
        key: "win_back.second_touch",
        type: "lapsed_customer",
        delayMinutes: 14 * D,
        expiresAfterMinutes: 14 * D,
        intent: "Second invitation two weeks later, with a modest discount if the shop allows.",
        discountPercent: 10,
        timeSensitive: false,
      },
    ],
  },
  anniversary: {
    key: "anniversary",
    name: "Anniversary",
    description: "Marks the yearly anniversary of a customer's first order, naming what they bought.",
    priority: 6,
    trigger: { kind: "first_order_anniversary" },
    cooldownDays: 300,
    steps: [
      {
        key: "anniversary.note",
        type: "first_order_note",
        delayMinutes: 0,
        expiresAfterMinutes: 3 * D,
        intent: "A warm note: a year since they bought their first product from the shop.",
        discountPercent: null,
        timeSensitive: false,
      },
    ],
  },
  welcome: {
    key: "welcome",
    name: "Welcome series",
    description:
      "Welcomes new subscribers who have not ordered yet with the shop's best sellers; ends at their first order.",
    // Lowest: a shopper with an abandoned checkout or cart hears about that first.
    priority: 7,
    trigger: { kind: "subscribed" },
    cooldownDays: 0,
    steps: [
      {
        key: "welcome.hello",
        type: "welcome",
        delayMinutes: 0,
        expiresAfterMinutes: 2 * D,
        intent:
          "Welcome a new subscriber: who the shop is and what it stands for, introducing one of its best sellers.",
        discountPercent: null,
        timeSensitive: false,
      },
      {
        key: "welcome.best_sellers",
        type: "welcome",
        delayMinutes: 2 * D,
        expiresAfterMinutes: 3 * D,
        intent: "Two days on: why customers keep choosing this best seller, with a concrete detail about it.",
        discountPercent: null,
        timeSensitive: false,
      },
      {
        key: "welcome.first_order",
        type: "welcome",
        delayMinutes: 3 * D,
        expiresAfterMinutes: 4 * D,
        intent:
          "Five days on: a friendly, low-pressure invitation to place a first order, featuring this best seller.",
        discountPercent: null,
        timeSensitive: false,
      },
    ],
  },
};

export const FLOW_KEYS = Object.keys(FLOW_CATALOG) as FlowKey[];

/** Flows enrolled by the daily scan rather than by an event; the shop's daily send limit ramps them. */
export const SCANNED_FLOWS: FlowKey[] = ["win_back", "anniversary"];

export function isFlowKey(value: string): value is FlowKey {
  return value in FLOW_CATALOG;
}

export function findStep(
  stepKey: string,
): { flow: FlowDefinition; step: StepDefinition; index: number } | null {
  for (const flow of Object.values(FLOW_CATALOG)) {
    const index = flow.steps.findIndex((s) => s.key === stepKey);
    if (index >= 0) return { flow, step: flow.steps[index], index };
  }
  return null;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
