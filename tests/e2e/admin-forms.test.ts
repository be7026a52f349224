// Settings, brand voice, inline edit, queue filters and the onboarding checklist, in Chromium over
// the production build (demo mode); each asserts what the database holds afterwards.
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { DEMO_USER } from "../../app/demo/local-admin.server";
import { type AppServer, startAppServer } from "../support/app-server";
import { type Browser, launchBrowser, screenshot } from "../support/browser";
import { PRODUCTS, seedDrafts, seedProducts, seedShop } from "./fixtures";

let server: AppServer;
let browser: Browser;
let drafts: string[];
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startAppServer();
  await seedShop(server.db, server.shop);
  await seedProducts(server.db, server.shop);
  drafts = await seedDrafts(server.db, server.shop, 60);
  browser = await launchBrowser();
  browser.page.on("pageerror", (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(() => {
  pageErrors.length = 0;
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

test("settings: a bad reply-to is refused with a field error; a good form is saved", async () => {
  const { page } = browser;
  await page.goto(`${server.url}/app/settings`);
  await page.getByLabel("Sender name").fill("Pine & Pack");
  await page.getByLabel("Reply-to address").fill("not-an-email");
  await page.getByLabel("Shop postal address").fill("12 Pine Road, Portland, OR 97201, USA");
  await page.getByLabel("Quiet hours start").fill("22:30");
  await page.getByLabel("Holdout group (%)").fill("15");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Enter a valid email address").waitFor();
  await screenshot(page, "admin-settings-invalid");
  expect(
    (await server.db.shopSettings.findUnique({ where: { shop: server.shop } }))?.senderName ?? null,
  ).toBeNull();

  await page.getByLabel("Reply-to address").fill("hello@pineandpack.example");
  await page.getByRole("button", { name: "Save settings" }).click();
  const saved = await waitFor(
    () => server.db.shopSettings.findUnique({ where: { shop: server.shop } }),
    (s) => s?.senderName === "Pine & Pack",
  );
  expect(saved).toMatchObject({
    senderName: "Pine & Pack",
    replyTo: "hello@pineandpack.example",
    postalAddress: "12 Pine Road, Portland, OR 97201, USA",
    quietHoursStart: 22 * 60 + 30,
    holdoutPercent: 15,
  });
  expect(pageErrors, pageErrors.join("\n")).toEqual([]);
});

test("brand voice: the live sample rescoring as rules change, and a save creates a version", async () => {
  const { page } = browser;
  await page.goto(`${server.url}/app/voice`);
  const genericScore = async () => {
    const card = page
      .locator("div")
      .filter({ has: page.getByRole("heading", { name: "Generic marketing copy" }) })
      .last();
    return Number((await card.getByText(/Voice score \d+/).textContent())?.replace(/\D/g, ""));
  };
  await page.getByText("A cart reminder for “").waitFor();
  const before = await genericScore();
  // Banning a word the generic copy uses lowers its score at once, before anything is saved.
  await page.getByLabel("Banned words and phrases (comma separated)").fill("delighted, act now, purchase");
  await expect.poll(genericScore).toBeLessThan(before);
  await page.getByLabel("The same message in your voice").fill("Your cart's still here. Take your time.");
  await page.getByLabel("Sign-off").fill("Sam at Pine & Pack");
  await screenshot(page, "admin-voice-live");
  await page.getByRole("button", { name: "Save voice guide" }).click();
  const guide = await waitFor(
    () => server.db.voiceGuide.findFirst({ where: { shop: server.shop }, orderBy: { version: "desc" } }),
    (g) => g !== null,
  );
  expect(guide?.version).toBe(1);
  expect(guide?.signOff).toBe("Sam at Pine & Pack");
  expect(JSON.parse(guide?.bannedWords ?? "[]")).toEqual(["delighted", "act now", "purchase"]);
  expect(guide?.createdBy).toBe(DEMO_USER);
  await page.getByText("Version 1", { exact: true }).waitFor();
  expect(pageErrors, pageErrors.join("\n")).toEqual([]);
});

test("inline edit: the edited subject is approved as a new version", async () => {
  const { page } = browser;
  const id = drafts[2];
  await page.goto(`${server.url}/app/drafts/${id}`);
  await page.getByLabel("Subject line A").fill("A calmer subject for your tent");
  await page.getByRole("button", { name: "Save and approve" }).last().click();
  const edited = await waitFor(
    () => server.db.draft.findFirst({ where: { shop: server.shop, previousId: id, status: "approved" } }),
    (d) => d !== null,
  );
  expect(JSON.parse(edited?.content ?? "{}").subjects[0]).toBe("A calmer subject for your tent");
  expect(edited?.approvedBy).toBe(DEMO_USER);
  await page.waitForURL(`**/app/drafts/${edited?.id}`);
  await screenshot(page, "admin-draft-edited");
  expect(pageErrors, pageErrors.join("\n")).toEqual([]);
});

test("regenerate: a new version is written and opened", async () => {
  const { page } = browser;
  const id = drafts[4];
  await page.goto(`${server.url}/app/drafts/${id}`);
  await page.getByRole("button", { name: "Write a new version" }).click();
  const next = await waitFor(
    () => server.db.draft.findFirst({ where: { shop: server.shop, previousId: id } }),
    (d) => d !== null,
  );
  expect(next?.status).toMatch(/pending|parked/);
  await page.waitForURL(`**/app/drafts/${next?.id}`);
  const audit = await server.db.draftAudit.findMany({ where: { shop: server.shop, draftId: next?.id } });
  expect(audit.length).toBeGreaterThan(0);
  expect(pageErrors, pageErrors.join("\n")).toEqual([]);
});

test("queue: filters and pages are done by the server", async () => {
  const { page } = browser;
  await page.goto(`${server.url}/app/drafts`);
  await page.getByText(/drafts · page 1 of 3/).waitFor();
  await page.getByRole("button", { name: "Next page" }).click();
  await page.waitForURL(/page=2/);
  await page.getByText(/page 2 of 3/).waitFor();
  await page.getByLabel("Product").selectOption(PRODUCTS[1].shopifyId);
  await page.waitForURL(new RegExp(`product=${PRODUCTS[1].shopifyId}`));
  const expected = await server.db.draft.count({
    where: { shop: server.shop, productShopifyId: PRODUCTS[1].shopifyId, status: "pending" },
  });
  await page.getByText(`${expected} drafts · page 1 of 1`).waitFor();
  const rows = await page.getByRole("row").count();
  const groups = await page.getByTestId("segment-group").count(); // one subheader row per segment group
  expect(groups).toBe(1); // the seeded drafts are all default copy
  expect(rows - 1 - groups).toBe(expected); // minus the header row
  await page.getByLabel("Status").selectOption("rejected");
  await page.getByText("No drafts match these filters").waitFor();
  await screenshot(page, "admin-queue-empty");
  expect(pageErrors, pageErrors.join("\n")).toEqual([]);
});

test("flow entry filters: win-back's lapse threshold is saved as an override", async () => {
  const { page } = browser;
  await page.goto(`${server.url}/app/flows/win_back`);
  await page.getByLabel("Days without an order before a customer counts as lapsed").fill("120");
  await page.getByTestId("edit-impact").waitFor();
  await page.getByText(/lapsed after 120 days/).waitFor();
  await page.getByRole("button", { name: "Save flow" }).click();
  const saved = await waitFor(
    () =>
      server.db.flowSetting.findUnique({
        where: { shop_flowKey: { shop: server.shop, flowKey: "win_back" } },
      }),
    (s) => (s?.version ?? 1) > 1,
  );
  expect(JSON.parse(saved?.config ?? "{}")).toEqual({ steps: {}, lapseDays: 120 });
  await screenshot(page, "admin-flow-winback");
  expect(pageErrors, pageErrors.join("\n")).toEqual([]);
});

test("onboarding: the checklist follows what the merchant has done", async () => {
  const { page } = browser;
  await page.goto(`${server.url}/app`);
  // Settings and voice were saved above; no flow is on yet.
  await page.getByText("2 of 3 done").waitFor();
  await page.getByRole("button", { name: "Turn on Cart abandonment" }).click();
  await page.getByText("3 of 3 done").waitFor();
  await screenshot(page, "admin-onboarding-complete");
  await page.getByRole("button", { name: "Hide this checklist" }).click();
  const s = await waitFor(
    () => server.db.shopSettings.findUnique({ where: { shop: server.shop } }),
    (v) => v?.onboardingDismissedAt != null,
  );
  expect(s?.onboardingDismissedAt).not.toBeNull();
  await page.getByText("Set up Tend").waitFor({ state: "detached" });
  expect(pageErrors, pageErrors.join("\n")).toEqual([]);
});
