// Reports by real segment, in Chromium over the production build (demo mode): the per flow ×
// segment table names each segment exactly as the Segments page defines it (the shop's VIP
// threshold included), the repeat-rate chart draws emailed vs holdout with data, and the CSV export
// downloads with the segment and repeat-rate rows. Data is hand-built relative to the server's clock.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { segmentDefinitions } from "../../app/domain/segments";
import { loadSegmentRules } from "../../app/store/segments.server";
import { type AppServer, startAppServer } from "../support/app-server";
import { type Browser, launchBrowser, screenshot } from "../support/browser";
import { seedShop } from "./fixtures";

let server: AppServer;
let browser: Browser;
const pageErrors: string[] = [];
const DAY = 86_400_000;

async function seedBuyers(now: Date) {
  const { db, shop } = server;
  const orders = [];
  const runs = [];
  for (let i = 0; i < 200; i++) {
    const holdout = i >= 140;
    const first = new Date(now.getTime() - (100 + (i % 50)) * DAY);
    const customerShopifyId = `e2e-buyer-${i}`;
    orders.push({ shop, shopifyId: `e2e-o${i}`, customerShopifyId, processedAt: first, totalMinor: 5_000 });
    if (i % (holdout ? 6 : 4) === 0)
      orders.push({
        shop,
        shopifyId: `e2e-o${i}-again`,
        customerShopifyId,
        processedAt: new Date(first.getTime() + 20 * DAY),
        totalMinor: 5_000,
      });
    runs.push({
      shop,
      flowKey: "post_purchase",
      flowVersion: 1,
      enrollKey: `post_purchase:e2e-o${i}`,
      customerShopifyId,
      email: `buyer${i}@example.com`,
      status: "completed",
      holdout,
      startedAt: first,
    });
  }
  await db.order.createMany({ data: orders });
  await db.flowRun.createMany({ data: runs });
}

async function seedMessages(now: Date) {
  const { db, shop } = server;
  const sentAt = new Date(now.getTime() - 5 * DAY);
  const rows: Array<[string, string | null, string]> = [
    ...Array.from({ length: 6 }, (): [string, string | null, string] => ["post_purchase", "new", "sent"]),
    ["post_purchase", "returning", "sent"],
    ["checkout_abandonment", null, "sent"],
    ["checkout_abandonment", "vip", "complained"],
    ["win_back", "lapsed", "sent"],
  ];
  await db.message.createMany({
    data: rows.map(([flowKey, segment, status], i) => ({
      shop,
      runId: `e2e-run-${i}`,
      stepIndex: 0,
      flowKey,
      status,
      segment,
      messageIdHeader: `<e2e-${i}@mail.tend.test>`,
      claimedAt: sentAt,
      sentAt,
    })),
  });
}

beforeAll(async () => {
  server = await startAppServer();
  await seedShop(server.db, server.shop, { complete: true });
  await server.db.shopSettings.update({ where: { shop: server.shop }, data: { vipThresholdMinor: 50_000 } });
  const now = new Date(); // the server's demo clock is real time here: every date below is relative
  await seedBuyers(now);
  await seedMessages(now);
  browser = await launchBrowser();
  browser.page.on("pageerror", (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test("segment labels and definitions on the reports match the Segments page word for word", async () => {
  const { page } = browser;
  const definitions = segmentDefinitions(await loadSegmentRules(server.db, server.shop));
  await page.goto(`${server.url}/app/segments`);
  for (const d of definitions) {
    expect(await page.locator(`#segment-${d.key}`).textContent()).toBe(d.label);
    await page.getByText(d.definition, { exact: true }).waitFor();
  }

  await page.goto(`${server.url}/app/reports?days=90`);
  const labels = page.locator("[data-segment-label]");
  await labels.first().waitFor();
  const shown = await labels.evaluateAll((els) =>
    els.map((e) => ({
      key: e.getAttribute("data-segment-label"),
      text: e.textContent,
      title: e.getAttribute("title"),
    })),
  );
  expect(new Set(shown.map((s) => s.key))).toEqual(
    new Set(["new", "returning", "vip", "lapsed", "not_recorded"]),
  );
  for (const s of shown) {
    const d = definitions.find((x) => x.key === s.key);
    if (s.key === "not_recorded") expect(s.text).toBe("Not yet computed");
    else expect([s.text, s.title]).toEqual([d?.label, d?.definition]);
  }
  const legend = await page.locator("[data-segment-definition]").allInnerTexts();
  for (const d of definitions.filter((x) => shown.some((s) => s.key === x.key)))
    expect(legend).toContain(`${d.label}: ${d.definition}`);
  // The VIP definition carries this shop's threshold, as on the Segments page.
  expect(legend.some((l) => l.startsWith("VIP:") && l.includes("500.00"))).toBe(true);
  expect(pageErrors, pageErrors.join("\n")).toEqual([]);
});

test("the repeat-rate chart draws emailed vs holdout at 30/60/90 days with intervals", async () => {
  const { page } = browser;
  await page.goto(`${server.url}/app/reports?days=90`);
  const chart = page.getByTestId("repeat-rate-chart");
  await chart.locator("svg path").first().waitFor();
  expect(await chart.locator("svg path").count()).toBeGreaterThan(2);
  await chart.getByText("Emailed").first().waitFor();
  await chart.getByText("95% interval (shaded)").waitFor();
  const table = await page.getByTestId("repeat-rate-table").innerText();
  for (const w of ["30 days", "60 days", "90 days"]) expect(table).toContain(w);
  // 35 of 140 emailed buyers (every 4th) and 10 of 60 held out (every 6th) came back on day 20.
  expect(table).toContain("25.0% (");
  expect(table).toContain("of 140");
  expect(table).toContain("16.7% (");
  expect(table).toContain("of 60");
  await screenshot(page, "reports-segments");
  expect(pageErrors, pageErrors.join("\n")).toEqual([]);
});

test("the CSV export downloads with the flow × segment rows and the repeat-rate rows", async () => {
  const { page } = browser;
  await page.goto(`${server.url}/app/reports?days=90`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  const csv = readFileSync(String(await download.path()), "utf8").split("\r\n");
  expect(csv).toContain("segment,Post-purchase,new,New,6,0,0,0,0,0,0,0,0");
  expect(csv.some((l) => l.startsWith("segment,Checkout abandonment,vip,VIP,1,"))).toBe(true);
  expect(csv.some((l) => l.startsWith("segment,Checkout abandonment,not_recorded,Not yet computed,1,"))).toBe(
    true,
  );
  const repeat = csv.filter((l) => /^repeat_rate,\d/.test(l));
  expect(repeat.map((l) => l.split(",").slice(1, 5).join(","))).toEqual([
    "30,140,35,0.25",
    "60,140,35,0.25",
    "90,140,35,0.25",
  ]);
  expect(pageErrors, pageErrors.join("\n")).toEqual([]);
});
