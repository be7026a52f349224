// The welcome series from an empty database, through Shopify's signed webhooks, the ingest
// processor, the flows engine, the scheduler and delivery over a real SMTP server: a new subscriber
// gets day 0, 2 and 5 (each leading with another best seller); consent arriving by any of the three
// customer topics counts; the first order ends the series; a buyer never enters; unsubscribing
// stops it and re-subscribing does not restart it. The first-order discount, when switched on, goes
// out as a single-use code in the first email.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../app/db/client.server";
import { updateFlowConfig } from "../../../app/flows/settings.server";
import { whyLog } from "../../../app/flows/why.server";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import {
  clock,
  customerPayload,
  consentPayload,
  HOURS,
  iso,
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
import { examplePayload } from "../../support/webhooks";

const DAYS = 24 * HOURS;
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

const products = () => [
  { id: nextId(), variantId: nextId(), title: "Summit Lantern", price: "39.00" },
  { id: nextId(), variantId: nextId(), title: "Trail Mug", price: "18.00" },
  { id: nextId(), variantId: nextId(), title: "Ridge Daypack", price: "89.00" },
];

function newShopper(): Shopper {
  const id = nextId();
  return { customerId: id, email: `ada.${id}@example.com`, firstName: "Ada" };
}

/** Shopify's documented customers/create example, for this shopper, with this consent (or none). */
function customerCreated(shopper: Shopper, state: "subscribed" | "not_subscribed") {
  const at = clock.now();
  return {
    ...examplePayload("customers/create"),
    id: Number(shopper.customerId),
    admin_graphql_api_id: `gid://shopify/Customer/${shopper.customerId}`,
    email: shopper.email,
    first_name: shopper.firstName,
    last_name: "Lovelace",
    created_at: iso(at),
    updated_at: iso(at),
    addresses: [],
    default_address: null,
    email_marketing_consent: {
      state,
      opt_in_level: state === "subscribed" ? "single_opt_in" : null,
      consent_updated_at: state === "subscribed" ? iso(at) : null,
    },
  };
}

/** Shopify's documented customers_email_marketing_consent/update example for this shopper. */
function consentUpdated(shopper: Shopper, state: "subscribed" | "unsubscribed") {
  return {
    ...examplePayload("customers_email_marketing_consent/update"),
    customer_id: Number(shopper.customerId),
    email_address: shopper.email,
    email_marketing_consent: consentPayload(state, clock.now()),
  };
}

async function welcomeRuns(db: Db, shop: string, shopper: Shopper) {
  return db.flowRun.findMany({
    where: { shop, flowKey: "welcome", customerShopifyId: shopper.customerId },
    select: { status: true, exitReason: true, context: true },
  });
}

const subjects = (shopper: Shopper) => mailsTo(smtp, shopper.email).map((m) => m.parsed?.subject ?? "");

async function tickAfter(ms: number) {
  clock.advance(ms);
  await pipeline.tick();
}

describe("welcome series through real webhooks", () => {
  it("customers/create SUBSCRIBED: day 0, 2 and 5 go out by SMTP, each leading with another product", async () => {
    const catalog = products();
    const { shop, db } = await setUpShop({ flows: ["welcome", "post_purchase"], products: catalog });
    const shopper = newShopper();
    await webhook({ topic: "customers/create", shop, body: customerCreated(shopper, "subscribed") });
    const [run] = await welcomeRuns(db, shop, shopper);
    expect(run.status).toBe("active");
    const featured = JSON.parse(run.context).productShopifyIds as string[];
    expect(new Set(featured)).toEqual(new Set(catalog.map((p) => p.id)));

    await tickAfter(1 * MINUTES);
    expect(mailsTo(smtp, shopper.email)).toHaveLength(1);
    await tickAfter(2 * DAYS);
    expect(mailsTo(smtp, shopper.email)).toHaveLength(2);
    await tickAfter(3 * DAYS);
    const mails = mailsTo(smtp, shopper.email);
    expect(mails).toHaveLength(3);
    expect(subjects(shopper)[0]).toMatch(/Welcome to Ridge Supply|Glad you're here|Say hello to/);
    // Each email's lead product is the next best seller in the run's ranking.
    const title = (id: string) => catalog.find((p) => p.id === id)?.title ?? "";
    mails.forEach((mail, i) => {
      expect(mail.parsed?.text ?? "").toContain(title(featured[i]));
    });
    expect((await welcomeRuns(db, shop, shopper))[0].status).toBe("completed");
    // Every welcome email carries the one-click unsubscribe headers like every other flow.
    for (const mail of mails) expect(mail.raw).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
  });

  it("consent/update SUBSCRIBED enters; orders/create ends the series before day 2", async () => {
    const catalog = products();
    const { shop, db } = await setUpShop({ flows: ["welcome"], products: catalog });
    const shopper = newShopper();
    await webhook({ topic: "customers/create", shop, body: customerCreated(shopper, "not_subscribed") });
    expect(await welcomeRuns(db, shop, shopper)).toHaveLength(0);
    clock.advance(10 * MINUTES);
    await webhook({
      topic: "customers_email_marketing_consent/update",
      shop,
      body: consentUpdated(shopper, "subscribed"),
    });
    expect((await welcomeRuns(db, shop, shopper))[0].status).toBe("active");
    await tickAfter(1 * MINUTES);
    expect(mailsTo(smtp, shopper.email)).toHaveLength(1);

    clock.advance(1 * DAYS);
    await webhook({
      topic: "orders/create",
      shop,
      body: orderPayload({
        orderId: nextId(),
        name: "#1001",
        checkoutToken: null,
        shopper,
        lines: [
          {
            productId: catalog[0].id,
            variantId: catalog[0].variantId,
            title: catalog[0].title,
            variantTitle: null,
            quantity: 1,
            price: catalog[0].price,
          },
        ],
        processedAt: clock.now(),
      }),
    });
    const [run] = await welcomeRuns(db, shop, shopper);
    expect(run.status).toBe("exited");
    expect(run.exitReason).toBe("placed their first order (#1001)");
    await tickAfter(10 * DAYS);
    expect(mailsTo(smtp, shopper.email)).toHaveLength(1);
  });

  it("customers/update NOT_SUBSCRIBED -> SUBSCRIBED enters; a customer who already bought never does", async () => {
    const catalog = products();
    const { shop, db } = await setUpShop({ flows: ["welcome"], products: catalog });
    const newcomer = newShopper();
    await webhook({ topic: "customers/create", shop, body: customerCreated(newcomer, "not_subscribed") });
    clock.advance(5 * MINUTES);
    await webhook({
      topic: "customers/update",
      shop,
      body: customerPayload(newcomer, { state: "subscribed", at: clock.now() }, clock.now()),
    });
    expect((await welcomeRuns(db, shop, newcomer))[0]?.status).toBe("active");

    const buyer = newShopper();
    await webhook({
      topic: "orders/create",
      shop,
      body: orderPayload({
        orderId: nextId(),
        name: "#2001",
        checkoutToken: null,
        shopper: buyer,
        lines: [
          {
            productId: catalog[1].id,
            variantId: catalog[1].variantId,
            title: catalog[1].title,
            variantTitle: null,
            quantity: 1,
            price: catalog[1].price,
          },
        ],
        processedAt: clock.now(),
      }),
    });
    clock.advance(5 * MINUTES);
    await webhook({
      topic: "customers/update",
      shop,
      body: customerPayload(buyer, { state: "subscribed", at: clock.now() }, clock.now()),
    });
    expect(await welcomeRuns(db, shop, buyer)).toHaveLength(0);
    const why = await whyLog(db, shop, { customerShopifyId: buyer.customerId });
    expect(why.find((w) => w.flowKey === "welcome")?.reason).toMatch(/already a customer/);
    await tickAfter(1 * MINUTES);
    await tickAfter(2 * DAYS);
    await tickAfter(3 * DAYS);
    expect(mailsTo(smtp, buyer.email)).toHaveLength(0);
    expect(mailsTo(smtp, newcomer.email)).toHaveLength(3);
  });

  it("unsubscribing stops the series; re-subscribing later does not restart it", async () => {
    const { shop, db } = await setUpShop({ flows: ["welcome"], products: products() });
    const shopper = newShopper();
    await webhook({ topic: "customers/create", shop, body: customerCreated(shopper, "subscribed") });
    await tickAfter(1 * MINUTES);
    clock.advance(1 * DAYS);
    await webhook({
      topic: "customers_email_marketing_consent/update",
      shop,
      body: consentUpdated(shopper, "unsubscribed"),
    });
    expect((await welcomeRuns(db, shop, shopper))[0].status).toBe("exited");
    clock.advance(3 * DAYS);
    await webhook({
      topic: "customers_email_marketing_consent/update",
      shop,
      body: consentUpdated(shopper, "subscribed"),
    });
    expect(await welcomeRuns(db, shop, shopper)).toHaveLength(1);
    await tickAfter(10 * DAYS);
    expect(mailsTo(smtp, shopper.email)).toHaveLength(1);
  });

  it("the first-order discount, switched on, goes out as a single-use code in the first email only", async () => {
    const { shop, db } = await setUpShop({ flows: ["welcome"], products: products() });
    const saved = await updateFlowConfig(
      db,
      shop,
      "welcome",
      { steps: { "welcome.hello": { discountPercent: 10 } } },
      clock.now(),
    );
    expect(saved.ok).toBe(true);
    const shopper = newShopper();
    await webhook({ topic: "customers/create", shop, body: customerCreated(shopper, "subscribed") });
    await tickAfter(1 * MINUTES);
    await tickAfter(2 * DAYS);
    await tickAfter(3 * DAYS);
    const texts = mailsTo(smtp, shopper.email).map((m) => m.parsed?.text ?? "");
    expect(texts).toHaveLength(3);
    expect(texts[0]).toMatch(/Use code TEND-[A-Z2-9]{10} for 10% off your order\./);
    expect(texts.slice(1).some((t) => t.includes("Use code"))).toBe(false);
    const message = await db.message.findFirst({
      where: { shop, flowKey: "welcome", stepIndex: 0, customerShopifyId: shopper.customerId },
      select: { discountCode: true },
    });
    expect(texts[0]).toContain(message?.discountCode ?? "missing");
  });
});
