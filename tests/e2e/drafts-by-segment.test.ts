// Copy per segment in Chromium over the production build (demo mode, worker inline): the flow page
// shows how many drafts marking segments will write, and their cost, before anything is generated;
// saving queues them, the background pass writes them, and the approvals queue shows them grouped
// under a heading per segment. Each step is checked in the database the server uses.
import { afterAll, beforeAll, expect, test } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";
import { type Browser, launchBrowser, screenshot } from "../support/browser";
import { seedProducts, seedShop } from "./fixtures";

let server: AppServer;
let browser: Browser;
const pageErrors: string[] = [];
const FLOW = "checkout_abandonment";
const STEP = "checkout_abandonment.reminder";

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    value = await read();
  }
  return value;
}

beforeAll(async () => {
  server = await startAppServer({ env: { TEND_WORKER: "inline" } });
  await seedShop(server.db, server.shop, { complete: true });
  await seedProducts(server.db, server.shop);
  await server.db.flowSetting.create({ data: { shop: server.shop, flowKey: FLOW, enabled: true } });
  await server.db.customer.createMany({
    data: ["vip", "vip", "vip", "new", "returning"].map((segment, i) => ({
      shop: server.shop,
      shopifyId: `seg-${i}`,
      segment,
    })),
  });
  browser = await launchBrowser();
  browser.page.on("pageerror", (e) => pageErrors.push(e.message));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test("flow page: marking segments shows the draft count and cost before anything is generated", async () => {
  const { page } = browser;
  await page.goto(`${server.url}/app/flows/${FLOW}`);
  const count = page.getByTestId("segment-draft-count");
  await count.getByText(/^0 segment drafts will be written/).waitFor();
  await page.getByLabel("VIP (3)").first().check();
  await page.getByLabel("New (1)").first().check();
  // 4 products + 1 generic, for 2 segments, on one marked step; nothing is written yet.
  await count.getByText(/^10 segment drafts will be written \(4 products \+ 1 generic/).waitFor();
  await count.getByText(/Estimated AI cost: (under \$0\.01|\$\d+\.\d\d)\./).waitFor();
  expect(await server.db.draft.count({ where: { shop: server.shop, segment: { not: null } } })).toBe(0);
  await screenshot(page, "segments-before-generating");

  await page.getByRole("button", { name: "Save and write drafts" }).click();
  await page
    .getByTestId("segment-save-result")
    .getByText(/Per-segment copy saved/)
    .waitFor();
  const setting = await server.db.flowSetting.findUnique({
    where: { shop_flowKey: { shop: server.shop, flowKey: FLOW } },
  });
  expect(JSON.parse(setting?.segmentSteps ?? "{}")).toEqual({ [STEP]: ["new", "vip"] });
  // The background pass writes exactly what the page announced.
  const written = await waitFor(
    () => server.db.draft.count({ where: { shop: server.shop, segment: { not: null } } }),
    (n) => n >= 10,
    90_000,
  );
  expect(written).toBe(10);
  expect(pageErrors, pageErrors.join("\n")).toEqual([]);
}, 150_000);

test("approvals queue: drafts are grouped under a heading per segment", async () => {
  const { page } = browser;
  await page.goto(`${server.url}/app/drafts?status=all`);
  const groups = page.getByTestId("segment-group");
  await groups.first().waitFor();
  const headings = await groups.allTextContents();
  expect(headings.map((h) => h.replace(/ · \d+$/, ""))).toEqual([
    "Everyone (default copy)",
    "New customers",
    "VIP customers",
  ]);
  expect(headings[1]).toBe("New customers · 5");
  expect(headings[2]).toBe("VIP customers · 5");
  // Under the VIP heading, the copy is VIP copy (the template drafter opens it its own way).
  const vip = await server.db.draft.findFirstOrThrow({
    where: { shop: server.shop, segment: "vip", productShopifyId: "9001" },
  });
  const subject = JSON.parse(vip.content).subjects[0] as string;
  expect(subject).toMatch(/^For one of our best customers/);
  await page.getByRole("link", { name: subject }).waitFor();
  await screenshot(page, "queue-grouped-by-segment");

  // Each group is a link that narrows the queue to it; the draft says whom it is written for.
  const links = await page.getByTestId("segment-group-link").allTextContents();
  expect(links).toEqual(["Everyone (default copy): 15", "New customers: 5", "VIP customers: 5"]);
  await page.getByTestId("segment-group-link").filter({ hasText: "VIP customers" }).click();
  await page.waitForURL(/segment=vip/);
  await expect.poll(() => page.getByTestId("segment-group").allTextContents()).toEqual(["VIP customers · 5"]);
  await page.getByRole("link", { name: subject }).click();
  await page.getByText("Trail Tent 2P · for VIP customers").waitFor();
  expect(pageErrors, pageErrors.join("\n")).toEqual([]);
});
