// Journey 3: a shopper abandons a checkout, gets the reminder an hour later naming her items and
// prices, clicks the recovery link and buys: the remaining steps are cancelled, the order is
// attributed to that email and the flow's revenue shows in the reports.
// Journey 4: she abandons, then buys on another device; the order's webhook arrives before the
// checkout's last update: no abandonment email, ever.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../../app/insights/report.server";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import {
  checkoutPayload,
  click,
  clock,
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
  trackedLinks,
  webhook,
} from "../../support/journey";

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
  const mug = { id: nextId(), variantId: nextId(), title: "Enamel Camp Mug", price: "18.50" };
  const lines: LineItem[] = [
    {
      productId: tent.id,
      variantId: tent.variantId,
      title: tent.title,
      variantTitle: "Forest",
      quantity: 1,
      price: "249.00",
    },
    {
      productId: mug.id,
      variantId: mug.variantId,
      title: mug.title,
      variantTitle: null,
      quantity: 2,
      price: "18.50",
    },
  ];
  return { products: [tent, mug], lines };
}

function shopper(name: string): Shopper {
  const id = nextId();
  return { customerId: id, email: `${name}.${id}@example.com`, firstName: name };
}

describe("journey 3: abandoned checkout recovered through the reminder", () => {
  it("mails the items an hour later, the click and order end the flow and earn the revenue", async () => {
    const { products, lines } = catalog();
    const { shop, db } = await setUpShop({ flows: ["checkout_abandonment"], products });
    const maya = shopper("Maya");
    const token = `c${nextId()}`;

    const startedAt = clock.now();
    await webhook({
      topic: "checkouts/create",
      shop,
      body: checkoutPayload(shop, {
        token,
        shopper: maya,
        lines: lines.slice(0, 1),
        createdAt: startedAt,
        updatedAt: startedAt,
      }),
    });
    const updatedAt = clock.advance(3 * MINUTES);
    await webhook({
      topic: "checkouts/update",
      shop,
      body: checkoutPayload(shop, { token, shopper: maya, lines, createdAt: startedAt, updatedAt }),
    });

    const runs = await db.flowRun.findMany({ where: { shop, status: "active" } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      flowKey: "checkout_abandonment",
      email: maya.email.toLowerCase(),
      holdout: false,
    });

    // Nothing before the hour is up.
    clock.advance(30 * MINUTES);
    await pipeline.tick();
    expect(mailsTo(smtp, maya.email)).toHaveLength(0);

    clock.advance(31 * MINUTES);
    await pipeline.tick();
    const mails = mailsTo(smtp, maya.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0].parsed!;
    const text = mail.text ?? "";
    const html = String(mail.html);
    // The exact items and prices, in both parts.
    for (const part of [text, html]) {
      expect(part).toContain("Ridgeline 2P Tent");
      expect(part).toContain("$249.00");
      expect(part).toContain("Enamel Camp Mug");
      expect(part).toContain("$18.50");
    }
    expect(text).toMatch(/Ridgeline 2P Tent \(Forest\), \$249\.00; 2 × Enamel Camp Mug, \$18\.50/);
    expect(html).not.toMatch(/\{\{|\}\}/);

    // The recovery link goes through the signed click redirect to the checkout's recovery URL.
    const links = trackedLinks(text);
    expect(links.length).toBeGreaterThan(0);
    const response = await click(links[links.length - 1]);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("Location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(`https://${shop}/checkouts/ac/${token}/recover`);
    expect(location.searchParams.get("utm_campaign")).toBe("checkout_abandonment");
    const message = await db.message.findFirstOrThrow({ where: { shop } });
    expect(message.status).toBe("sent");
    expect(await db.click.count({ where: { shop, messageId: message.id } })).toBe(1);

    // She buys through the recovered checkout.
    const orderId = nextId();
    await webhook({
      topic: "orders/create",
      shop,
      body: orderPayload({
        orderId,
        name: "#1042",
        checkoutToken: token,
        shopper: maya,
        lines,
        processedAt: clock.advance(5 * MINUTES),
      }),
    });
    const run = await db.flowRun.findUniqueOrThrow({ where: { id: runs[0].id } });
    expect(run.status).not.toBe("active");
    expect(await db.dueStep.count({ where: { shop, runId: run.id, status: "pending" } })).toBe(0);

    const attribution = await db.attribution.findUniqueOrThrow({
      where: { shop_orderShopifyId: { shop, orderShopifyId: orderId } },
    });
    expect(attribution).toMatchObject({
      messageId: message.id,
      flowKey: "checkout_abandonment",
      via: "click",
      revenueMinor: 24900 + 2 * 1850,
    });
    const report = await buildReport(db, shop, { now: clock.now(), days: 30 });
    const flow = report.flows.find((f) => f.flowKey === "checkout_abandonment");
    expect(flow?.revenueMinor).toBe(28600);
    expect(flow?.orders).toBe(1);

    // The nudge (+24 h) and last call (+72 h) never go out.
    clock.advance(24 * HOURS);
    await pipeline.tick();
    clock.advance(48 * HOURS);
    await pipeline.tick();
    expect(mailsTo(smtp, maya.email)).toHaveLength(1);
    expect(await db.message.count({ where: { shop } })).toBe(1);
  });
});

describe("journey 4: the order from another device arrives before the checkout's last update", () => {
  it("never sends an abandonment email after the order", async () => {
    const { products, lines } = catalog();
    const { shop, db } = await setUpShop({ flows: ["checkout_abandonment"], products });
    const leo = shopper("Leo");
    const desktopToken = `d${nextId()}`;
    const createdAt = clock.now();
    await webhook({
      topic: "checkouts/create",
      shop,
      body: checkoutPayload(shop, {
        token: desktopToken,
        shopper: leo,
        lines,
        createdAt,
        updatedAt: createdAt,
      }),
    });
    expect(await db.flowRun.count({ where: { shop, status: "active" } })).toBe(1);

    // He buys on his phone (another checkout); that order's webhook comes first...
    const boughtAt = clock.advance(20 * MINUTES);
    await webhook({
      topic: "orders/create",
      shop,
      body: orderPayload({
        orderId: nextId(),
        name: "#2001",
        checkoutToken: `p${nextId()}`,
        shopper: leo,
        lines,
        processedAt: boughtAt,
      }),
    });
    // ...then the desktop checkout's last update, written before the order but delivered after it.
    clock.advance(2 * MINUTES);
    await webhook({
      topic: "checkouts/update",
      shop,
      body: checkoutPayload(shop, {
        token: desktopToken,
        shopper: leo,
        lines: lines.slice(0, 1),
        createdAt,
        updatedAt: new Date(boughtAt.getTime() - 5 * MINUTES),
      }),
    });
    expect(await db.flowRun.count({ where: { shop, status: "active" } })).toBe(0);

    for (const step of [1 * HOURS, 24 * HOURS, 48 * HOURS, 5 * 24 * HOURS]) {
      clock.advance(step);
      await pipeline.tick();
    }
    expect(mailsTo(smtp, leo.email)).toHaveLength(0);
    expect(await db.message.count({ where: { shop } })).toBe(0);
  });

  it("does not enroll a checkout whose order was recorded before any checkout webhook", async () => {
    const { products, lines } = catalog();
    const { shop, db } = await setUpShop({ flows: ["checkout_abandonment"], products });
    const ana = shopper("Ana");
    const token = `o${nextId()}`;
    const createdAt = clock.now();
    const boughtAt = clock.advance(10 * MINUTES);
    await webhook({
      topic: "orders/create",
      shop,
      body: orderPayload({
        orderId: nextId(),
        name: "#3001",
        checkoutToken: token,
        shopper: ana,
        lines,
        processedAt: boughtAt,
      }),
    });
    clock.advance(1 * MINUTES);
    await webhook({
      topic: "checkouts/create",
      shop,
      body: checkoutPayload(shop, { token, shopper: ana, lines, createdAt, updatedAt: createdAt }),
    });
    await webhook({
      topic: "checkouts/update",
      shop,
      body: checkoutPayload(shop, {
        token,
        shopper: ana,
        lines,
        createdAt,
        updatedAt: new Date(createdAt.getTime() + MINUTES),
      }),
    });
    for (const step of [1 * HOURS, 24 * HOURS, 48 * HOURS]) {
      clock.advance(step);
      await pipeline.tick();
    }
    expect(await db.flowRun.count({ where: { shop } })).toBe(0);
    expect(mailsTo(smtp, ana.email)).toHaveLength(0);
  });
});
