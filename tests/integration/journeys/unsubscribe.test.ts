// Journey 7: a customer uses Gmail's one-click unsubscribe (RFC 8058 POST to the List-Unsubscribe
// URL of a real email). Every flow stops for them at once, the suppression is recorded and nothing
// more is sent. Later Shopify reports them SUBSCRIBED again with a newer consent time (they opted
// in at checkout): that is honoured, and a new abandoned checkout mails them again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import {
  checkoutPayload,
  clock,
  customerPayload,
  HOURS,
  type LineItem,
  MINUTES,
  mailsTo,
  nextId,
  oneClickUnsubscribe,
  oneClickUrl,
  type Pipeline,
  type Shopper,
  setUpShop,
  startPipeline,
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

describe("journey 7: one-click unsubscribe, then a newer opt-in from Shopify", () => {
  it("stops every flow at once, records the suppression, and honours the later re-subscribe", async () => {
    const lantern = { id: nextId(), variantId: nextId(), title: "Summit Lantern", price: "39.00" };
    const { shop, db } = await setUpShop({ flows: ["checkout_abandonment"], products: [lantern] });
    const id = nextId();
    const iris: Shopper = { customerId: id, email: `iris.${id}@example.com`, firstName: "Iris" };
    const lines: LineItem[] = [
      {
        productId: lantern.id,
        variantId: lantern.variantId,
        title: lantern.title,
        variantTitle: null,
        quantity: 1,
        price: "39.00",
      },
    ];

    const firstToken = `u${nextId()}`;
    const at = clock.now();
    await webhook({
      topic: "checkouts/create",
      shop,
      body: checkoutPayload(shop, { token: firstToken, shopper: iris, lines, createdAt: at, updatedAt: at }),
    });
    clock.advance(1 * HOURS + MINUTES);
    await pipeline.tick();
    const [first] = mailsTo(smtp, iris.email);
    expect(first).toBeDefined();
    const run = await db.flowRun.findFirstOrThrow({ where: { shop, customerShopifyId: id } });
    expect(run.status).toBe("active"); // the nudge and last call are still to come
    expect(await db.dueStep.count({ where: { shop, runId: run.id, status: "pending" } })).toBe(1);

    // Gmail's one-click: a cookie-less POST of the RFC 8058 body to the List-Unsubscribe URL.
    const url = oneClickUrl(first);
    clock.advance(10 * MINUTES);
    expect((await oneClickUnsubscribe(url)).status).toBe(200);
    expect((await oneClickUnsubscribe(url)).status).toBe(200); // repeated: harmless

    const suppression = await db.suppression.findUniqueOrThrow({
      where: { shop_emailLower: { shop, emailLower: iris.email.toLowerCase() } },
    });
    expect(suppression).toMatchObject({ reason: "unsubscribe", source: "one_click" });
    const customer = await db.customer.findUniqueOrThrow({
      where: { shop_shopifyId: { shop, shopifyId: id } },
    });
    expect(customer.marketingState).toBe("UNSUBSCRIBED");
    // All of the customer's runs stopped at once, with nothing left scheduled.
    expect(await db.flowRun.count({ where: { shop, customerShopifyId: id, status: "active" } })).toBe(0);
    expect(await db.dueStep.count({ where: { shop, status: "pending" } })).toBe(0);
    expect(
      await db.customerEvent.count({ where: { shop, customerShopifyId: id, kind: "unsubscribed" } }),
    ).toBe(1);

    clock.advance(24 * HOURS);
    await pipeline.tick();
    clock.advance(48 * HOURS);
    await pipeline.tick();
    expect(mailsTo(smtp, iris.email)).toHaveLength(1);

    // A stale update (consent time before the unsubscribe) arriving now changes nothing.
    clock.advance(1 * HOURS);
    await webhook({
      topic: "customers/update",
      shop,
      body: customerPayload(iris, { state: "subscribed", at: at }, clock.now()),
    });
    expect(await db.suppression.count({ where: { shop, emailLower: iris.email.toLowerCase() } })).toBe(1);

    // She opts in again at checkout: Shopify's customers/update carries the newer consent time.
    const optedInAt = clock.advance(2 * 24 * HOURS);
    await webhook({
      topic: "customers/update",
      shop,
      body: customerPayload(iris, { state: "subscribed", at: optedInAt }, optedInAt),
    });
    expect(await db.suppression.count({ where: { shop, emailLower: iris.email.toLowerCase() } })).toBe(0);
    const again = await db.customer.findUniqueOrThrow({
      where: { shop_shopifyId: { shop, shopifyId: id } },
    });
    expect(again.marketingState).toBe("SUBSCRIBED");

    // A new abandoned checkout enrolls and mails her again.
    const secondToken = `u${nextId()}`;
    const later = clock.advance(5 * MINUTES);
    await webhook({
      topic: "checkouts/create",
      shop,
      body: checkoutPayload(shop, {
        token: secondToken,
        shopper: iris,
        lines,
        createdAt: later,
        updatedAt: later,
        consentAt: optedInAt,
      }),
    });
    expect(await db.flowRun.count({ where: { shop, customerShopifyId: id, status: "active" } })).toBe(1);
    clock.advance(1 * HOURS + MINUTES);
    await pipeline.tick();
    const mails = mailsTo(smtp, iris.email);
    expect(mails).toHaveLength(2);
    expect(mails[1].parsed?.text).toContain("Summit Lantern");
  });
});
