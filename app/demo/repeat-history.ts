// DEMO SEED DATA, not real activity: the demo shop's first-time buyers of the past months, each
// enrolled in the post-purchase flow at their first order with the engine's holdout rule, the
// post-purchase emails the treated ones were sent (recorded with the segment they were in: "new"
// until their second order), and the repeat orders that followed in both groups. The effect is
// simulated and modest: every buyer has the same chance to come back on their own (P_REORDER);
// emailed buyers get an extra chance through the cross-sell email (P_EMAIL_REORDER). The repeat
// purchase rate and its intervals are computed from these rows by the real report code. Pure.
import type { RunContext } from "../flows/actions";
import { FLOW_CATALOG } from "../flows/catalog";
import { isHoldout } from "../flows/holdout";
import type { CustomerInput, OrderInput, ProductInput } from "../store/types";
import { DEMO_CURRENCY, FIRST_NAMES, LAST_NAMES, rng } from "./generate";
import { type PlannedSend, type SendPolicy, scheduleSends } from "./history-sends";

const DAY = 86_400_000;
const MINUTE = 60_000;
export const REPEAT_FLOW = "post_purchase" as const;
/** First orders between these many days before the anchor: every post-purchase email has gone out. */
export const REPEAT_FROM_DAYS = 200;
export const REPEAT_TO_DAYS = 45;
export const REPEAT_BUYERS = 800;
/** Chance to order again within ~4 months without any email (both groups alike). */
export const P_REORDER = 0.22;
/** Extra chance for an emailed buyer to order again through the cross-sell email. */
export const P_EMAIL_REORDER = 0.07;
const P_STRAY_CLICK = 0.05;

export interface RepeatSend extends PlannedSend {
  segment: "new" | "returning";
  clickAt: Date | null;
}

export interface RepeatBuyer {
  customer: CustomerInput;
  enrollKey: string;
  startedAt: Date;
  holdout: boolean;
  context: RunContext;
  firstOrder: OrderInput;
  reorder: OrderInput | null;
  sends: RepeatSend[];
  endedAt: Date;
}

export interface RepeatHistoryInput {
  anchor: Date;
  shop: string;
  holdoutPercent: number;
  products: ProductInput[];
  policy: SendPolicy;
  buyers?: number;
  seed?: number;
}

export const repeatCustomerId = (i: number) => String(7_300_000_001 + i);

function order(id: number, customer: CustomerInput, product: ProductInput, at: Date): OrderInput {
  const variant = product.variants[id % product.variants.length];
  const total = variant.priceMinor + (variant.priceMinor >= 10_000 ? 0 : 900);
  return {
    shopifyId: String(5_500_000_001 + id),
    name: `#R${1001 + id}`,
    customerShopifyId: customer.shopifyId,
    email: customer.email,
    checkoutToken: null,
    currency: DEMO_CURRENCY,
    subtotalMinor: variant.priceMinor,
    totalMinor: total,
    refundedMinor: 0,
    financialStatus: "paid",
    discountCodes: [],
    landingSite: "/",
    sourceName: "web",
    processedAt: at,
    cancelledAt: null,
    updatedAt: at,
    lines: [
      {
        shopifyId: String(9_600_000_001 + id),
        productShopifyId: product.shopifyId,
        variantShopifyId: variant.id,
        title: product.title,
        variantTitle: variant.title === "Default Title" ? null : variant.title,
        sku: null,
        productType: null,
        quantity: 1,
        priceMinor: variant.priceMinor,
      },
    ],
  };
}

/** When the buyer ordered again (if they did) and the email click they came back through. */
function reorderOf(
  draws: number[],
  startedAt: Date,
  holdout: boolean,
  sends: PlannedSend[],
): { at: Date; clickAt: Date | null } | null {
  const [u, delay, lag] = draws;
  if (u < P_REORDER) {
    // On their own: spread over about four months, some past the 90-day window.
    return { at: new Date(startedAt.getTime() + (3 + delay * 115) * DAY), clickAt: null };
  }
  const crossSell = sends[sends.length - 1];
  if (holdout || !crossSell || u >= P_REORDER + P_EMAIL_REORDER) return null;
  const clickAt = new Date(crossSell.at.getTime() + (10 + lag * 600) * MINUTE);
  return { at: new Date(clickAt.getTime() + (5 + lag * 60) * MINUTE), clickAt };
}

export function generateRepeatHistory(input: RepeatHistoryInput): RepeatBuyer[] {
  const r = rng(input.seed ?? 20_261_204);
  const definition = FLOW_CATALOG[REPEAT_FLOW];
  const span = (REPEAT_FROM_DAYS - REPEAT_TO_DAYS) * DAY;
  const start = input.anchor.getTime() - REPEAT_FROM_DAYS * DAY;
  const buyers: RepeatBuyer[] = [];
  for (let i = 0; i < (input.buyers ?? REPEAT_BUYERS); i++) {
    const first = FIRST_NAMES[Math.floor(r() * FIRST_NAMES.length)];
    const last = LAST_NAMES[Math.floor(r() * LAST_NAMES.length)];
    const startedAt = new Date(start + Math.floor((r() * span) / MINUTE) * MINUTE);
    const product = input.products[Math.floor(r() * input.products.length)];
    const next = input.products[Math.floor(r() * input.products.length)];
    // The same draws for every buyer whatever the group, so coming back does not depend on it.
    const draws = [r(), r(), r()];
    const stray = definition.steps.map(() => [r(), r()]);
    const customer: CustomerInput = {
      shopifyId: repeatCustomerId(i),
      email: `${first}.${last}.r${i + 1}@example.com`.toLowerCase(),
      firstName: first,
      lastName: last,
      locale: "en",
      tags: "",
      countryCode: "US",
      timeZone: null,
      consent: { state: "SUBSCRIBED", optInLevel: "SINGLE_OPT_IN", updatedAt: startedAt },
      updatedAt: startedAt,
    };
    const holdout = isHoldout(input.shop, REPEAT_FLOW, customer.shopifyId, input.holdoutPercent);
    const planned = holdout ? [] : scheduleSends(definition, startedAt, input.policy);
    const firstOrder = order(2 * i, customer, product, startedAt);
    const again = reorderOf(draws, startedAt, holdout, planned);
    const reorder = again ? order(2 * i + 1, customer, next, again.at) : null;
    const sends: RepeatSend[] = planned.map((s, k) => {
      const [u, lag] = stray[k];
      const strayAt = u < P_STRAY_CLICK ? new Date(s.at.getTime() + (10 + lag * 600) * MINUTE) : null;
      const viaThis = again?.clickAt && k === planned.length - 1 ? again.clickAt : null;
      return {
        ...s,
        segment: again && again.at < s.at ? "returning" : "new",
        clickAt: viaThis ?? strayAt,
      };
    });
    buyers.push({
      customer,
      enrollKey: `${REPEAT_FLOW}:${firstOrder.shopifyId}`,
      startedAt,
      holdout,
      context: {
        trigger: `first order ${firstOrder.name}`,
        orderShopifyId: firstOrder.shopifyId,
        orderName: firstOrder.name,
        productShopifyIds: [product.shopifyId],
      },
      firstOrder,
      reorder,
      sends,
      endedAt: new Date(startedAt.getTime() + 31 * DAY),
    });
  }
  return buyers;
}
