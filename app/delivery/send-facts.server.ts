// Everything one send needs from the store, loaded in parallel and always filtered by shop.
import type { Db } from "../db/client.server";
import type { StepSendRequest } from "../domain/delivery";
import { type ContextItem, readItems, readRunContext, type RunContext } from "./content";

/** Flows whose purpose ends the moment the customer buys. */
const ENDS_ON_ORDER = new Set(["checkout_abandonment", "cart_abandonment", "browse_abandonment", "win_back"]);

export interface SendFacts {
  context: RunContext;
  customer: {
    firstName: string | null;
    marketingState: string;
    redactedAt: Date | null;
    shopifyId: string;
  } | null;
  suppression: string | null;
  checkoutCompleted: boolean;
  orderedSinceTrigger: boolean;
  items: ContextItem[];
  recoveryUrl: string | null;
  currency: string;
  settings: {
    senderName: string | null;
    replyTo: string | null;
    postalAddress: string | null;
    logoUrl: string | null;
    brandColor: string;
    maxDiscountPercent: number;
  };
  shopName: string;
  products: Map<
    string,
    { title: string; handle: string | null; imageUrl: string | null; minPriceMinor: number }
  >;
  dueAt: Date;
}

interface ShopFacts {
  settings: {
    senderName: string | null;
    replyTo: string | null;
    postalAddress: string | null;
    logoUrl: string | null;
    brandColor: string;
    maxDiscountPercent: number;
  } | null;
  shopRow: { name: string | null; currency: string | null } | null;
}

/**
 * Shop-level facts (sender, postal address, brand, discount cap) are the same for every message of
 * a shop: a sender keeps them for a few seconds instead of reading two rows per message. A settings
 * change reaches sends within `ttlMs`. Consent, suppression and the checkout are always read fresh.
 */
export function createShopFactsCache(ttlMs = 5_000) {
  const entries = new Map<string, { at: number; facts: Promise<ShopFacts> }>();
  return (db: Db, shop: string): Promise<ShopFacts> => {
    const hit = entries.get(shop);
    const t = Date.now();
    if (hit && t - hit.at < ttlMs) return hit.facts;
    const facts = Promise.all([
      db.shopSettings.findUnique({
        where: { shop },
        select: {
          senderName: true,
          replyTo: true,
          postalAddress: true,
          logoUrl: true,
          brandColor: true,
          maxDiscountPercent: true,
        },
      }),
      db.shop.findUnique({ where: { shop }, select: { name: true, currency: true } }),
    ]).then(([settings, shopRow]) => ({ settings, shopRow }));
    // A failed read is not kept: the next message asks again.
    facts.catch(() => entries.delete(shop));
    if (entries.size > 1_000) entries.clear();
    entries.set(shop, { at: t, facts });
    return facts;
  };
}

const uncached = createShopFactsCache(0);

export async function loadSendFacts(
  db: Db,
  req: StepSendRequest,
  shopFacts: (db: Db, shop: string) => Promise<ShopFacts> = uncached,
): Promise<SendFacts> {
  const { shop } = req;
  const emailLower = req.email.trim().toLowerCase();
  const context = readRunContext(req.context);
  const token = context.checkoutToken ?? null;

  const [customer, suppression, checkout, checkoutOrder, run, { settings, shopRow }, dueStep] =
    await Promise.all([
      req.customerShopifyId
        ? db.customer.findUnique({
            where: { shop_shopifyId: { shop, shopifyId: req.customerShopifyId } },
            select: { firstName: true, marketingState: true, redactedAt: true, shopifyId: true },
          })
        : db.customer.findFirst({
            where: { shop, emailLower },
            orderBy: { updatedAt: "desc" },
            select: { firstName: true, marketingState: true, redactedAt: true, shopifyId: true },
          }),
      db.suppression.findUnique({
        where: { shop_emailLower: { shop, emailLower } },
        select: { reason: true },
      }),
      token
        ? db.checkout.findUnique({
            where: { shop_token: { shop, token } },
            select: { completedAt: true, lines: true, abandonedCheckoutUrl: true, currency: true },
          })
        : null,
      token ? db.order.findFirst({ where: { shop, checkoutToken: token }, select: { id: true } }) : null,
      ENDS_ON_ORDER.has(req.flowKey)
        ? db.flowRun.findFirst({ where: { shop, id: req.runId }, select: { startedAt: true } })
        : null,
      shopFacts(db, shop),
      db.dueStep.findFirst({
        where: { shop, runId: req.runId, stepIndex: req.stepIndex },
        select: { dueAt: true },
      }),
    ]);

  let orderedSinceTrigger = false;
  if (run) {
    const who = [
      ...(req.customerShopifyId ? [{ customerShopifyId: req.customerShopifyId }] : []),
      { email: req.email },
      { email: emailLower },
    ];
    const order = await db.order.findFirst({
      where: { shop, processedAt: { gte: run.startedAt }, cancelledAt: null, OR: who },
      select: { id: true },
    });
    orderedSinceTrigger = Boolean(order);
  }

  const contextItems = readItems(context.items);
  const items = contextItems.length ? contextItems : readItems(safeJson(checkout?.lines));
  const productIds = new Set<string>(req.productShopifyIds);
  for (const item of items) if (item.productId) productIds.add(item.productId);
  const productRows = productIds.size
    ? await db.product.findMany({
        where: { shop, shopifyId: { in: [...productIds] }, deletedAt: null },
        select: { shopifyId: true, title: true, handle: true, imageUrl: true, minPriceMinor: true },
      })
    : [];

  return {
    context,
    customer,
    suppression: suppression?.reason ?? null,
    checkoutCompleted: Boolean(checkout?.completedAt) || Boolean(checkoutOrder),
    orderedSinceTrigger,
    items,
    recoveryUrl: context.recoveryUrl ?? checkout?.abandonedCheckoutUrl ?? null,
    currency: context.currency ?? checkout?.currency ?? shopRow?.currency ?? "USD",
    settings: {
      senderName: settings?.senderName ?? null,
      replyTo: settings?.replyTo ?? null,
      postalAddress: settings?.postalAddress ?? null,
      logoUrl: settings?.logoUrl ?? null,
      brandColor: settings?.brandColor ?? "#1f5132",
      maxDiscountPercent: settings?.maxDiscountPercent ?? 15,
    },
    shopName: shopRow?.name || settings?.senderName || shop.replace(/\.myshopify\.com$/, ""),
    products: new Map(productRows.map((p) => [p.shopifyId, p])),
    dueAt: dueStep?.dueAt ?? req.now,
  };
}

function safeJson(text: string | null | undefined): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
