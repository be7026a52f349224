// Checkouts of one shop, keyed by token (checkout payloads carry no id since API 2026-04).
import type { Tx } from "./customers.server";
import { createOrConflict, expectOne } from "./conflict";
import { checkoutCompletion, isNewer } from "./merge";
import type { CheckoutInput } from "./types";

export interface CheckoutChange {
  token: string;
  created: boolean;
}

export async function applyCheckouts(
  db: Tx,
  shop: string,
  inputs: CheckoutInput[],
  options: { strict?: boolean } = {},
): Promise<CheckoutChange[]> {
  const changes: CheckoutChange[] = [];
  for (const c of inputs) {
    const stored = await db.checkout.findUnique({
      where: { shop_token: { shop, token: c.token } },
      select: { id: true, sourceUpdatedAt: true, convertedOrderId: true },
    });
    if (stored && !isNewer(c.updatedAt, stored.sourceUpdatedAt, options.strict)) continue;
    // The order may have arrived first: it still counts as the conversion.
    const order = await db.order.findFirst({
      where: { shop, checkoutToken: c.token },
      orderBy: { processedAt: "asc" },
      select: { shopifyId: true, processedAt: true },
    });
    const completion = checkoutCompletion(c.completedAt, order, stored?.convertedOrderId ?? null);
    const data = {
      cartToken: c.cartToken,
      customerShopifyId: c.customerShopifyId,
      email: c.email,
      emailLower: c.email?.toLowerCase() ?? null,
      abandonedCheckoutUrl: c.abandonedCheckoutUrl,
      buyerAcceptsMarketing: c.buyerAcceptsMarketing,
      currency: c.currency,
      totalMinor: c.totalMinor,
      lines: JSON.stringify(c.lines),
      completedAt: completion.completedAt,
      convertedOrderId: completion.convertedOrderId,
      sourceCreatedAt: c.createdAt,
      sourceUpdatedAt: c.updatedAt,
    };
    if (stored) {
      const updated = await db.checkout.updateMany({
        where: { id: stored.id, sourceUpdatedAt: stored.sourceUpdatedAt },
        data,
      });
      expectOne("checkout", updated);
    } else {
      await createOrConflict("checkout", () =>
        db.checkout.create({ data: { shop, token: c.token, ...data } }),
      );
    }
    changes.push({ token: c.token, created: !stored });
  }
  return changes;
}
