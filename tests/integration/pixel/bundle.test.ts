// The real pixel bundle in a storefront sandbox, posting to the real collector route: a shopper who
// once checked out (tying her browser to her through the signed checkout webhook) later looks at a
// tent twice and puts two stoves in her cart. The browse and cart abandonment flows start from
// those posts and, run by the real scheduler and delivery, actually email her, the cart email
// naming the stoves with their price and linking a cart permalink that rebuilds the cart.
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pixelSigningSecret } from "../../../app/pixel/wiring.server";
import { action as pixelRoute } from "../../../app/routes/api.pixel";
import { pixelSettings } from "../../../app/shopify/pixel";
import {
  checkoutPayload,
  clock,
  customerPayload,
  HOURS,
  MINUTES,
  mailsTo,
  nextId,
  orderPayload,
  type Pipeline,
  setUpShop,
  startPipeline,
  webhook,
} from "../../support/journey";
import {
  checkoutStarted,
  pageViewed,
  pixelInit,
  productAddedToCart,
  productViewed,
  storefrontBrowser,
} from "../../support/pixel-events";
import { type PixelFetch, runPixelBundle } from "../../support/pixel-sandbox";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";

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

const COLLECTOR = "https://tend.test/api/pixel";

/** The storefront's network: the pixel's fetch reaches the real route, from the shopper's address. */
const toCollector: PixelFetch = (url, init) =>
  pixelRoute({
    request: new Request(url, init),
    params: {},
    context: { remoteAddress: "198.51.100.20" },
  } as ActionFunctionArgs);

async function tickUntil(done: () => Promise<boolean>, stepMs: number, maxSteps: number) {
  for (let i = 0; i < maxSteps && !(await done()); i++) {
    clock.advance(stepMs);
    await pipeline.tick();
  }
}

describe("the Web Pixel bundle on a storefront", () => {
  it("posts what the storefront shows to the collector, and browse and cart abandonment email", async () => {
    const tent = { id: nextId(), variantId: nextId(), title: "Ridgeline 2P Tent", price: "249.00" };
    const stove = { id: nextId(), variantId: nextId(), title: "Trail Stove", price: "64.00" };
    const { shop, db } = await setUpShop({
      flows: ["checkout_abandonment", "browse_abandonment", "cart_abandonment"],
      products: [tent, stove],
    });
    const june = { customerId: nextId(), email: `june.${nextId()}@example.com`, firstName: "June" };
    await webhook({
      topic: "customers/update",
      shop,
      body: customerPayload(june, { state: "subscribed", at: clock.now() }, clock.now()),
    });
    const browser = storefrontBrowser(shop, `cl-${nextId()}`);
    // Exactly what activation (webPixelCreate) writes into the pixel's settings.
    const settings = { ...pixelSettings(shop, "https://tend.test", pixelSigningSecret()) };
    const asStorefront = (p: typeof tent) => ({
      productId: `gid://shopify/Product/${p.id}`,
      variantId: `gid://shopify/ProductVariant/${p.variantId}`,
      title: p.title,
      price: Number(p.price),
    });

    // Day 0: she checks out as a guest and buys. The pixel's checkout_started arrives before the
    // signed checkout webhook, so her browser is tied to her once that webhook is in.
    const token = `ck${nextId()}`;
    const first = await runPixelBundle({
      settings,
      init: pixelInit(browser, null),
      events: [checkoutStarted(browser, clock.now(), token, [{ product: asStorefront(tent), quantity: 1 }])],
      fetch: toCollector,
    });
    expect(first.posts.map((p) => p.answer)).toEqual([{ outcome: "anonymous" }]);
    const line = {
      productId: tent.id,
      variantId: tent.variantId,
      title: tent.title,
      variantTitle: null,
      quantity: 1,
      price: tent.price,
    };
    await webhook({
      topic: "checkouts/create",
      shop,
      body: checkoutPayload(shop, {
        token,
        shopper: june,
        lines: [line],
        createdAt: clock.now(),
        updatedAt: clock.now(),
      }),
    });
    await webhook({
      topic: "orders/create",
      shop,
      body: orderPayload({
        orderId: nextId(),
        name: "#1001",
        checkoutToken: token,
        shopper: june,
        lines: [line],
        processedAt: clock.now(),
      }),
    });

    // Day 8: she browses (logged in as herself), looking at the tent twice.
    clock.advance(8 * 24 * HOURS);
    const browsing = await runPixelBundle({
      settings,
      init: pixelInit(browser, `gid://shopify/Customer/${june.customerId}`),
      events: [
        pageViewed(browser, clock.now()),
        productViewed(browser, new Date(clock.now().getTime() - 20 * MINUTES), asStorefront(tent)),
        productViewed(browser, clock.now(), asStorefront(tent)),
      ],
      fetch: toCollector,
    });
    expect(browsing.subscribed.sort()).toEqual([
      "checkout_started",
      "product_added_to_cart",
      "product_viewed",
    ]);
    expect(browsing.posts).toHaveLength(2); // page_viewed is not Tend's business
    for (const post of browsing.posts) {
      expect(post).toMatchObject({
        url: COLLECTOR,
        keepalive: true,
        status: 202,
        answer: { outcome: "stored" },
      });
      expect(post.body.event).toMatchObject({
        clientId: browser.clientId,
        productId: `gid://shopify/Product/${tent.id}`,
      });
    }
    expect(browsing.storage.size).toBe(0);
    // 202 means stored; the enrollment follows on the bus a moment later (slower on a loaded PostgreSQL).
    const browse = await vi.waitFor(
      () => db.flowRun.findFirstOrThrow({ where: { shop, flowKey: "browse_abandonment" } }),
      { timeout: 10_000, interval: 50 },
    );
    expect(browse).toMatchObject({ customerShopifyId: june.customerId, status: "active" });

    await tickUntil(async () => mailsTo(smtp, june.email).length >= 1, 30 * MINUTES, 40);
    const [browseMail] = mailsTo(smtp, june.email);
    expect(browseMail?.parsed?.text ?? "").toContain("Ridgeline 2P Tent");

    // She comes back and adds two stoves: the cart reminder names them and rebuilds the cart.
    clock.advance(HOURS);
    const carting = await runPixelBundle({
      settings,
      init: pixelInit(browser, `gid://shopify/Customer/${june.customerId}`),
      events: [productAddedToCart(browser, clock.now(), asStorefront(stove), 2)],
      fetch: toCollector,
    });
    expect(carting.posts.map((p) => [p.status, p.body.event])).toEqual([
      [
        202,
        expect.objectContaining({ name: "product_added_to_cart", quantity: 2, clientId: browser.clientId }),
      ],
    ]);
    const cart = await vi.waitFor(
      () => db.flowRun.findFirstOrThrow({ where: { shop, flowKey: "cart_abandonment" } }),
      { timeout: 10_000, interval: 50 },
    );
    expect(cart.customerShopifyId).toBe(june.customerId);

    await tickUntil(async () => mailsTo(smtp, june.email).length >= 2, 30 * MINUTES, 40);
    const cartMail = mailsTo(smtp, june.email)[1];
    expect(cartMail, "the cart reminder was sent").toBeDefined();
    expect(cartMail.parsed?.text ?? "").toContain("2 × Trail Stove, $64.00");
    const sent = await db.message.findFirstOrThrow({ where: { shop, flowKey: "cart_abandonment" } });
    expect(sent.status).toBe("sent");
  });
});
