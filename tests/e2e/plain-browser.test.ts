// The demo as README tells a new user to open it: the production build in demo mode, every admin
// page in plain Chromium with no Shopify admin around it and every non-loopback request refused.
// Each page must render (no error boundary), log no console error and throw no page error, and show
// its own heading; the local App Bridge stand-in must stand in for the CDN script.
import type { ConsoleMessage } from "playwright-core";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FLOW_CATALOG, FLOW_KEYS } from "../../app/flows/catalog";
import { type AppServer, startAppServer } from "../support/app-server";
import { type Browser, launchBrowser, screenshot, toasts } from "../support/browser";
import { seedDrafts, seedMessages, seedProducts, seedShop } from "./fixtures";

let server: AppServer;
let browser: Browser;
let draftId = "";
const problems: string[] = [];

beforeAll(async () => {
  server = await startAppServer();
  await seedShop(server.db, server.shop, { complete: true });
  await seedProducts(server.db, server.shop);
  [draftId] = await seedDrafts(server.db, server.shop, 3);
  await seedMessages(server.db, server.shop);
  browser = await launchBrowser();
  const { page } = browser;
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Every admin page, with the heading only that page shows. */
function adminPages(): { path: string; heading: string | RegExp }[] {
  return [
    { path: "/app", heading: "Dashboard" },
    { path: "/app/drafts", heading: "Approvals" },
    { path: `/app/drafts/${draftId}`, heading: /^Checkout abandonment · / },
    ...FLOW_KEYS.map((key) => ({ path: `/app/flows/${key}`, heading: FLOW_CATALOG[key].name })),
    { path: "/app/settings", heading: "Settings" },
    { path: "/app/voice", heading: "Brand voice" },
    { path: "/app/context", heading: "Business context" },
    { path: "/app/outbox", heading: "Outbox" },
    { path: "/app/activity", heading: "Activity" },
    { path: "/app/segments", heading: "Segments" },
    { path: "/app/reports", heading: "Reports" },
    { path: "/app/privacy", heading: "Privacy requests" },
    { path: "/app/demo", heading: "Demo store" },
  ];
}

describe("every admin page in a plain browser (demo mode, no network)", () => {
  test("renders with its heading, no error boundary, no console or page error", async () => {
    const { page } = browser;
    const pages = adminPages();
    // Every page the admin's navigation links to is among them (a new page cannot be forgotten).
    const nav = [...readFileSync("app/routes/app.tsx", "utf8").matchAll(/<Link to="(\/app[^"]*)"/g)].map(
      (m) => m[1],
    );
    expect(nav.length).toBeGreaterThan(5);
    for (const path of nav)
      expect(
        pages.map((p) => p.path),
        path,
      ).toContain(path);
    for (const { path, heading } of pages) {
      problems.length = 0;
      const response = await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
      expect(response?.status(), path).toBe(200);
      await page.getByRole("heading", { level: 1, name: heading }).waitFor({ timeout: 10_000 });
      const text = await page.locator("body").innerText();
      // The admin's boundary (AdminErrorBanner) and Remix's own fallbacks.
      expect(text, path).not.toMatch(
        /Something went wrong|Tend could not load this page|Request failed \(|Application Error|Unexpected Server Error/,
      );
      expect(problems, path).toEqual([]);
      await screenshot(page, `plain-browser${path.replaceAll("/", "-")}`);
    }
    expect(browser.blocked, "requests beyond loopback").toEqual([]);
  });

  test("App Bridge is the local stand-in: no CDN script, window.shopify present", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/app/settings`, { waitUntil: "networkidle" });
    const scripts = await page
      .locator("script[src]")
      .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
    expect(scripts.some((src) => src.includes("cdn.shopify.com"))).toBe(false);
    expect(scripts.some((src) => /\/assets\/app-bridge-standin-[\w-]+\.js$/.test(src))).toBe(true);
    const bridge = await page.evaluate(() => ({
      toast: typeof window.shopify?.toast?.show,
      saveBar: typeof window.shopify?.saveBar?.show,
      element: typeof customElements.get("ui-save-bar"),
    }));
    expect(bridge).toEqual({ toast: "function", saveBar: "function", element: "function" });
  });

  test("a flow page's save bar shows on edit, Discard hides it, a toast is shown", async () => {
    const { page } = browser;
    problems.length = 0;
    await page.goto(`${server.url}/app/flows/checkout_abandonment`, { waitUntil: "networkidle" });
    const bar = page.locator("ui-save-bar");
    expect(await bar.evaluate((el) => el.hasAttribute("data-open"))).toBe(false);
    await page.getByLabel("Step 1 delay", { exact: true }).fill("2");
    await page.locator("ui-save-bar[data-open]").waitFor();
    await screenshot(page, "plain-browser-save-bar");
    await bar.getByRole("button", { name: "Discard" }).click();
    await page.locator("ui-save-bar:not([data-open])").waitFor({ state: "attached" });
    expect(await page.getByLabel("Step 1 delay", { exact: true }).inputValue()).toBe("1");

    await page.evaluate(() => window.shopify.toast.show("Saved from the stand-in"));
    await page.getByRole("status").getByText("Saved from the stand-in").waitFor();
    expect((await toasts(page)).map((t) => t.message)).toContain("Saved from the stand-in");
    expect(problems).toEqual([]);
  });
});
