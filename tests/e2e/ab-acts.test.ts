// A/B that acts, in Chromium over the production build (demo mode): the flow page shows a subject
// winner in force and Undo restores the split; the personalised-vs-generic switch starts and stops
// the test. Each step is checked in the database the server uses.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_USER } from "../../app/demo/local-admin.server";
import { evaluateAbTests } from "../../app/insights/ab-decisions.server";
import { type AppServer, startAppServer } from "../support/app-server";
import { type Browser, launchBrowser, screenshot } from "../support/browser";
import { seedShop } from "./fixtures";

let server: AppServer;
let browser: Browser;
const pageErrors: string[] = [];
const FLOW = "checkout_abandonment";
const DECIDED = new Date("2026-11-20T15:00:00Z");

async function history(variant: number, sent: number, clicks: number) {
  const at = new Date(DECIDED.getTime() - 86_400_000);
  const ids = Array.from({ length: sent }, () => randomUUID());
  await server.db.message.createMany({
    data: ids.map((id) => ({
      id,
      shop: server.shop,
      runId: `hist-${id}`,
      stepIndex: 0,
      flowKey: FLOW,
      status: "sent",
      messageIdHeader: `<${id}@mail.tend.test>`,
      variant,
      claimedAt: at,
      sentAt: at,
    })),
  });
  await server.db.click.createMany({
    data: ids
      .slice(0, clicks)
      .map((messageId) => ({ shop: server.shop, messageId, url: "https://x.test/", at })),
  });
}

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

beforeAll(async () => {
  server = await startAppServer();
  await seedShop(server.db, server.shop, { complete: true });
  await server.db.shop.update({ where: { shop: server.shop }, data: { timeZone: "America/Los_Angeles" } });
  await history(0, 600, 18);
  await history(1, 600, 54);
  browser = await launchBrowser();
  browser.page.on("pageerror", (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test("flow page: a decided subject test shows its winner and Undo restores the split", async () => {
  expect(await evaluateAbTests(server.db, server.shop, DECIDED)).toHaveLength(1);
  const { page } = browser;
  await page.goto(`${server.url}/app/flows/${FLOW}`);
  await page.getByText("Step 1 subject line: Variant B won on Nov 20, 2026 — all sends use it.").waitFor();
  await page.getByText("Variant B: 600 sent · 9.0% clicked · 0.0% ordered").first().waitFor();
  await screenshot(page, "ab-decided");

  await page.getByRole("button", { name: /^Undo: Step 1 subject line/ }).click();
  const undone = await waitFor(
    () => server.db.abDecision.findFirst({ where: { shop: server.shop, flowKey: FLOW } }),
    (d) => d?.revertedAt != null,
  );
  expect(undone).toMatchObject({ revertedBy: DEMO_USER, activeKey: null, winner: "1" });
  await page.getByText(/Variant B won on Nov 20, 2026; undone on .* the split runs again\./).waitFor();
  await expect.poll(() => page.getByText("all sends use it.").count()).toBe(0);
  // The split collects again from the undo on: the old sends no longer count.
  await page.getByText("No winner yet: nothing sent since the test started.").waitFor();
  expect(pageErrors, pageErrors.join("\n")).toEqual([]);
});

test("flow page: the personalised vs generic test is switched on and off", async () => {
  const { page } = browser;
  await page.goto(`${server.url}/app/flows/${FLOW}`);
  await page.getByText(/Generic: the step's default .all customers. copy/).waitFor();
  await page.getByRole("button", { name: "Start personalised vs generic test" }).click();
  const on = await waitFor(
    () =>
      server.db.personalisationTest.findUnique({
        where: { shop_flowKey: { shop: server.shop, flowKey: FLOW } },
      }),
    (t) => t?.enabled === true,
  );
  expect(on).toMatchObject({ changedBy: DEMO_USER });
  expect(on?.startedAt).toBeInstanceOf(Date);
  await page.getByText("Test running").waitFor();
  await page.getByText(/Half the customers, chosen by customer, get generic copy since/).waitFor();
  // Its result so far, beside the switch (the subject test undone above says the same of itself).
  await expect
    .poll(() => page.getByText("No winner yet: nothing sent since the test started.").count())
    .toBe(2);
  await screenshot(page, "ab-personalisation-on");

  await page.getByRole("button", { name: "Stop personalised vs generic test" }).click();
  await waitFor(
    () =>
      server.db.personalisationTest.findUnique({
        where: { shop_flowKey: { shop: server.shop, flowKey: FLOW } },
      }),
    (t) => t?.enabled === false,
  );
  await page.getByRole("button", { name: "Start personalised vs generic test" }).waitFor();
  expect(pageErrors, pageErrors.join("\n")).toEqual([]);
});
