// After a one-click unsubscribe, only an explicit, dated opt-in newer than the unsubscribe lifts the
// suppression. Walked through the real routes: signed Shopify webhooks (checkouts/create carrying
// the customer's consent, as in the incident), the ingest processor, flows, the scheduler and SMTP.
// A stale "subscribed", or one without consent_updated_at, mails nobody.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import {
  checkoutPayload,
  clock,
  HOURS,
  iso,
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

const lantern = () => ({ id: nextId(), variantId: nextId(), title: "Summit Lantern", price: "39.00" });

/** A shopper abandons a checkout, gets the first email, and one-click unsubscribes from it. */
async function unsubscribedShopper() {
  const product = lantern();
  const { shop, db } = await setUpShop({ flows: ["checkout_abandonment"], products: [product] });
  const id = nextId();
  const shopper: Shopper = { customerId: id, email: `rae.${id}@example.com`, firstName: "Rae" };
  const lines: LineItem[] = [
    {
      productId: product.id,
      variantId: product.variantId,
      title: product.title,
      variantTitle: null,
      quantity: 1,
      price: product.price,
    },
  ];
  const subscribedAt = clock.now();
  await webhook({
    topic: "checkouts/create",
    shop,
    body: checkoutPayload(shop, {
      token: `r${nextId()}`,
      shopper,
      lines,
      createdAt: subscribedAt,
      updatedAt: subscribedAt,
    }),
  });
  clock.advance(1 * HOURS + MINUTES);
  await pipeline.tick();
  const [first] = mailsTo(smtp, shopper.email);
  expect(first).toBeDefined();
  clock.advance(10 * MINUTES);
  expect((await oneClickUnsubscribe(oneClickUrl(first))).status).toBe(200);
  const unsubscribedAt = clock.now();
  expect(await suppressions(db, shop, shopper.email)).toBe(1);
  return { shop, db, shopper, lines, subscribedAt, unsubscribedAt };
}

type Db = Awaited<ReturnType<typeof unsubscribedShopper>>["db"];

function suppressions(db: Db, shop: string, email: string) {
  return db.suppression.count({ where: { shop, emailLower: email.toLowerCase(), reason: "unsubscribe" } });
}

/** A new abandoned checkout whose embedded customer carries `consent_updated_at` (or null). */
async function checkoutWithConsent(
  s: Awaited<ReturnType<typeof unsubscribedShopper>>,
  consentUpdatedAt: Date | null,
) {
  const at = clock.advance(2 * HOURS);
  const body = checkoutPayload(s.shop, {
    token: `r${nextId()}`,
    shopper: s.shopper,
    lines: s.lines,
    createdAt: at,
    updatedAt: at,
    consentAt: consentUpdatedAt ?? at,
  });
  const customer = body.customer as Record<string, unknown>;
  // The customer record itself was just updated (the checkout touched it): the time the old code
  // borrowed when consent_updated_at was missing.
  customer.updated_at = iso(at);
  customer.email_marketing_consent = {
    state: "subscribed",
    opt_in_level: "single_opt_in",
    consent_updated_at: consentUpdatedAt ? iso(consentUpdatedAt) : null,
  };
  await webhook({ topic: "checkouts/create", shop: s.shop, body });
}

/** Lets every step of the new checkout's flow come due (reminder, nudge, last call). */
async function runFlowToTheEnd() {
  for (const step of [1 * HOURS + MINUTES, 24 * HOURS, 48 * HOURS]) {
    clock.advance(step);
    await pipeline.tick();
  }
}

describe("a suppression is lifted only by a dated opt-in newer than the unsubscribe", () => {
  it("a stale 'subscribed' (dated before the unsubscribe) mails nothing", async () => {
    const s = await unsubscribedShopper();
    await checkoutWithConsent(s, new Date(s.unsubscribedAt.getTime() - 5 * MINUTES));
    await runFlowToTheEnd();
    expect(await suppressions(s.db, s.shop, s.shopper.email)).toBe(1);
    expect(mailsTo(smtp, s.shopper.email)).toHaveLength(1);
    const customer = await s.db.customer.findUniqueOrThrow({
      where: { shop_shopifyId: { shop: s.shop, shopifyId: s.shopper.customerId } },
    });
    expect(customer.marketingState).toBe("UNSUBSCRIBED");
  });

  it("an undated 'subscribed' (consent_updated_at: null) mails nothing", async () => {
    const s = await unsubscribedShopper();
    await checkoutWithConsent(s, null);
    await runFlowToTheEnd();
    expect(await suppressions(s.db, s.shop, s.shopper.email)).toBe(1);
    expect(mailsTo(smtp, s.shopper.email)).toHaveLength(1);
    const customer = await s.db.customer.findUniqueOrThrow({
      where: { shop_shopifyId: { shop: s.shop, shopifyId: s.shopper.customerId } },
    });
    expect(customer.marketingState).toBe("UNSUBSCRIBED");
    expect(await s.db.customerEvent.count({ where: { shop: s.shop, kind: "resubscribed" } })).toBe(0);
  });

  it("a dated opt-in newer than the unsubscribe is honoured: the next abandonment mails again", async () => {
    const s = await unsubscribedShopper();
    const optedInAt = new Date(s.unsubscribedAt.getTime() + 1 * HOURS);
    await checkoutWithConsent(s, optedInAt);
    expect(await suppressions(s.db, s.shop, s.shopper.email)).toBe(0);
    const customer = await s.db.customer.findUniqueOrThrow({
      where: { shop_shopifyId: { shop: s.shop, shopifyId: s.shopper.customerId } },
    });
    expect(customer).toMatchObject({ marketingState: "SUBSCRIBED", marketingUpdatedAt: optedInAt });
    expect(await s.db.customerEvent.count({ where: { shop: s.shop, kind: "resubscribed" } })).toBe(1);
    clock.advance(1 * HOURS + MINUTES);
    await pipeline.tick();
    const mails = mailsTo(smtp, s.shopper.email);
    expect(mails).toHaveLength(2);
    expect(mails[1].parsed?.text).toContain("Summit Lantern");
  });
});
