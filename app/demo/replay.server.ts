// Signed webhook replay: the demo posts what Shopify would send (checkouts/create, orders/create,
// bulk_operations/finish) over HTTP to the running server's real /webhooks routes, signed with the
// app secret exactly like Shopify (HMAC-SHA256 of the raw body, base64), so the demo exercises the
// real intake path: verification, idempotency, processing, flows.
import { createHmac, randomUUID } from "node:crypto";
import { now } from "../clock.server";
import type { Db } from "../db.server";
import { env } from "../env.server";
import { isHoldout } from "../flows/holdout";
import { loadShopPolicy } from "../flows/versions.server";
import { pixelToken } from "../pixel/token";
import { pixelSigningSecret } from "../pixel/wiring.server";
import { ADMIN_API_VERSION } from "../shopify/schema.server";
import { replayNewSubscribers } from "./subscribers.server";
import { checkoutPayload, orderPayload, type ReplayCustomer, type ReplayLine } from "./webhook-payloads";

export function webhookPath(topic: string): string {
  if (["customers/data_request", "customers/redact", "shop/redact"].includes(topic))
    return "/webhooks/compliance";
  const resource = topic.split("/")[0];
  if (resource === "customers_email_marketing_consent") return "/webhooks/customers";
  if (resource === "bulk_operations") return "/webhooks/bulk";
  return `/webhooks/${resource}`;
}

export function signBody(raw: string, secret: string): string {
  return createHmac("sha256", secret).update(raw, "utf8").digest("base64");
}

export async function postSignedWebhook(
  appUrl: string,
  shop: string,
  topic: string,
  body: object,
): Promise<number> {
  const raw = JSON.stringify(body);
  const response = await fetch(new URL(webhookPath(topic), appUrl), {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-Hmac-Sha256": signBody(raw, env().SHOPIFY_API_SECRET ?? ""),
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": now().toISOString(),
      "X-Shopify-API-Version": ADMIN_API_VERSION,
    },
    body: raw,
  });
  await response.arrayBuffer();
  return response.status;
}

export interface ReplayedEvent {
  topic: string;
  status: number;
  email: string;
  detail: string;
}

const ROUND_KEY = "demo.replayRound";

async function nextRound(db: Db, shop: string): Promise<number> {
  const row = await db.appState.findUnique({ where: { shop_key: { shop, key: ROUND_KEY } } });
  const round = row ? Number(row.value) + 1 : 1;
  await db.appState.upsert({
    where: { shop_key: { shop, key: ROUND_KEY } },
    create: { shop, key: ROUND_KEY, value: String(round) },
    update: { value: String(round) },
  });
  return round;
}

async function productLines(db: Db, shop: string, offset: number, count: number): Promise<ReplayLine[]> {
  const products = await db.product.findMany({
    where: { shop, deletedAt: null },
    orderBy: { shopifyId: "asc" },
  });
  const lines: ReplayLine[] = [];
  for (let k = 0; k < count && products.length; k++) {
    const p = products[(offset + k * 7) % products.length];
    const v = (JSON.parse(p.variants) as { id: string; title: string; priceMinor: number }[])[0];
    lines.push({
      productId: p.shopifyId,
      variantId: v.id,
      title: p.title,
      variantTitle: v.title === "Default Title" ? null : v.title,
      priceMinor: v.priceMinor,
      quantity: 1,
    });
  }
  return lines;
}

/**
 * One round of storefront activity: shoppers who abandon checkouts, one who abandons and then
 * buys (the flow must exit), browsing shoppers (pixel events), and first-time buyers
 * (post-purchase). Each round uses new shoppers.
 */
export async function replayDemoActivity(
  db: Db,
  shop: string,
  appUrl: string,
  abandonCount = 3,
): Promise<ReplayedEvent[]> {
  const round = await nextRound(db, shop);
  const at = now();
  const currency =
    (await db.shop.findUnique({ where: { shop }, select: { currency: true } }))?.currency ?? "USD";
  const subscribed = await db.customer.findMany({
    where: { shop, marketingState: "SUBSCRIBED", email: { not: null }, redactedAt: null },
    orderBy: { shopifyId: "asc" },
    select: {
      shopifyId: true,
      email: true,
      firstName: true,
      lastName: true,
      marketingState: true,
      ordersCount: true,
    },
  });
  // The story's shoppers: none already in a flow, none in the flow's holdout group (they would
  // get nothing, by design), each in one role only, so every flow has someone to write to.
  const busy = new Set(
    (
      await db.flowRun.findMany({
        where: { shop, status: "active", customerShopifyId: { not: null } },
        select: { customerShopifyId: true },
      })
    ).map((r) => r.customerShopifyId),
  );
  const { holdoutPercent } = await loadShopPolicy(db, shop);
  const free = subscribed.filter((c) => !busy.has(c.shopifyId));
  const repeaters = free.filter((c) => c.ordersCount > 0);
  const newcomers = free.filter((c) => c.ordersCount === 0);
  const used = new Set<string>();
  const pickFrom = (list: typeof subscribed, flowKey: string, k: number) => {
    for (let i = 0; i < list.length; i++) {
      const c = list[(round * 13 + k * 29 + i) % list.length];
      if (used.has(c.shopifyId) || isHoldout(shop, flowKey, c.shopifyId, holdoutPercent)) continue;
      used.add(c.shopifyId);
      return c;
    }
    return null;
  };
  const events: ReplayedEvent[] = [];
  const send = async (topic: string, body: object, email: string, detail: string) => {
    events.push({ topic, status: await postSignedWebhook(appUrl, shop, topic, body), email, detail });
  };
  const asCustomer = (c: (typeof subscribed)[number]): ReplayCustomer => ({ ...c, email: c.email ?? "" });

  for (let k = 0; k < abandonCount + 1; k++) {
    const shopper = pickFrom(repeaters, "checkout_abandonment", k);
    if (!shopper) break;
    const customer = asCustomer(shopper);
    const lines = await productLines(db, shop, round * 5 + k * 3, 1 + (k % 2));
    const token = `demo${round}x${k}${randomUUID().replace(/-/g, "").slice(0, 20)}`;
    await send(
      "checkouts/create",
      checkoutPayload({ token, customer, lines, at, recoveryBaseUrl: appUrl, currency }),
      customer.email,
      `abandoned ${lines.map((l) => l.title).join(", ")}`,
    );
    if (k === abandonCount) {
      // This shopper comes back and buys: the order joins the checkout on its token.
      const orderId = String(5_200_000_000 + round * 10 + k);
      await send(
        "orders/create",
        orderPayload({
          orderId,
          number: 9000 + round * 10 + k,
          customer,
          lines,
          at: new Date(at.getTime() + 60_000),
          checkoutToken: token,
          currency,
        }),
        customer.email,
        "completed the checkout",
      );
    }
  }
  // Browsing shoppers, through the Web Pixel collector exactly as the storefront pixel would post.
  const token = pixelToken(shop, pixelSigningSecret());
  // One shopper looks at a product twice (browse abandonment needs a second look), one adds to cart.
  const browsing: Array<[string, "product_viewed" | "product_added_to_cart", number[]]> = [
    ["browse_abandonment", "product_viewed", [20, 0]],
    ["cart_abandonment", "product_added_to_cart", [0]],
  ];
  for (const [k, [flowKey, name, minutesAgo]] of browsing.entries()) {
    const shopper = pickFrom(repeaters, flowKey, k + 7);
    if (!shopper) continue;
    const customer = asCustomer(shopper);
    const [line] = await productLines(db, shop, round * 11 + k * 5, 1);
    // Tend ties a browser to a customer only through a signed checkout: this browser is the one
    // the shopper last checked out with, and it reports that checkout's token.
    const last = await db.order.findFirst({
      where: { shop, customerShopifyId: customer.shopifyId, checkoutToken: { not: null } },
      orderBy: { processedAt: "desc" },
      select: { checkoutToken: true },
    });
    for (const ago of minutesAgo) {
      const event = {
        id: randomUUID(),
        name,
        timestamp: new Date(at.getTime() - ago * 60_000).toISOString(),
        customerId: `gid://shopify/Customer/${customer.shopifyId}`,
        productId: line?.productId ?? null,
        variantId: line?.variantId ?? null,
        checkoutToken: last?.checkoutToken ?? null,
        clientId: `demo-browser-${customer.shopifyId}`,
      };
      const response = await fetch(new URL("/api/pixel", appUrl), {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: new URL(appUrl).origin },
        body: JSON.stringify({ shop, token, event }),
      });
      await response.arrayBuffer();
      events.push({
        topic: `pixel ${name}`,
        status: response.status === 202 ? 200 : response.status,
        email: customer.email,
        detail: line?.title ?? "",
      });
    }
  }
  for (let k = 0; k < 2; k++) {
    const shopper = pickFrom(newcomers, "post_purchase", k);
    if (!shopper) break;
    const customer = asCustomer(shopper);
    const lines = await productLines(db, shop, round * 3 + k, 1);
    const orderId = String(5_200_000_500 + round * 10 + k);
    await send(
      "orders/create",
      orderPayload({
        orderId,
        number: 9500 + round * 10 + k,
        customer,
        lines,
        at,
        checkoutToken: null,
        currency,
      }),
      customer.email,
      `first order: ${lines[0]?.title}`,
    );
  }
  // Newsletter sign-ups who have not bought: the welcome series' audience.
  events.push(...(await replayNewSubscribers(db, shop, appUrl, round)));
  return events;
}
