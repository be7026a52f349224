// Every flow's approved copy gets its merge values on every way a run starts, and the email is
// actually sent: checkout abandonment and post-purchase from signed webhooks, cart and browse
// abandonment from the real pixel bundle, win-back and anniversary from the daily scan over orders
// that arrived by webhook. No email may go out with a placeholder left in it.
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowKey } from "../../../app/flows/catalog";
import { runDailyScan } from "../../../app/flows/scan.server";
import { pixelSigningSecret } from "../../../app/pixel/wiring.server";
import { action as pixelRoute } from "../../../app/routes/api.pixel";
import { pixelSettings } from "../../../app/shopify/pixel";
import { detectDialect } from "../../../app/scheduler/claim.server";
import {
  checkoutPayload,
  clock,
  customerPayload,
  HOURS,
  type LineItem,
  MINUTES,
  mailsTo,
  nextId,
  orderPayload,
  type Pipeline,
  type Shopper,
  setUpShop,
  startPipeline,
  webhook,
} from "../../support/journey";
import {
  checkoutStarted,
  pixelInit,
  productAddedToCart,
  productViewed,
  storefrontBrowser,
} from "../../support/pixel-events";
import { runPixelBundle } from "../../support/pixel-sandbox";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";

const DAY = 24 * HOURS;
let smtp: TestSmtpServer;
let pipeline: Pipeline;

beforeAll(async () => {
  smtp = await startSmtpServer({ parse: true });
  pipeline = startPipeline(smtp);
});

afterAll(async () => {
  await pipeline.close();
  await smtp.close();
});

function catalog() {
  const tent = { id: nextId(), variantId: nextId(), title: "Ridgeline 2P Tent", price: "249.00" };
  const lamp = { id: nextId(), variantId: nextId(), title: "Canyon Lantern", price: "39.00" };
  const line = (p: typeof tent, quantity: number): LineItem => ({
    productId: p.id,
    variantId: p.variantId,
    title: p.title,
    variantTitle: null,
    quantity,
    price: p.price,
  });
  return { tent, lamp, products: [tent, lamp], line };
}

async function shopFor(flows: FlowKey[]) {
  const c = catalog();
  const s = await setUpShop({ flows, products: c.products });
  const shopper: Shopper = { customerId: nextId(), email: `ruth.${nextId()}@example.com`, firstName: "Ruth" };
  await webhook({
    topic: "customers/update",
    shop: s.shop,
    body: customerPayload(shopper, { state: "subscribed", at: clock.now() }, clock.now()),
  });
  return { ...s, ...c, shopper };
}

/** Ticks the real scheduler and delivery until `email` has `count` mails (or gives up). */
async function mailed(email: string, count = 1, stepMs = 30 * MINUTES, maxSteps = 80) {
  for (let i = 0; i < maxSteps && mailsTo(smtp, email).length < count; i++) {
    clock.advance(stepMs);
    await pipeline.tick();
  }
  const mail = mailsTo(smtp, email)[count - 1];
  expect(mail, `mail ${count} to ${email}`).toBeDefined();
  const text = mail.parsed?.text ?? "";
  expect(text).not.toMatch(/\{\{|\}\}/);
  return text;
}

/** Where the email's tracked links lead (the destination inside each signed click token). */
function destinations(text: string): string[] {
  return [...text.matchAll(/https:\/\/tend\.test\/c\/([A-Za-z0-9._~-]+)/g)].map(
    (m) => JSON.parse(Buffer.from(m[1].split(".")[1], "base64url").toString()).u as string,
  );
}

const pixelFetch = (url: string, init: RequestInit) =>
  pixelRoute({
    request: new Request(url, init),
    params: {},
    context: { remoteAddress: "198.51.100.30" },
  } as ActionFunctionArgs);

const storefront = (p: { id: string; variantId: string; title: string; price: string }) => ({
  productId: `gid://shopify/Product/${p.id}`,
  variantId: `gid://shopify/ProductVariant/${p.variantId}`,
  title: p.title,
  price: Number(p.price),
});

/** Her browser reports a checkout that the signed webhooks then tie to her (and she buys). */
async function tiedBrowser(shop: string, shopper: Shopper, line: LineItem) {
  const browser = storefrontBrowser(shop, `cl-${nextId()}`);
  // Exactly what activation (webPixelCreate) writes into the pixel's settings.
  const settings = { ...pixelSettings(shop, "https://tend.test", pixelSigningSecret()) };
  const token = `ck${nextId()}`;
  const product = { id: line.productId, variantId: line.variantId, title: line.title, price: line.price };
  await runPixelBundle({
    settings,
    init: pixelInit(browser, null),
    events: [checkoutStarted(browser, clock.now(), token, [{ product: storefront(product), quantity: 1 }])],
    fetch: pixelFetch,
  });
  const at = clock.now();
  await webhook({
    topic: "checkouts/create",
    shop,
    body: checkoutPayload(shop, { token, shopper, lines: [line], createdAt: at, updatedAt: at }),
  });
  await webhook({
    topic: "orders/create",
    shop,
    body: orderPayload({
      orderId: nextId(),
      name: "#1001",
      checkoutToken: token,
      shopper,
      lines: [line],
      processedAt: at,
    }),
  });
  clock.advance(2 * DAY);
  return {
    run: (events: ReturnType<typeof productViewed>[]) =>
      runPixelBundle({
        settings,
        init: pixelInit(browser, `gid://shopify/Customer/${shopper.customerId}`),
        events,
        fetch: pixelFetch,
      }),
    browser,
  };
}

describe("merge fields on every entry path", () => {
  it("checkout abandonment × checkouts webhook: items and the recovery link", async () => {
    const s = await shopFor(["checkout_abandonment"]);
    const token = `ck${nextId()}`;
    const at = clock.now();
    await webhook({
      topic: "checkouts/create",
      shop: s.shop,
      body: checkoutPayload(s.shop, {
        token,
        shopper: s.shopper,
        lines: [s.line(s.tent, 1), s.line(s.lamp, 2)],
        createdAt: at,
        updatedAt: at,
      }),
    });
    const text = await mailed(s.shopper.email);
    expect(text).toContain("Ridgeline 2P Tent, $249.00");
    expect(text).toContain("2 × Canyon Lantern, $39.00");
    expect(destinations(text).some((u) => u.includes(`/checkouts/ac/${token}/recover`))).toBe(true);
  });

  it("cart abandonment × pixel: lines from Product rows, quantities from the pixel, a cart permalink", async () => {
    const s = await shopFor(["cart_abandonment"]);
    const b = await tiedBrowser(s.shop, s.shopper, s.line(s.lamp, 1));
    const posted = await b.run([
      productAddedToCart(b.browser, new Date(clock.now().getTime() - MINUTES), storefront(s.tent), 1),
      productAddedToCart(b.browser, clock.now(), storefront(s.lamp), 3),
    ]);
    expect(posted.posts.map((p) => [p.status, p.answer])).toEqual([
      [202, { outcome: "stored" }],
      [202, { outcome: "stored" }],
    ]);
    const text = await mailed(s.shopper.email);
    expect(text).toContain("Ridgeline 2P Tent, $249.00");
    expect(text).toContain("3 × Canyon Lantern, $39.00");
    // The tracked link's signed destination is the shop's cart permalink with both lines.
    const cart = `https://${s.shop}/cart/${s.tent.variantId}:1,${s.lamp.variantId}:3`;
    expect(destinations(text).some((u) => u.startsWith(cart))).toBe(true);
  });

  it("browse abandonment × pixel: the email names the product she looked at twice", async () => {
    const s = await shopFor(["browse_abandonment"]);
    const b = await tiedBrowser(s.shop, s.shopper, s.line(s.lamp, 1));
    await b.run([
      productViewed(b.browser, new Date(clock.now().getTime() - 15 * MINUTES), storefront(s.tent)),
      productViewed(b.browser, clock.now(), storefront(s.tent)),
    ]);
    const text = await mailed(s.shopper.email);
    expect(text).toContain("Ridgeline 2P Tent");
  });

  it("post-purchase × orders webhook: the product she bought", async () => {
    const s = await shopFor(["post_purchase"]);
    await webhook({
      topic: "orders/create",
      shop: s.shop,
      body: orderPayload({
        orderId: nextId(),
        name: "#2042",
        checkoutToken: null,
        shopper: s.shopper,
        lines: [s.line(s.tent, 1)],
        processedAt: clock.now(),
      }),
    });
    const text = await mailed(s.shopper.email, 1, 6 * HOURS, 80);
    expect(text).toContain("We're getting the Ridgeline 2P Tent ready to ship.");
  });

  for (const flow of ["win_back", "anniversary"] as const) {
    it(`${flow} × daily scan over orders from webhooks: the product of the right order`, async () => {
      const s = await shopFor([flow]);
      // Win-back: first order 200 days ago, the last (the lantern) 120 days ago. Anniversary: the
      // tent a year ago today, and a recent order so she is not lapsed.
      const orders =
        flow === "win_back"
          ? [
              { daysAgo: 200, product: s.tent },
              { daysAgo: 120, product: s.lamp },
            ]
          : [
              { daysAgo: 365, product: s.tent },
              { daysAgo: 20, product: s.lamp },
            ];
      for (const [i, o] of orders.entries())
        await webhook({
          topic: "orders/create",
          shop: s.shop,
          body: orderPayload({
            orderId: nextId(),
            name: `#300${i}`,
            checkoutToken: null,
            shopper: s.shopper,
            lines: [s.line(o.product, 1)],
            processedAt: new Date(clock.now().getTime() - o.daysAgo * DAY),
          }),
        });
      const result = await runDailyScan(s.db, s.shop, clock.now(), await detectDialect(s.db));
      expect(flow === "win_back" ? result.winBack : result.anniversary).toBe(1);
      const text = await mailed(s.shopper.email, 1, 2 * HOURS, 80);
      expect(text).toContain(
        flow === "win_back"
          ? "Canyon Lantern"
          : "A year ago you placed your first order with us: Ridgeline 2P Tent.",
      );
      const messages = await s.db.message.findMany({
        where: { shop: s.shop },
        select: { flowKey: true, status: true },
      });
      expect(messages).toEqual([{ flowKey: flow, status: "sent" }]);
    });
  }
});
