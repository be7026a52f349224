// A real store's whole life with Tend, from an EMPTY database and with no demo code on Tend's side:
// the merchant installs (session token → token exchange → afterAuth against the Shopify stand-in),
// Shopify finishes the bulk backfill (signed bulk_operations/finish), the merchant adjusts settings,
// switches the flows on and approves the drafts Tend wrote for the live shop, and Shopify's webhooks
// and the real pixel bundle bring shoppers. The real scheduler, daily scan and delivery then send
// one email per flow over SMTP. Uninstall stops sends at once; a reinstall within 48 hours sends
// again from the same settings and copy; shop/redact after that leaves no row of the shop.
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installedLocalAdmin } from "../../../app/admin.server";
import { getDb } from "../../../app/db.server";
import type { Db } from "../../../app/db/client.server";
import { deliveryConfig } from "../../../app/delivery/config.server";
import { createSender } from "../../../app/delivery/send-step.server";
import { createSmtpTransport, type Transport } from "../../../app/delivery/transport.server";
import { runCatalogQueue } from "../../../app/drafting/queue.server";
import { env } from "../../../app/env.server";
import { FLOW_KEYS } from "../../../app/flows/catalog";
import { action as pixelRoute } from "../../../app/routes/api.pixel";
import { loader as contextLoader } from "../../../app/routes/app.context";
import { action as draftsAction, loader as draftsLoader } from "../../../app/routes/app.drafts._index";
import { action as flowAction } from "../../../app/routes/app.flows.$key";
import { action as settingsAction, loader as settingsLoader } from "../../../app/routes/app.settings";
import { createScheduler, type Scheduler } from "../../../app/scheduler/scheduler.server";
import { scanDueShops } from "../../../app/scheduler/task.server";
import { adminFor } from "../../../app/shopify/admin-client.server";
import { backfillRunner } from "../../../app/shopify/backfill-runner.server";
import { createTestDatabase, openTestDb, uniqueShop } from "../../support/database";
import {
  checkoutPayload,
  clock,
  customerPayload,
  HOURS,
  iso,
  type LineItem,
  MINUTES,
  mailsTo,
  nextId,
  orderPayload,
  type Shopper,
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
import { type ShopifyStandIn, startShopifyStandIn } from "../../support/shopify-stand-in";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import { examplePayload } from "../../support/webhooks";
import { adminArgs, adminPost, openAdmin, rowsOfShop } from "./install-support";
import { HISTORY, PRODUCTS, seedJourneyStore } from "./real-install-store";

const ZONE = "America/Los_Angeles";
let shopifyDb: Db;
let standIn: ShopifyStandIn;
let smtp: TestSmtpServer;
let transport: Transport;
let scheduler: Scheduler;

beforeAll(async () => {
  shopifyDb = await openTestDb(await createTestDatabase("shopify"));
  standIn = startShopifyStandIn({
    shopifyDb: () => shopifyDb,
    scopes: "read_orders,read_all_orders,read_customers",
  });
  smtp = await startSmtpServer({ parse: true });
  transport = createSmtpTransport({ url: smtp.url, maxConnections: 2 });
  // The worker's own wiring: Admin API calls (discount codes, consent) go through the offline session.
  const sender = createSender({
    db: getDb(),
    transport,
    admin: adminFor,
    clock: clock.now,
    config: deliveryConfig(),
  });
  scheduler = createScheduler({
    db: getDb(),
    send: sender.sendStep,
    clock: clock.now,
    workerId: "real-install",
  });
});

afterAll(async () => {
  standIn.restore();
  await transport.close();
  await smtp.close();
  await shopifyDb.$disconnect();
});

/** Moves time in 30-minute steps, running due steps, until `done` or `maxHours` pass. */
async function runUntil(done: () => boolean, maxHours: number): Promise<void> {
  for (let i = 0; i < maxHours * 2 && !done(); i++) {
    clock.advance(30 * MINUTES);
    await scheduler.drain();
  }
}

/** Shopify finishes each bulk operation in turn: signed finish webhook, then the worker's runner ingests. */
async function finishBackfill(db: Db, shop: string): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const running = await db.backfillJob.findFirstOrThrow({ where: { shop, status: "running" } });
    await webhook({
      topic: "bulk_operations/finish",
      shop,
      body: {
        ...examplePayload("bulk_operations/finish"),
        admin_graphql_api_id: running.bulkOperationId,
        status: "completed",
        completed_at: iso(clock.now()),
        created_at: iso(clock.now()),
        error_code: null,
      },
    });
    // The finish handler kicked the worker's backfill runner: it downloads and ingests the file.
    for (let i = 0; i < 100; i++) {
      await backfillRunner.drain();
      const job = await db.backfillJob.findUniqueOrThrow({ where: { id: running.id } });
      if (job.status === "completed") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await db.backfillJob.findUniqueOrThrow({ where: { id: running.id } })).status).toBe("completed");
  }
}

/** Shopify's app/uninstalled body (the shop resource) for this shop, as of now. */
function uninstalledBody(shop: string) {
  return {
    ...examplePayload("app/uninstalled"),
    myshopify_domain: shop,
    domain: shop,
    id: 1,
    updated_at: iso(clock.now()),
  };
}

function subjectOf(email: string): string {
  return mailsTo(smtp, email)[0]?.parsed?.subject ?? "";
}

describe("a real store, installed from an empty database", () => {
  it("installs, sends one email per flow, survives a reinstall and is erased by shop/redact", async () => {
    const db = getDb();
    const shop = uniqueShop("realstore");
    // 09:00 in Los Angeles, outside the default quiet hours (21:00–08:00 shop time).
    const nowMs = clock.now().getTime();
    const start = Math.ceil((nowMs - 17 * HOURS) / (24 * HOURS)) * 24 * HOURS + 17 * HOURS;
    clock.advance(start - nowMs);
    await seedJourneyStore(shopifyDb, shop, clock.now(), ZONE);
    expect(await rowsOfShop(db, shop)).toEqual({});
    // Tend runs live: no demo store is plugged in; "Shopify" is reached only through its API.
    expect(env().TEND_MODE).toBe("live");
    expect(installedLocalAdmin()).toBeUndefined();

    // Install: the merchant opens Tend from Shopify admin.
    await openAdmin(standIn, shop);
    expect(await db.shop.findUniqueOrThrow({ where: { shop } })).toMatchObject({
      name: "Juniper Trail Goods",
      timeZone: ZONE,
      uninstalledAt: null,
    });
    await finishBackfill(db, shop);
    expect(await db.customer.count({ where: { shop } })).toBe(4);
    expect(await db.order.count({ where: { shop } })).toBe(6);
    expect(await db.product.count({ where: { shop } })).toBe(3);
    // The finished import proposed a first business context from the shop's own history, and the
    // merchant's first visit to the page shows it (no second proposal).
    const context = await contextLoader(await adminArgs(standIn, shop, "/app/context"));
    expect(context.latest).toMatchObject({ version: 1, source: "proposed" });
    expect(context.latest?.whatTheyBuy).toMatch(/^Best sellers: /);
    expect(PRODUCTS.some((p) => context.latest?.whatTheyBuy.includes(p.title))).toBe(true);
    expect(context.versions).toHaveLength(1);

    // Setup: settings (no holdout, a cap that allows one email per flow), then every flow on.
    const form = (await settingsLoader(await adminArgs(standIn, shop, "/app/settings"))).settings;
    expect(form.postalAddress).toContain("200 Alder Street"); // proposed from the shop's address
    const saved = await settingsAction(
      (await adminPost(standIn, shop, "/app/settings", {
        ...form,
        holdoutPercent: "0",
        frequencyCapCount: "6",
      })) as ActionFunctionArgs,
    );
    expect(saved).toMatchObject({ ok: true });
    for (const key of FLOW_KEYS) {
      const toggled = await flowAction(
        (await adminPost(
          standIn,
          shop,
          `/app/flows/${key}`,
          { intent: "toggle", enabled: "true" },
          { key },
        )) as ActionFunctionArgs,
      );
      expect(toggled).toMatchObject({ ok: true });
    }
    // The worker's drafting pass writes the queued copy (no OpenAI key: the offline drafter).
    await runCatalogQueue(db, clock.now);
    const queue = await draftsLoader(await adminArgs(standIn, shop, "/app/drafts?status=pending"));
    expect(queue.drafter.kind).toBe("template");
    const pending = await db.draft.findMany({
      where: { shop, status: "pending" },
      select: { id: true, productShopifyId: true },
    });
    expect(pending.length).toBeGreaterThan(FLOW_KEYS.length);
    // Every draft was written from that proposed version.
    expect(await db.draft.count({ where: { shop, businessContextVersion: { not: 1 } } })).toBe(0);
    expect(new Set(pending.map((d) => d.productShopifyId))).toEqual(
      new Set([null, ...PRODUCTS.map((p) => p.id)]),
    );
    await draftsAction(
      (await adminPost(standIn, shop, "/app/drafts", {
        intent: "bulkApprove",
        ids: pending.map((d) => d.id),
      })) as ActionFunctionArgs,
    );
    expect(await db.draft.count({ where: { shop, status: "approved" } })).toBeGreaterThan(0);

    // Win-back and anniversary come from the backfilled history, through the daily scan.
    await scanDueShops(db, clock.now());

    // Shoppers arrive by webhook and through the storefront pixel.
    const settingsWritten = JSON.parse(
      (await shopifyDb.appState.findFirstOrThrow({ where: { shop, key: "demo.webPixel" } })).value,
    ).settings;
    const pixelSettings = JSON.parse(settingsWritten) as Record<string, string>;
    const toCollector = (url: string, init: RequestInit) =>
      pixelRoute({
        request: new Request(url, init),
        params: {},
        context: { remoteAddress: "198.51.100.7" },
      } as ActionFunctionArgs);
    const chair = PRODUCTS[0];
    const line = (p: (typeof PRODUCTS)[number], quantity = 1): LineItem => ({
      productId: p.id,
      variantId: p.variantId,
      title: p.title,
      variantTitle: null,
      quantity,
      price: (p.priceMinor / 100).toFixed(2),
    });
    const storefront = (p: (typeof PRODUCTS)[number]) => ({
      productId: `gid://shopify/Product/${p.id}`,
      variantId: `gid://shopify/ProductVariant/${p.variantId}`,
      title: p.title,
      price: p.priceMinor / 100,
    });
    const consented = async (s: Shopper) =>
      webhook({
        topic: "customers/create",
        shop,
        body: customerPayload(s, { state: "subscribed", at: clock.now() }, clock.now()),
      });

    // Checkout abandonment: Cleo enters her email at checkout and leaves.
    const cleo: Shopper = { customerId: nextId(), email: "cleo.checkout@example.com", firstName: "Cleo" };
    await consented(cleo);
    await webhook({
      topic: "checkouts/create",
      shop,
      body: checkoutPayload(shop, {
        token: `ck${nextId()}`,
        shopper: cleo,
        lines: [line(chair)],
        createdAt: clock.now(),
        updatedAt: clock.now(),
      }),
    });
    // Post-purchase: Paz buys for the first time; her browser is tied to her by that checkout.
    const paz: Shopper = { customerId: nextId(), email: "paz.purchase@example.com", firstName: "Paz" };
    await consented(paz);
    const browser = storefrontBrowser(shop, `cl-${nextId()}`);
    const token = `ck${nextId()}`;
    const tie = await runPixelBundle({
      settings: pixelSettings,
      init: pixelInit(browser, null),
      events: [
        checkoutStarted(browser, clock.now(), token, [{ product: storefront(PRODUCTS[1]), quantity: 1 }]),
      ],
      fetch: toCollector,
    });
    expect(tie.posts.map((p) => p.status)).toEqual([202]);
    await webhook({
      topic: "checkouts/create",
      shop,
      body: checkoutPayload(shop, {
        token,
        shopper: paz,
        lines: [line(PRODUCTS[1])],
        createdAt: clock.now(),
        updatedAt: clock.now(),
      }),
    });
    await webhook({
      topic: "orders/create",
      shop,
      body: orderPayload({
        orderId: nextId(),
        name: "#2001",
        checkoutToken: token,
        shopper: paz,
        lines: [line(PRODUCTS[1])],
        processedAt: clock.now(),
      }),
    });
    await runUntil(
      () =>
        [cleo.email, HISTORY.lapsed.email, HISTORY.yearAgo.email].every((e) => mailsTo(smtp, e).length > 0),
      6,
    );
    await runUntil(() => mailsTo(smtp, paz.email).length > 0, 36);

    // Browse, then cart abandonment, from the real pixel bundle while Paz is logged in.
    const browsing = await runPixelBundle({
      settings: pixelSettings,
      init: pixelInit(browser, `gid://shopify/Customer/${paz.customerId}`),
      events: [
        productViewed(browser, new Date(clock.now().getTime() - 10 * MINUTES), storefront(chair)),
        productViewed(browser, clock.now(), storefront(chair)),
      ],
      fetch: toCollector,
    });
    expect(browsing.posts.every((p) => p.status === 202)).toBe(true);
    const afterBrowse = mailsTo(smtp, paz.email).length;
    await runUntil(() => mailsTo(smtp, paz.email).length > afterBrowse, 12);
    const carting = await runPixelBundle({
      settings: pixelSettings,
      init: pixelInit(browser, `gid://shopify/Customer/${paz.customerId}`),
      events: [productAddedToCart(browser, clock.now(), storefront(PRODUCTS[2]), 2)],
      fetch: toCollector,
    });
    expect(carting.posts.map((p) => p.status)).toEqual([202]);
    const afterCart = mailsTo(smtp, paz.email).length;
    await runUntil(() => mailsTo(smtp, paz.email).length > afterCart, 12);

    const sentFlows = async () =>
      new Set(
        (await db.message.findMany({ where: { shop, status: "sent" }, select: { flowKey: true } })).map(
          (m) => m.flowKey,
        ),
      );
    expect([...(await sentFlows())].sort()).toEqual([...FLOW_KEYS].sort());
    expect(subjectOf(cleo.email)).not.toBe("");
    expect(mailsTo(smtp, HISTORY.yearAgo.email)[0]?.parsed?.text ?? "").toContain(chair.title); // the first product
    expect(mailsTo(smtp, HISTORY.noConsent.email)).toEqual([]); // never consented: never mailed
    expect(mailsTo(smtp, HISTORY.recent.email)).toEqual([]); // not lapsed
    const cartMail = mailsTo(smtp, paz.email).find((m) => (m.parsed?.text ?? "").includes(PRODUCTS[2].title));
    expect(cartMail, "the cart reminder names the socks").toBeDefined();

    // Uninstall: Shopify revokes the token and tells Tend; nothing more is sent.
    const late: Shopper = { customerId: nextId(), email: "lou.late@example.com", firstName: "Lou" };
    await consented(late);
    await webhook({
      topic: "checkouts/create",
      shop,
      body: checkoutPayload(shop, {
        token: `ck${nextId()}`,
        shopper: late,
        lines: [line(chair)],
        createdAt: clock.now(),
        updatedAt: clock.now(),
      }),
    });
    standIn.revoke(shop);
    await webhook({
      topic: "app/uninstalled",
      shop,
      body: uninstalledBody(shop),
    });
    await runUntil(() => false, 14); // past any quiet hours: only the uninstall holds it
    expect(mailsTo(smtp, late.email)).toEqual([]);
    const lateRun = await db.flowRun.findFirstOrThrow({ where: { shop, email: late.email } });
    expect(lateRun.status).not.toBe("active");
    expect(lateRun.exitReason ?? "").toMatch(/uninstall/i);

    // Reinstall within the 48-hour window: same settings and approved copy, and flows send again.
    clock.advance(12 * HOURS);
    await openAdmin(standIn, shop);
    expect((await db.shop.findUniqueOrThrow({ where: { shop } })).uninstalledAt).toBeNull();
    expect((await db.shopSettings.findUniqueOrThrow({ where: { shop } })).holdoutPercent).toBe(0);
    const back: Shopper = { customerId: nextId(), email: "bea.back@example.com", firstName: "Bea" };
    await consented(back);
    await webhook({
      topic: "checkouts/create",
      shop,
      body: checkoutPayload(shop, {
        token: `ck${nextId()}`,
        shopper: back,
        lines: [line(chair)],
        createdAt: clock.now(),
        updatedAt: clock.now(),
      }),
    });
    const backFlows = async () =>
      (
        await db.message.findMany({
          where: { shop, email: back.email, status: "sent" },
          select: { flowKey: true },
        })
      )
        .map((m) => m.flowKey)
        .sort();
    // quiet hours may hold them till 08:00; a new subscriber also gets the welcome series' first email
    await runUntil(() => mailsTo(smtp, back.email).length >= 2, 14);
    expect(await backFlows()).toEqual(["checkout_abandonment", "welcome"]);
    expect(mailsTo(smtp, back.email)).toHaveLength(2);

    // Uninstalled for good; 48 hours later Shopify sends shop/redact: nothing of the shop remains.
    standIn.revoke(shop);
    await webhook({
      topic: "app/uninstalled",
      shop,
      body: uninstalledBody(shop),
    });
    clock.advance(48 * HOURS);
    await webhook({ topic: "shop/redact", shop, body: { shop_id: 1, shop_domain: shop } });
    expect(await rowsOfShop(db, shop)).toEqual({});
    // Every Admin API call went through token exchange's access token, over Shopify's wire format.
    expect(standIn.calls.filter((c) => c.shop === shop && c.kind === "token")).toHaveLength(2);
  }, 300_000);
});
