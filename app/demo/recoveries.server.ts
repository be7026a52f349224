// Some demo shoppers act on their emails: they follow the email's tracked link (the real click
// route records the click) and then buy, the order arriving as a signed orders/create webhook,
// so attribution and the reports work from the same evidence as in a real shop. One abandonment
// email in three and one win-back in twelve convert, counted across the demo's life, so the
// story is the same every run.
import type { Db } from "../db/client.server";
import type { RunContext } from "../flows/actions";
import { now } from "../clock.server";
import { postSignedWebhook } from "./replay.server";
import { orderPayload, type ReplayLine } from "./webhook-payloads";

const CONVERTING_FLOWS = ["checkout_abandonment", "cart_abandonment", "browse_abandonment", "win_back"];
const COUNTER_KEY = "demo.recoveryCounter";
const every = (flowKey: string) => (flowKey === "win_back" ? 12 : 3);

export interface Recovery {
  email: string;
  flowKey: string;
  clickStatus: number;
  orderStatus: number;
}

/** The first tracked link (/c/TOKEN) of an email, as a path to resolve against the app's URL. */
export function trackedPath(html: string): string | null {
  const m = /\/c\/([A-Za-z0-9._~-]+)/.exec(html);
  return m ? `/c/${m[1]}` : null;
}

async function bumpCounter(db: Db, shop: string, by: number): Promise<number> {
  const row = await db.appState.findUnique({ where: { shop_key: { shop, key: COUNTER_KEY } } });
  const before = row ? Number(row.value) : 0;
  await db.appState.upsert({
    where: { shop_key: { shop, key: COUNTER_KEY } },
    create: { shop, key: COUNTER_KEY, value: String(before + by) },
    update: { value: String(before + by) },
  });
  return before;
}

async function linesFor(db: Db, shop: string, context: RunContext): Promise<ReplayLine[]> {
  if (context.items?.length)
    return context.items
      .filter((i) => i.productShopifyId && i.variantShopifyId)
      .map((i) => ({
        productId: i.productShopifyId!,
        variantId: i.variantShopifyId!,
        title: i.title,
        variantTitle: i.variantTitle ?? null,
        priceMinor: i.priceMinor,
        quantity: i.quantity,
      }));
  const ids = context.productShopifyIds ?? [];
  const products = await db.product.findMany({
    where: { shop, deletedAt: null, ...(ids.length ? { shopifyId: { in: ids } } : {}) },
    orderBy: { shopifyId: "asc" },
    take: 1,
    select: { shopifyId: true, title: true, variants: true },
  });
  return products.map((p) => {
    const v = (JSON.parse(p.variants) as { id: string; title: string; priceMinor: number }[])[0];
    return {
      productId: p.shopifyId,
      variantId: v.id,
      title: p.title,
      variantTitle: v.title === "Default Title" ? null : v.title,
      priceMinor: v.priceMinor,
      quantity: 1,
    };
  });
}

/** Emails sent since `since` whose shopper comes back through the link and buys. */
export async function recoverSome(db: Db, shop: string, appUrl: string, since: Date): Promise<Recovery[]> {
  const sent = await db.message.findMany({
    where: { shop, status: "sent", flowKey: { in: CONVERTING_FLOWS }, sentAt: { gt: since } },
    orderBy: [{ sentAt: "asc" }, { id: "asc" }],
    select: { id: true, runId: true, flowKey: true, customerShopifyId: true, email: true, html: true },
  });
  if (!sent.length) return [];
  const first = await bumpCounter(db, shop, sent.length);
  const currency =
    (await db.shop.findUnique({ where: { shop }, select: { currency: true } }))?.currency ?? "USD";
  const out: Recovery[] = [];
  for (const [k, m] of sent.entries()) {
    const seq = first + k;
    const path = m.html ? trackedPath(m.html) : null;
    if (seq % every(m.flowKey) !== 0 || !path || !m.customerShopifyId || !m.email) continue;
    const [run, customer] = await Promise.all([
      db.flowRun.findFirst({ where: { shop, id: m.runId }, select: { context: true } }),
      db.customer.findUnique({
        where: { shop_shopifyId: { shop, shopifyId: m.customerShopifyId } },
        select: { shopifyId: true, firstName: true, lastName: true, marketingState: true },
      }),
    ]);
    if (!run || !customer) continue;
    const context = JSON.parse(run.context) as RunContext;
    const lines = await linesFor(db, shop, context);
    if (!lines.length) continue;
    const click = await fetch(new URL(path, appUrl), { redirect: "manual" });
    await click.arrayBuffer();
    const orderId = String(5_300_000_000 + seq);
    const orderStatus = await postSignedWebhook(
      appUrl,
      shop,
      "orders/create",
      orderPayload({
        orderId,
        number: 20_000 + seq,
        customer: { ...customer, email: m.email },
        lines,
        at: now(),
        checkoutToken: context.checkoutToken ?? null,
        currency,
      }),
    );
    out.push({ email: m.email, flowKey: m.flowKey, clickStatus: click.status, orderStatus });
  }
  return out;
}
