// Which message, if any, earned an order: pure rules, no I/O, time passed in.
// Rules (merchant-facing wording lives on the reports page):
// - a click on one of the customer's messages within the window before the order is a touch;
// - using a message's unique discount code is a touch at checkout time, so it beats any click
//   (the code proves which email the shopper had in hand when paying);
// - the last touch wins; cancelled or fully refunded orders earn nothing; refunds reduce revenue.

export interface OrderFacts {
  shopifyId: string;
  customerShopifyId: string | null;
  email: string | null;
  processedAt: Date;
  totalMinor: number;
  refundedMinor: number;
  currency: string;
  cancelledAt: Date | null;
  discountCodes: string[];
}

export interface SentMessage {
  id: string;
  flowKey: string;
  stepIndex: number;
  variant: number | null;
  customerShopifyId: string | null;
  email: string | null; // null once the customer is redacted
  discountCode: string | null;
  sentAt: Date;
}

export interface MessageClick {
  messageId: string;
  at: Date;
}

export interface AttributionDecision {
  messageId: string;
  flowKey: string;
  stepIndex: number;
  variant: number | null;
  via: "click" | "code";
  revenueMinor: number;
  currency: string;
  orderedAt: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function netRevenueMinor(order: Pick<OrderFacts, "totalMinor" | "refundedMinor">): number {
  return Math.max(0, order.totalMinor - order.refundedMinor);
}

/** Shopify treats discount codes case-insensitively; so do we. */
export function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}

function sameCustomer(order: OrderFacts, message: SentMessage): boolean {
  if (order.customerShopifyId && message.customerShopifyId === order.customerShopifyId) return true;
  if (order.email && message.email && order.email.toLowerCase() === message.email.toLowerCase()) return true;
  return false;
}

interface Touch {
  message: SentMessage;
  via: "click" | "code";
  at: number;
}

/** Later touch wins; on a tie, a code beats a click, then the later-sent message. */
function later(a: Touch, b: Touch): Touch {
  if (a.at !== b.at) return a.at > b.at ? a : b;
  if (a.via !== b.via) return a.via === "code" ? a : b;
  if (a.message.sentAt.getTime() !== b.message.sentAt.getTime()) {
    return a.message.sentAt > b.message.sentAt ? a : b;
  }
  return a.message.id > b.message.id ? a : b;
}

/**
 * Returns the message credited with the order, or null when nothing earned it (no touch, or the
 * order was cancelled or fully refunded). The window is inclusive at both ends: a click exactly
 * `windowDays` before the order counts, a click after the order never does.
 */
export function attributeOrder(
  order: OrderFacts,
  messages: SentMessage[],
  clicks: MessageClick[],
  windowDays: number,
): AttributionDecision | null {
  if (order.cancelledAt) return null;
  const revenueMinor = netRevenueMinor(order);
  if (revenueMinor <= 0) return null;

  const orderAt = order.processedAt.getTime();
  const windowStart = orderAt - windowDays * DAY_MS;
  const codes = new Set(order.discountCodes.map(normaliseCode));
  const byId = new Map(messages.map((m) => [m.id, m]));
  let best: Touch | null = null;

  for (const message of messages) {
    if (message.sentAt.getTime() > orderAt) continue;
    // A unique code identifies the email even when the customer record is gone (redacted).
    if (message.discountCode && codes.has(normaliseCode(message.discountCode))) {
      const touch: Touch = { message, via: "code", at: orderAt };
      best = best ? later(best, touch) : touch;
    }
  }
  for (const click of clicks) {
    const message = byId.get(click.messageId);
    if (!message || !sameCustomer(order, message)) continue;
    const at = click.at.getTime();
    if (at < windowStart || at > orderAt) continue;
    const touch: Touch = { message, via: "click", at };
    best = best ? later(best, touch) : touch;
  }
  if (!best) return null;
  return {
    messageId: best.message.id,
    flowKey: best.message.flowKey,
    stepIndex: best.message.stepIndex,
    variant: best.message.variant,
    via: best.via,
    revenueMinor,
    currency: order.currency,
    orderedAt: order.processedAt,
  };
}
