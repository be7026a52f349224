// Who a pixel event is about. The storefront token is public, so anything the pixel claims (a
// customer id from `init`) is a hint, never proof. A browser (Shopify's clientId) is tied to a
// customer only by a signed Shopify fact: a checkouts/* or orders/* webhook carrying the checkout
// token this browser reported. A claimed id that contradicts the tie makes the event anonymous
// (a shared computer or a forgery); no claim at all is fine (the shopper is simply logged out).
import type { Db } from "../db/client.server";

export interface IdentityClaim {
  clientId: string | null;
  checkoutToken: string | null;
  claimedCustomerId: string | null;
}

/** The customer a signed checkout or order with this token names, if any. */
async function signedOwner(db: Db, shop: string, token: string): Promise<string | null> {
  const checkout = await db.checkout.findUnique({
    where: { shop_token: { shop, token } },
    select: { customerShopifyId: true },
  });
  if (checkout?.customerShopifyId) return checkout.customerShopifyId;
  const order = await db.order.findFirst({
    where: { shop, checkoutToken: token, customerShopifyId: { not: null } },
    select: { customerShopifyId: true },
  });
  return order?.customerShopifyId ?? null;
}

async function notRedacted(db: Db, shop: string, id: string | null): Promise<string | null> {
  if (!id) return null;
  const customer = await db.customer.findUnique({
    where: { shop_shopifyId: { shop, shopifyId: id } },
    select: { redactedAt: true },
  });
  return customer && !customer.redactedAt ? id : null;
}

/** Resolves (and records) the browser's tie; returns the customer the event may be attributed to. */
export async function identify(
  db: Db,
  shop: string,
  claim: IdentityClaim,
  now: Date,
): Promise<string | null> {
  const { clientId, checkoutToken } = claim;
  const client = clientId
    ? await db.pixelClient.findUnique({
        where: { shop_clientId: { shop, clientId } },
        select: { customerShopifyId: true, checkoutToken: true },
      })
    : null;
  let owner = client?.customerShopifyId ?? null;
  // A checkout token reported now, or one reported earlier whose webhook has arrived since.
  const token = checkoutToken ?? (owner ? null : (client?.checkoutToken ?? null));
  if (token) {
    const signed = await signedOwner(db, shop, token);
    if (signed) owner = signed;
    if (clientId && (signed !== client?.customerShopifyId || token !== client?.checkoutToken)) {
      const tie = { checkoutToken: token, ...(signed ? { customerShopifyId: signed, boundAt: now } : {}) };
      await db.pixelClient.upsert({
        where: { shop_clientId: { shop, clientId } },
        create: { shop, clientId, ...tie },
        update: tie,
      });
    }
  }
  if (!owner) return null;
  if (claim.claimedCustomerId && claim.claimedCustomerId !== owner) return null;
  return notRedacted(db, shop, owner);
}
