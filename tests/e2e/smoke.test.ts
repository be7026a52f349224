// Every admin page loads over the production build in demo mode (App Bridge stubbed locally),
// without a page error, and is saved as a screenshot for review.
import { afterAll, beforeAll, expect, test } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";
import { type Browser, launchBrowser, screenshot } from "../support/browser";
import { seedDrafts, seedMessages, seedProducts, seedShop } from "./fixtures";

let server: AppServer;
let browser: Browser;
let draftId: string;
const errors: string[] = [];

beforeAll(async () => {
  server = await startAppServer();
  await seedShop(server.db, server.shop);
  await seedProducts(server.db, server.shop);
  [draftId] = await seedDrafts(server.db, server.shop, 30);
  await seedMessages(server.db, server.shop);
  browser = await launchBrowser();
  browser.page.on("pageerror", (e) => errors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const PAGES: [string, string, string][] = [
  ["dashboard", "/app", "Flows"],
  ["flow-detail", "/app/flows/checkout_abandonment", "Who enters"],
  ["approvals", "/app/drafts", "Approvals"],
  ["voice", "/app/voice", "Generic vs your voice"],
  ["settings", "/app/settings", "Sender"],
  ["activity", "/app/activity", "Activity"],
  ["activity-customer", "/app/activity?email=ana%40example.com", "Timeline"],
  ["outbox", "/app/outbox", "Outbox"],
];

for (const [name, path, heading] of PAGES) {
  test(`${name} renders`, async () => {
    const { page } = browser;
    const res = await page.goto(`${server.url}${path}`);
    expect(res?.status()).toBe(200);
    await page.getByRole("heading", { name: heading }).first().waitFor();
    await screenshot(page, name);
    expect(errors).toEqual([]);
  });
}

test("dashboard shows revenue attributed to a flow", async () => {
  await browser.page.goto(`${server.url}/app`);
  await browser.page
    .getByRole("row", { name: /Checkout abandonment/ })
    .getByText("$249.00")
    .waitFor();
});

test("outbox shows a held email as the customer would see it", async () => {
  const { page } = browser;
  await page.goto(`${server.url}/app/outbox`);
  await page.getByRole("link", { name: "Your Trail Tent 2P is still waiting" }).first().click();
  await page.frameLocator("iframe").getByText("Hello").waitFor();
  await screenshot(page, "outbox-message");
  expect(errors).toEqual([]);
});

test("draft detail renders with its preview", async () => {
  const { page } = browser;
  await page.goto(`${server.url}/app/drafts/${draftId}`);
  await page.getByRole("heading", { name: "Decision" }).waitFor();
  await page.frameLocator("iframe").getByText("Finish checkout").first().waitFor();
  await screenshot(page, "draft-detail");
  await page.getByRole("tab", { name: "Mobile" }).click();
  await screenshot(page, "draft-detail-mobile");
  await page.getByRole("tab", { name: "Plain text" }).click();
  await expect(page.getByTestId("preview-text").textContent()).resolves.toContain("You left the");
  expect(errors).toEqual([]);
});

test("a missing draft is a 404 with a calm banner", async () => {
  const res = await browser.page.goto(`${server.url}/app/drafts/nope`);
  expect(res?.status()).toBe(404);
  await browser.page.getByText("Not found").first().waitFor();
  await screenshot(browser.page, "draft-404");
});
