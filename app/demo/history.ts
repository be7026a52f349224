// DEMO SEED DATA, not real activity: the demo shop "has been using Tend" for a while. From the seed
// anchor this generates, deterministically, the last weeks of checkout abandonment: shoppers who
// gave their email at checkout and left, each enrolled with the flows engine's holdout rule and
// percentage, the emails the treated ones were sent, their clicks, and the orders that followed in
// both groups. The effect is simulated, modest and random: every shopper has the same chance to
// come back on their own (P_ORGANIC); emailed shoppers get an extra chance to buy through an email
// (P_EMAIL). What the reports then show (attribution, lift and its interval) is computed by the
// real insights code from these rows, so the interval may well include zero. Pure.
import type { RunContext, RunItem } from "../flows/actions";
import { FLOW_CATALOG } from "../flows/catalog";
import { itemsKey, unique } from "../flows/enrollment-kit";
import { fnv1a, isHoldout } from "../flows/holdout";
import type { CustomerInput, OrderInput, ProductInput } from "../store/types";
import { DEMO_CURRENCY, FIRST_NAMES, LAST_NAMES, rng } from "./generate";
import { type PlannedSend, scheduleSends, type SendPolicy } from "./history-sends";

const DAY = 86_400_000;
const MINUTE = 60_000;
export const HISTORY_FLOW = "checkout_abandonment" as const;
/** Checkouts abandoned between these many days before the anchor: every outcome window has closed. */
export const HISTORY_FROM_DAYS = 80;
export const HISTORY_TO_DAYS = 12;
/** Enough enrollments that a 10% holdout holds well over the 100 the lift estimate needs. */
export const HISTORY_SHOPPERS = 1500;
/** Chance to come back and buy within the week without any email (both groups alike). */
export const P_ORGANIC = 0.08;
/** Extra chance for an emailed shopper to buy through one of the emails. */
export const P_EMAIL = 0.05;
/** Chance that an emailed shopper who does not buy still clicks a given email. */
const P_STRAY_CLICK = 0.04;
/** Chance that an emailed shopper who comes back on their own does so through the last email. */
const P_ORGANIC_VIA_EMAIL = 0.4;

export interface HistoryInput {
  anchor: Date;
  shop: string;
  holdoutPercent: number;
  products: ProductInput[];
  policy: SendPolicy;
  shoppers?: number;
  seed?: number;
}

export interface HistorySend extends PlannedSend {
  clickAt: Date | null;
}

export interface HistoryRun {
  customer: CustomerInput;
  enrollKey: string;
  startedAt: Date;
  holdout: boolean;
  context: RunContext;
  /** Emails actually sent (none for the holdout), each with its first click if any. */
  sends: HistorySend[];
  /** The order that completed the checkout, if the shopper came back. */
  order: OrderInput | null;
  /** Steps the engine had handled (sent, or skipped for the holdout) when the run ended. */
  currentStep: number;
  status: "completed" | "exited";
  exitReason: string | null;
  endedAt: Date;
}

export const historyCustomerId = (i: number) => String(7_200_000_001 + i);
const historyOrderId = (i: number) => String(5_400_000_001 + i);

/** Days to come back on one's own: mostly within two days, never past the outcome window. */
const organicDelayMs = (u: number) => Math.min(20 * MINUTE - Math.log(1 - u) * 1.5 * DAY, 7.5 * DAY);

function shopperItems(r: () => number, products: ProductInput[]): RunItem[] {
  const picks = [
    Math.floor(r() * products.length),
    ...(r() < 0.3 ? [Math.floor(r() * products.length)] : []),
  ];
  return [...new Set(picks)].map((p) => {
    const product = products[p];
    const variant = product.variants[Math.floor(r() * product.variants.length)];
    return {
      productShopifyId: product.shopifyId,
      variantShopifyId: variant.id,
      title: product.title,
      variantTitle: variant.title === "Default Title" ? null : variant.title,
      quantity: 1,
      priceMinor: variant.priceMinor,
    };
  });
}

function orderFor(i: number, customer: CustomerInput, token: string, items: RunItem[], at: Date): OrderInput {
  const subtotal = items.reduce((sum, l) => sum + l.priceMinor * l.quantity, 0);
  return {
    shopifyId: historyOrderId(i),
    name: `#H${1001 + i}`,
    customerShopifyId: customer.shopifyId,
    email: customer.email,
    checkoutToken: token,
    currency: DEMO_CURRENCY,
    subtotalMinor: subtotal,
    totalMinor: subtotal + (subtotal >= 10_000 ? 0 : 900),
    refundedMinor: 0,
    financialStatus: "paid",
    discountCodes: [],
    landingSite: "/",
    sourceName: "web",
    processedAt: at,
    cancelledAt: null,
    updatedAt: at,
    lines: items.map((l, k) => ({
      shopifyId: String(9_500_000_001 + i * 10 + k),
      productShopifyId: l.productShopifyId,
      variantShopifyId: l.variantShopifyId,
      title: l.title,
      variantTitle: l.variantTitle ?? null,
      sku: null,
      productType: null,
      quantity: l.quantity,
      priceMinor: l.priceMinor,
    })),
  };
}

/** When the shopper bought, if they did, and the email click (if any) they came back through. */
interface Outcome {
  orderAt: Date | null;
  via: { stepIndex: number; clickAt: Date } | null;
}

function outcomeOf(draws: number[], startedAt: Date, holdout: boolean, sends: PlannedSend[]): Outcome {
  const [u, delay, pickStep, viaLast, clickLag, buyLag] = draws;
  if (u < P_ORGANIC) {
    const orderAt = new Date(startedAt.getTime() + organicDelayMs(delay));
    const last = sends.filter((s) => s.at < orderAt).pop();
    if (holdout || !last || viaLast >= P_ORGANIC_VIA_EMAIL) return { orderAt, via: null };
    // Coming back anyway, through the latest email's link: attribution credits the email, the
    // holdout comparison does not. That gap is what the lift section is for.
    const clickAt = Math.max(last.at.getTime() + MINUTE, orderAt.getTime() - (2 + clickLag * 28) * MINUTE);
    if (clickAt >= orderAt.getTime()) return { orderAt, via: null };
    return { orderAt, via: { stepIndex: last.stepIndex, clickAt: new Date(clickAt) } };
  }
  if (holdout || u >= P_ORGANIC + P_EMAIL || sends.length === 0) return { orderAt: null, via: null };
  // Bought through an email: the first one most often, later ones less.
  const weights = sends.map((_, k) => [0.55, 0.3, 0.15][k] ?? 0.1);
  let x = pickStep * weights.reduce((a, b) => a + b, 0);
  let k = 0;
  while (k < sends.length - 1 && x >= weights[k]) x -= weights[k++];
  const clickAt = new Date(sends[k].at.getTime() + (5 + clickLag * 175) * MINUTE);
  return {
    orderAt: new Date(clickAt.getTime() + (3 + buyLag * 87) * MINUTE),
    via: { stepIndex: sends[k].stepIndex, clickAt },
  };
}

export function generateDemoHistory(input: HistoryInput): HistoryRun[] {
  const r = rng(input.seed ?? 20_260_815);
  const definition = FLOW_CATALOG[HISTORY_FLOW];
  const span = (HISTORY_FROM_DAYS - HISTORY_TO_DAYS) * DAY;
  const start = input.anchor.getTime() - HISTORY_FROM_DAYS * DAY;
  const runs: HistoryRun[] = [];
  let orderSeq = 0;
  for (let i = 0; i < (input.shoppers ?? HISTORY_SHOPPERS); i++) {
    const first = FIRST_NAMES[Math.floor(r() * FIRST_NAMES.length)];
    const last = LAST_NAMES[Math.floor(r() * LAST_NAMES.length)];
    const startedAt = new Date(start + Math.floor((r() * span) / MINUTE) * MINUTE);
    const items = shopperItems(r, input.products);
    const token = `demohist${i}x${fnv1a(`${input.anchor.toISOString()}|${i}`).toString(36)}`;
    // The same number of draws for every shopper, whatever the group: a shopper's chance to come
    // back does not depend on the holdout, which is what makes the comparison fair.
    const draws = Array.from({ length: 6 }, r);
    const strayClicks = Array.from({ length: definition.steps.length }, () => [r(), r()]);
    const customer: CustomerInput = {
      shopifyId: historyCustomerId(i),
      email: `${first}.${last}.h${i + 1}@example.com`.toLowerCase(),
      firstName: first,
      lastName: last,
      locale: "en",
      tags: "",
      countryCode: "US",
      timeZone: null,
      // They ticked "email me with news and offers" at checkout.
      consent: { state: "SUBSCRIBED", optInLevel: "SINGLE_OPT_IN", updatedAt: startedAt },
      updatedAt: startedAt,
    };
    const holdout = isHoldout(input.shop, HISTORY_FLOW, customer.shopifyId, input.holdoutPercent);
    const planned = scheduleSends(definition, startedAt, input.policy);
    const outcome = outcomeOf(draws, startedAt, holdout, holdout ? [] : planned);
    const handled = planned.filter((s) => !outcome.orderAt || s.at < outcome.orderAt);
    const sends: HistorySend[] = (holdout ? [] : handled).map((s, k) => {
      const [clicks, lag] = strayClicks[k];
      const stray = clicks < P_STRAY_CLICK ? new Date(s.at.getTime() + (10 + lag * 600) * MINUTE) : null;
      return { ...s, clickAt: stray && (!outcome.orderAt || stray < outcome.orderAt) ? stray : null };
    });
    const via = outcome.via && sends.find((s) => s.stepIndex === outcome.via?.stepIndex);
    if (via && outcome.via && (!via.clickAt || via.clickAt > outcome.via.clickAt))
      via.clickAt = outcome.via.clickAt;
    const order = outcome.orderAt ? orderFor(orderSeq++, customer, token, items, outcome.orderAt) : null;
    const finished = planned[planned.length - 1]?.at ?? startedAt;
    const key = itemsKey(items);
    runs.push({
      customer,
      enrollKey: `${HISTORY_FLOW}:${token}:${fnv1a(key).toString(36)}`,
      startedAt,
      holdout,
      context: {
        trigger: `checkout ${token}`,
        checkoutToken: token,
        itemsKey: key,
        items,
        recoveryUrl: null,
        currency: DEMO_CURRENCY,
        totalMinor: items.reduce((sum, l) => sum + l.priceMinor * l.quantity, 0),
        acceptsMarketing: true,
        productShopifyIds: unique(items.map((l) => l.productShopifyId)),
      },
      sends,
      order,
      currentStep: order ? handled.length : definition.steps.length,
      status: order ? "exited" : "completed",
      exitReason: order ? "checkout completed" : null,
      endedAt: order?.processedAt ?? finished,
    });
  }
  return runs;
}
