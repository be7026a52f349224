// Journey 11 (trouble): Shopify redelivers a webhook five times, a forged webhook arrives, the SMTP
// server refuses a message for a while. The merchant loses no message that should go and gets none
// that should not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import { signedWebhookRequest, tamperSignature } from "../../support/webhooks";
import {
  checkoutPayload,
  clock,
  deliverWebhook,
  HOURS,
  type LineItem,
  MINUTES,
  mailsTo,
  nextId,
  type Pipeline,
  processWebhooks,
  type Shopper,
  setUpShop,
  startPipeline,
  webhook,
} from "../../support/journey";
import { action as checkoutsRoute } from "../../../app/routes/webhooks.checkouts";

let smtp: TestSmtpServer;
let pipeline: Pipeline;
/** Recipient → how many more times the server answers RCPT TO with a 451. */
const refusals = new Map<string, number>();

beforeAll(async () => {
  smtp = await startSmtpServer({
    parse: true,
    respond: (rcpt) => {
      const left = refusals.get(rcpt.toLowerCase()) ?? 0;
      if (left <= 0) return null;
      refusals.set(rcpt.toLowerCase(), left - 1);
      return 451;
    },
  });
  pipeline = startPipeline(smtp);
});

afterAll(async () => {
  await pipeline.close();
  await smtp.close();
});

async function abandonedCheckoutShop() {
  const stove = { id: nextId(), variantId: nextId(), title: "Pocket Stove", price: "64.00" };
  const { shop, db } = await setUpShop({ flows: ["checkout_abandonment"], products: [stove] });
  const id = nextId();
  const shopper: Shopper = { customerId: id, email: `kai.${id}@example.com`, firstName: "Kai" };
  const lines: LineItem[] = [
    {
      productId: stove.id,
      variantId: stove.variantId,
      title: stove.title,
      variantTitle: null,
      quantity: 1,
      price: "64.00",
    },
  ];
  const token = `t${nextId()}`;
  const at = clock.now();
  const body = checkoutPayload(shop, { token, shopper, lines, createdAt: at, updatedAt: at });
  return { shop, db, shopper, token, body };
}

describe("journey 11: trouble", () => {
  it("processes a webhook Shopify delivers five times once: one run, one email", async () => {
    const { shop, db, shopper, body } = await abandonedCheckoutShop();
    const webhookId = `wh-${nextId()}`;
    // Retries carry the same X-Shopify-Webhook-Id; some arrive together, one after processing.
    const first = await Promise.all(
      Array.from({ length: 4 }, () => deliverWebhook({ topic: "checkouts/create", shop, body, webhookId })),
    );
    expect(first.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await processWebhooks();
    const late = await deliverWebhook({ topic: "checkouts/create", shop, body, webhookId });
    expect(late.status).toBe(200);
    await processWebhooks();

    const deliveries = await db.webhookEvent.findMany({ where: { shop, webhookId } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ status: "processed", attempts: 1 });
    expect(await db.flowRun.count({ where: { shop } })).toBe(1);

    clock.advance(1 * HOURS + MINUTES);
    await pipeline.tick();
    clock.advance(10 * MINUTES);
    await pipeline.tick();
    expect(mailsTo(smtp, shopper.email)).toHaveLength(1);
    expect(await db.message.count({ where: { shop } })).toBe(1);
  });

  it("refuses a forged webhook with 401 and stores nothing", async () => {
    const { shop, db, body } = await abandonedCheckoutShop();
    const wrongSecret = await deliverWebhook({
      topic: "checkouts/create",
      shop,
      body,
      secret: "not-the-app-secret",
    });
    expect(wrongSecret.status).toBe(401);

    // Authentic signature, altered body (an attacker changed the email after signing).
    const raw = JSON.stringify(body);
    const signed = signedWebhookRequest({ topic: "checkouts/create", shop, body: raw });
    const altered = raw.replace(/kai\./, "mallory.");
    const forged = new Request(signed.url, { method: "POST", headers: signed.headers, body: altered });
    const alteredBody = await checkoutsRoute({ request: forged, params: {}, context: {} }).catch(
      (r: Response) => r,
    );
    expect(alteredBody.status).toBe(401);
    const flipped = await checkoutsRoute({
      request: tamperSignature(signedWebhookRequest({ topic: "checkouts/create", shop, body: raw }), raw),
      params: {},
      context: {},
    }).catch((r: Response) => r);
    expect(flipped.status).toBe(401);

    await processWebhooks();
    expect(await db.webhookEvent.count({ where: { shop, topic: "checkouts/create" } })).toBe(0);
    expect(await db.checkout.count({ where: { shop } })).toBe(0);
    expect(await db.flowRun.count({ where: { shop } })).toBe(0);
  });

  it("retries a message the SMTP server refuses with 4xx and delivers it exactly once", async () => {
    const { shop, db, shopper, body } = await abandonedCheckoutShop();
    await webhook({ topic: "checkouts/create", shop, body });
    refusals.set(shopper.email.toLowerCase(), 1);

    clock.advance(1 * HOURS + MINUTES);
    await pipeline.tick();
    expect(mailsTo(smtp, shopper.email)).toHaveLength(0);
    expect(refusals.get(shopper.email.toLowerCase())).toBe(0); // the server was asked, and refused
    const waiting = await db.message.findFirstOrThrow({ where: { shop } });
    expect(waiting).toMatchObject({ status: "retry", attempts: 1 });
    expect(waiting.error).toMatch(/451/);

    // Not before the backoff...
    clock.advance(10_000);
    await pipeline.tick();
    expect(mailsTo(smtp, shopper.email)).toHaveLength(0);
    // ...then delivered, once.
    clock.advance(5 * MINUTES);
    await pipeline.tick();
    clock.advance(30 * MINUTES);
    await pipeline.tick();
    const arrived = mailsTo(smtp, shopper.email);
    expect(arrived).toHaveLength(1);
    const sent = await db.message.findFirstOrThrow({ where: { shop } });
    expect(sent).toMatchObject({ status: "sent", attempts: 2 });
    expect(arrived[0].messageId).toBe(sent.messageIdHeader);
    expect(await db.message.count({ where: { shop } })).toBe(1);
    const kinds = (
      await db.customerEvent.findMany({ where: { shop, runId: sent.runId }, orderBy: { at: "asc" } })
    ).map((e) => e.kind);
    expect(kinds).toContain("retry");
    expect(kinds.filter((k) => k === "sent")).toHaveLength(1);
  });
});
