// The Segments page in Chromium over the production build: signed orders/create webhooks posted
// to the running server (inline worker) give four customers their segments; the page shows each
// definition with the live count the database holds; a bad VIP threshold is refused with the
// field named, a good one is saved and the shop recomputed (a two-order customer becomes VIP).
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_SHOP } from "../../app/demo/local-admin.server";
import { DEMO_DEFAULTS } from "../../app/env.server";
import { segmentCounts } from "../../app/store/segments.server";
import { type AppServer, startAppServer } from "../support/app-server";
import { type Browser, launchBrowser, screenshot } from "../support/browser";
import { examplePayload, installShop, signedWebhookRequest } from "../support/webhooks";

const DAY = 24 * 60 * 60 * 1000;
let server: AppServer;
let browser: Browser;
const pageErrors: string[] = [];

/** Shopify's documented orders/create example, re-addressed to one of our customers. */
function orderBody(orderId: number, customerId: number, daysAgo: number, price: string) {
  const example = examplePayload("orders/create");
  const line = (example.line_items as Array<Record<string, unknown>>)[0];
  const at = new Date(Date.now() - daysAgo * DAY).toISOString();
  return {
    ...example,
    id: orderId,
    admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
    name: `#${orderId}`,
    checkout_token: null,
    currency: "USD",
    presentment_currency: "USD",
    subtotal_price: price,
    total_price: price,
    financial_status: "paid",
    cancelled_at: null,
    refunds: [],
    created_at: at,
    processed_at: at,
    updated_at: at,
    line_items: [{ ...line, id: orderId * 10, quantity: 1, price }],
    customer: {
      id: customerId,
      admin_graphql_api_id: `gid://shopify/Customer/${customerId}`,
      email: `c${customerId}@example.com`,
      first_name: "Sam",
    },
    email: `c${customerId}@example.com`,
    contact_email: `c${customerId}@example.com`,
  };
}

async function post(body: object): Promise<void> {
  const request = signedWebhookRequest({
    topic: "orders/create",
    shop: DEMO_SHOP,
    body,
    secret: DEMO_DEFAULTS.SHOPIFY_API_SECRET,
  });
  const res = await fetch(`${server.url}/webhooks/orders`, {
    method: "POST",
    headers: Object.fromEntries(request.headers),
    body: await request.text(),
  });
  expect(res.status).toBe(200);
}

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

/** The page's list as segment label → customers shown. */
async function shownCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const item of await browser.page.locator("li:has([data-segment-count])").all()) {
    const label = ((await item.locator('[id^="segment-"]').textContent()) ?? "").trim();
    out[label] = Number(((await item.locator("[data-segment-count]").textContent()) ?? "").replace(/,/g, ""));
  }
  return out;
}

beforeAll(async () => {
  server = await startAppServer({ env: { TEND_WORKER: "inline" } }); // the demo signs with its own secret
  await installShop(server.db, DEMO_SHOP);
  browser = await launchBrowser();
  browser.page.on("pageerror", (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test("segment definitions with live counts; the VIP threshold is validated, saved and applied", async () => {
  await post(orderBody(7001, 501, 2, "100.00")); // one recent order: new
  await post(orderBody(7002, 502, 30, "100.00")); // two orders, last 2 days ago: returning
  await post(orderBody(7003, 502, 2, "100.00"));
  await post(orderBody(7004, 503, 200, "100.00")); // last order 200 days ago: lapsed
  await post(orderBody(7005, 504, 50, "100.00")); // gap 10 days, 40 since: at risk
  await post(orderBody(7006, 504, 40, "100.00"));
  const computed = await waitFor(
    () => segmentCounts(server.db, DEMO_SHOP),
    (c) => c.bySegment.at_risk === 1 && c.bySegment.returning === 1,
  );
  expect(computed.bySegment).toEqual({ new: 1, returning: 1, vip: 0, at_risk: 1, lapsed: 1 });

  const { page } = browser;
  await page.goto(`${server.url}/app/segments`);
  await page.getByRole("heading", { name: "Segments" }).first().waitFor();
  expect(await shownCounts()).toEqual({ New: 1, Returning: 1, VIP: 0, "At risk": 1, Lapsed: 1 });
  await page.getByText(/the last one was more than 180 days ago/).waitFor();
  await page.getByText(/^Among the top 10% of your buyers/).waitFor();
  await screenshot(page, "admin-segments");

  await page.getByLabel("VIP when total spend is at least").fill("lots");
  await page.getByRole("button", { name: "Save and recompute" }).click();
  await page.getByText("Enter an amount like 250 or 250.00").first().waitFor();
  expect(
    (await server.db.shopSettings.findUnique({ where: { shop: DEMO_SHOP } }))?.vipThresholdMinor ?? null,
  ).toBeNull();

  await page.getByLabel("VIP when total spend is at least").fill("150");
  await page.getByRole("button", { name: "Save and recompute" }).click();
  await page.getByText(/^Has ordered and spent at least 150\.00 in total/).waitFor();
  const settings = await server.db.shopSettings.findUnique({ where: { shop: DEMO_SHOP } });
  expect(settings?.vipThresholdMinor).toBe(15_000);
  // 502 (200.00, returning) becomes VIP; 504 (200.00) stays at risk: at risk comes first.
  expect(await shownCounts()).toEqual({ New: 1, Returning: 0, VIP: 1, "At risk": 1, Lapsed: 1 });
  expect((await segmentCounts(server.db, DEMO_SHOP)).bySegment.vip).toBe(1);
  expect(pageErrors, pageErrors.join("\n")).toEqual([]);
});
