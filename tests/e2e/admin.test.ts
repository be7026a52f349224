// The merchant's daily work in the embedded admin, driven in Chromium over the production build
// (demo mode). Each test asserts what the database holds after the click, not only the screen.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { DEMO_USER } from "../../app/demo/local-admin.server";
import { type AppServer, startAppServer } from "../support/app-server";
import { type Browser, launchBrowser, screenshot, toasts } from "../support/browser";
import { seedDrafts, seedMessages, seedProducts, seedShop } from "./fixtures";

let server: AppServer;
let browser: Browser;
let drafts: string[];
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startAppServer();
  await seedShop(server.db, server.shop, { complete: true });
  await seedProducts(server.db, server.shop);
  drafts = await seedDrafts(server.db, server.shop, 12);
  await seedMessages(server.db, server.shop);
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

const setting = (flowKey: string) =>
  server.db.flowSetting.findUnique({ where: { shop_flowKey: { shop: server.shop, flowKey } } });

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

describe("flows", () => {
  test("switch a flow on and off from the dashboard; customers in it leave with a reason", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app`);
    await page.getByRole("button", { name: "Turn on Checkout abandonment" }).click();
    await page.getByRole("button", { name: "Turn off Checkout abandonment" }).waitFor();
    const on = await waitFor(
      () => setting("checkout_abandonment"),
      (s) => s?.enabled === true,
    );
    expect(on?.enabled).toBe(true);
    expect(on?.enabledAt).not.toBeNull();
    await screenshot(page, "admin-flow-on");

    await page.getByRole("button", { name: "Turn off Checkout abandonment" }).click();
    await page.getByRole("button", { name: "Turn on Checkout abandonment" }).waitFor();
    const off = await waitFor(
      () => setting("checkout_abandonment"),
      (s) => s?.enabled === false,
    );
    expect(off?.enabled).toBe(false);
    // Switching off exits the runs after the switch itself is stored: wait for the whole action.
    const active = await waitFor(
      () =>
        server.db.flowRun.count({
          where: { shop: server.shop, flowKey: "checkout_abandonment", status: "active" },
        }),
      (n) => n === 0,
    );
    expect(active).toBe(0);
    const messages = await waitFor(
      async () => (await toasts(page)).map((t) => t.message).join("\n"),
      (m) => m.includes("turned off"),
    );
    expect(messages).toMatch(/turned off; 3 customers left the flow/);
    expect(pageErrors).toEqual([]);
  });

  test("edit a delay: impact shown before saving, new version persisted; out-of-bounds refused", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/flows/checkout_abandonment`);
    const delay = page.getByLabel("Step 1 delay", { exact: true });
    await delay.fill("3");
    await page.getByTestId("edit-impact").waitFor();
    await expect(page.getByText("waits 3 hours instead of 1 hour")).toBeTruthy();
    await screenshot(page, "admin-flow-edit-impact");
    await page.getByRole("button", { name: "Save flow" }).click();
    const saved = await waitFor(
      () => setting("checkout_abandonment"),
      (s) => (s?.version ?? 1) > 1,
    );
    expect(saved?.version).toBe(2);
    expect(JSON.parse(saved?.config ?? "{}"), saved?.config).toEqual({
      steps: { "checkout_abandonment.reminder": { delayMinutes: 180 } },
    });
    const version = await server.db.flowVersion.findUnique({
      where: { shop_flowKey_version: { shop: server.shop, flowKey: "checkout_abandonment", version: 2 } },
    });
    expect(JSON.parse(version?.definition ?? "{}").steps[0].delayMinutes).toBe(180);
    await page.getByRole("heading", { name: "Step 1: 3 hours after the trigger" }).waitFor();

    // Bounds come from the flows module: 40 days for the first reminder is refused, nothing saved.
    await delay.fill("40");
    await page.getByLabel("Step 1 delay unit").selectOption("days");
    await page.getByRole("button", { name: "Save flow" }).click();
    await page
      .getByText(/must be between/)
      .first()
      .waitFor();
    await screenshot(page, "admin-flow-edit-invalid");
    expect((await setting("checkout_abandonment"))?.version).toBe(2);
    expect(pageErrors).toEqual([]);
  });
});

describe("approvals", () => {
  test("approve one draft", async () => {
    const { page } = browser;
    const id = drafts[0];
    await page.goto(`${server.url}/app/drafts/${id}`);
    await page.getByRole("button", { name: "Approve", exact: true }).click();
    const row = await waitFor(
      () => server.db.draft.findUnique({ where: { id } }),
      (d) => d?.status === "approved",
    );
    expect(row?.status).toBe("approved");
    expect(row?.approvedBy).toBe(DEMO_USER);
    const audit = await server.db.draftAudit.findFirst({
      where: { shop: server.shop, draftId: id, action: "approved" },
    });
    expect(audit?.actor).toBe(DEMO_USER);
    await page.getByText(/Approved by/).waitFor();
    await screenshot(page, "admin-draft-approved");
    expect(pageErrors).toEqual([]);
  });

  test("reject with a reason: stored, audited, and a new version opens", async () => {
    const { page } = browser;
    const id = drafts[1];
    await page.goto(`${server.url}/app/drafts/${id}`);
    await page.getByRole("button", { name: "Reject" }).click();
    await page.getByText("Say briefly why").waitFor(); // an empty reason is refused
    expect((await server.db.draft.findUnique({ where: { id } }))?.status).toBe("pending");
    await page.getByLabel("Reason for rejecting").fill("too pushy");
    await page.getByRole("button", { name: "Reject" }).click();
    const row = await waitFor(
      () => server.db.draft.findUnique({ where: { id } }),
      (d) => d?.status === "rejected",
    );
    expect(row?.rejectionReason).toBe("too pushy");
    const audit = await server.db.draftAudit.findFirst({
      where: { shop: server.shop, draftId: id, action: "rejected" },
    });
    expect(audit?.reason).toBe("too pushy");
    const replacement = await waitFor(
      () => server.db.draft.findFirst({ where: { shop: server.shop, previousId: id } }),
      (d) => d !== null,
    );
    expect(replacement).not.toBeNull();
    await page.waitForURL(`**/app/drafts/${replacement?.id}`);
    await screenshot(page, "admin-draft-replacement");
    expect(pageErrors, pageErrors.join("\n")).toEqual([]);
  });

  test("bulk approve the selected drafts of a page", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/drafts?status=pending`);
    const chosen = drafts.slice(3, 6);
    for (const id of chosen) {
      const subject = await server.db.draft.findUnique({ where: { id }, select: { content: true } });
      const text = JSON.parse(subject?.content ?? "{}").subjects[0] as string;
      await page.getByRole("row", { name: text }).getByRole("checkbox").check({ force: true });
    }
    await screenshot(page, "admin-bulk-selected");
    await page.getByRole("button", { name: "Approve selected" }).click();
    const rows = await waitFor(
      () =>
        server.db.draft.findMany({
          where: { id: { in: chosen } },
          select: { status: true, approvedBy: true },
        }),
      (r) => r.every((d) => d.status === "approved"),
    );
    expect(rows.map((r) => r.status)).toEqual(["approved", "approved", "approved"]);
    expect(rows.every((r) => r.approvedBy === DEMO_USER)).toBe(true);
    await page.getByText("3 drafts approved.").first().waitFor();
    // The other drafts on the page were left alone.
    expect((await server.db.draft.findUnique({ where: { id: drafts[6] } }))?.status).toBe("pending");
    expect(pageErrors).toEqual([]);
  });
});

describe("activity", () => {
  test("the customer's timeline shows the exit caused by switching the flow off", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/activity`);
    await page.getByRole("tab", { name: "Failed" }).click();
    await page.getByText("550 mailbox unavailable").waitFor();
    await page.getByLabel("Find a customer by email").fill("ana@example.com");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("heading", { name: "Timeline" }).waitFor();
    const run = await server.db.flowRun.findFirst({ where: { shop: server.shop, email: "ana@example.com" } });
    expect(run?.status).toBe("exited");
    expect(run?.exitReason).toBe("flow switched off by the merchant");
    await page.getByText("flow switched off by the merchant").first().waitFor();
    await screenshot(page, "admin-activity-timeline");
    expect(pageErrors).toEqual([]);
  });
});
