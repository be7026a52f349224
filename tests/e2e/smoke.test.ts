// The admin frame loads over the production build in demo mode, with App Bridge stubbed locally.
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Browser, launchBrowser, screenshot } from "../support/browser";
import { type AppServer, startAppServer } from "../support/app-server";
import { seedDrafts, seedMessages, seedProducts, seedShop } from "./fixtures";

let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  server = await startAppServer();
  await seedShop(server.db, server.shop);
  await seedProducts(server.db, server.shop);
  await seedDrafts(server.db, server.shop, 30);
  await seedMessages(server.db, server.shop);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test("dashboard renders every flow", async () => {
  const { page } = browser;
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}/app`);
  await page.getByRole("heading", { name: "Flows" }).waitFor();
  await expect(page.getByText("Checkout abandonment")).toBeTruthy();
  await screenshot(page, "dashboard");
  expect(errors).toEqual([]);
});
