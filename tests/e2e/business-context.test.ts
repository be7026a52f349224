// Business context in Chromium over the production build (demo mode): the demo store's seeded
// sales (the demo's own seeding) with no context yet; the first page open proposes one from that
// data, the merchant edits and saves a new version, the history lists both, and a draft written
// afterwards shows "Business context v2 used" with its text on the draft page.
import { afterAll, beforeAll, expect, test } from "vitest";
import { seedDemoShop } from "../../app/demo/seed.server";
import { DEMO_USER } from "../../app/demo/local-admin.server";
import { fixedDrafting } from "../../app/drafting/drafter.server";
import { generateDraft } from "../../app/drafting/generate.server";
import { templateProvider } from "../../app/drafting/provider";
import { type AppServer, startAppServer } from "../support/app-server";
import { type Browser, launchBrowser, screenshot } from "../support/browser";

let server: AppServer;
let browser: Browser;
const pageErrors: string[] = [];
const NOW = new Date("2026-11-20T10:00:00Z");

beforeAll(async () => {
  server = await startAppServer();
  await seedDemoShop(server.db, server.shop, NOW, 120);
  browser = await launchBrowser();
  browser.page.on("pageerror", (e) => pageErrors.push(e.message));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

test("first open proposes from the shop's data; an edit saves version 2; the draft page shows the version used", async () => {
  const { page } = browser;
  const { db, shop } = server;
  expect(await db.businessContext.count({ where: { shop } })).toBe(0);
  const best = await db.orderLine.groupBy({
    by: ["title"],
    where: { shop, order: { cancelledAt: null } },
    _sum: { quantity: true },
    orderBy: { _sum: { quantity: "desc" } },
    take: 1,
  });

  await page.goto(`${server.url}/app/context`);
  await page.getByRole("heading", { level: 1, name: "Business context" }).waitFor();
  await page.getByText("Proposed from your data", { exact: true }).first().waitFor();
  const proposed = await db.businessContext.findFirstOrThrow({ where: { shop } });
  expect(proposed).toMatchObject({ version: 1, source: "proposed" });
  expect(proposed.whatTheyBuy).toContain(`Best sellers: ${best[0].title}`);
  expect(proposed.bestCustomers).toMatch(/^\d+% of our \d+ customers have ordered more than once\./);
  expect(await page.getByLabel("What they buy and why").inputValue()).toBe(proposed.whatTheyBuy);
  await screenshot(page, "business-context-proposed");

  // A field the form refuses keeps the text typed and saves nothing.
  await page.getByLabel("What never to say").fill("<b>never</b>");
  await page.getByRole("button", { name: "Save business context" }).click();
  await page.getByText("What never to say cannot contain HTML").waitFor();
  expect(await db.businessContext.count({ where: { shop } })).toBe(1);

  await page.getByLabel("What never to say").fill("Never call a tent indestructible.");
  await page.getByLabel("What your shop stands for").fill("Repair before replace: we fix gear for life.");
  await page.getByRole("button", { name: "Save business context" }).click();
  const saved = await waitFor(
    () => db.businessContext.findFirst({ where: { shop, version: 2 } }),
    (v) => v !== null,
  );
  expect(saved).toMatchObject({
    source: "merchant",
    createdBy: DEMO_USER,
    shopStandsFor: "Repair before replace: we fix gear for life.",
    neverSay: "Never call a tent indestructible.",
    whatTheyBuy: proposed.whatTheyBuy,
  });
  await page.getByText("Version 2", { exact: true }).first().waitFor();
  await page.getByText("Written by you").waitFor();
  expect(await page.getByText("Tend wrote this first version").count()).toBe(0);

  // The history opens an earlier version.
  await page.getByRole("link", { name: "Version 1" }).click();
  await page.getByText("Viewing version 1").waitFor();
  expect(await page.getByLabel("What your shop stands for").inputValue()).toBe("");

  // A draft written now is written from version 2 and says so beside the copy.
  const product = await db.product.findFirstOrThrow({
    where: { shop, status: "ACTIVE" },
    select: { shopifyId: true },
  });
  const draft = await generateDraft(
    db,
    fixedDrafting(templateProvider, 1),
    shop,
    {
      flowKey: "checkout_abandonment",
      stepKey: "checkout_abandonment.reminder",
      productShopifyId: product.shopifyId,
    },
    { actor: "system", now: NOW },
  );
  await page.goto(`${server.url}/app/drafts/${draft.id}`);
  await page.getByRole("heading", { name: "Business context v2 used" }).waitFor();
  await page.getByText("Repair before replace: we fix gear for life.").waitFor();
  await screenshot(page, "business-context-on-draft");
  expect(pageErrors, pageErrors.join("\n")).toEqual([]);
}, 120_000);
