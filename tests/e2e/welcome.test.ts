// The welcome series in the demo, as README tells a new user to run it: `npm run demo` from a fresh
// clone on a fresh SQLite file, then `npm run demo:advance` a few times; the demo's newsletter sign-ups (signed
// customers/create webhooks) must have had welcome emails, and Chromium shows them in the outbox,
// filtered to the flow, with the email itself one click away.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../app/db/client.server";
import { freePort } from "../support/app-server";
import { type Browser, launchBrowser, screenshot } from "../support/browser";
import { openTestDb } from "../support/database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SHOP = "tend-demo.myshopify.com";

let dir = "";
let child: ChildProcess | undefined;
let output = "";
let url = "";
let port = 0;
let db: Db | undefined;
let browser: Browser | undefined;

async function waitFor(predicate: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (child?.exitCode !== null && child?.exitCode !== undefined)
      throw new Error(`demo exited (${child.exitCode}) before ${what}:\n${output.slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** `npm run demo:advance -- <arg>` against this demo (PORT names it; no recorded-demo lookup). */
function demoAdvance(arg: string): string {
  const cli = spawnSync("npm", ["run", "--silent", "demo:advance", "--", arg], {
    cwd: path.join(dir, "tend"),
    encoding: "utf8",
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port) },
  });
  if (cli.status !== 0) throw new Error(`demo:advance ${arg} failed: ${cli.stderr}\n${output.slice(-3000)}`);
  return cli.stdout;
}

beforeAll(async () => {
  // A fresh clone, as a new user has it (and out of the way of builds others run in this checkout);
  // node_modules is symlinked rather than installed.
  dir = mkdtempSync(path.join(tmpdir(), "tend-welcome-demo-"));
  const repo = path.join(dir, "tend");
  const clone = spawnSync("git", ["clone", "--quiet", ROOT, repo], { encoding: "utf8" });
  if (clone.status !== 0) throw new Error(`git clone failed: ${clone.stderr}`);
  symlinkSync(path.join(ROOT, "node_modules"), path.join(repo, "node_modules"), "dir");
  port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // vitest's variables would make vite.config.ts drop the Remix plugin from the demo's build.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith("VITEST") && !k.startsWith("TEND_") && !k.startsWith("SHOPIFY_"),
    ),
  );
  child = spawn("npm", ["run", "demo"], {
    cwd: repo,
    env: {
      ...env,
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: `file:${path.join(dir, "demo.sqlite")}`,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
    },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  await waitFor(() => output.includes("Tend demo store is ready"), 280_000, "the demo to be ready");
  db = await openTestDb(`file:${path.join(dir, "demo.sqlite")}`);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
  const group = child?.pid;
  const signal = (name: NodeJS.Signals) => {
    try {
      if (group) process.kill(-group, name); // npm, its shell and the server: the group we started
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  await new Promise((r) => setTimeout(r, 2_000));
  signal("SIGKILL");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("welcome emails in the demo", () => {
  it("after npm run demo and README's advances, the outbox shows welcome emails to new subscribers", async () => {
    // The demo's sign-ups arrived by webhook and were enrolled: they have never ordered.
    // The worker processes the start's replayed webhooks in the background: wait for them.
    const welcomeRuns = () =>
      db!.flowRun.findMany({
        where: { shop: SHOP, flowKey: "welcome" },
        select: { customerShopifyId: true },
      });
    let runs = await welcomeRuns();
    for (const until = Date.now() + 90_000; runs.length === 0 && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 500));
      runs = await welcomeRuns();
    }
    const signups = await db!.customer.count({ where: { shop: SHOP, tags: "newsletter" } });
    expect(runs.length, `${signups} sign-ups stored; demo output:\n${output.slice(-3000)}`).toBeGreaterThan(
      0,
    );
    const ordered = await db!.order.count({
      where: { shop: SHOP, customerShopifyId: { in: runs.map((r) => r.customerShopifyId ?? "") } },
    });
    expect(ordered).toBe(0);

    for (const step of ["2h", "1d", "1d"]) expect(demoAdvance(step)).toMatch(/demo clock is now /);

    const sent = await db!.message.findMany({
      where: { shop: SHOP, flowKey: "welcome", transport: "outbox", status: "sent" },
      select: { id: true, subject: true, draftId: true },
    });
    expect(sent.length).toBeGreaterThan(0);
    const approved = await db!.draft.count({
      where: { id: { in: sent.map((m) => m.draftId ?? "") }, approvedAt: { not: null } },
    });
    expect(approved).toBeGreaterThan(0);

    const { page } = browser!;
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${url}/app/outbox?flow=welcome`);
    const rows = page.locator("tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(Math.min(sent.length, 50));
    for (const cell of await page.locator("tbody tr td:nth-child(4)").allTextContents())
      expect(cell).toBe("Welcome series");
    // The flow filter is a real control: choosing "All flows" brings the other flows' emails back.
    await page.getByLabel("Flow").selectOption("");
    await page.waitForURL(/\/app\/outbox$/);
    const others = page.locator("tbody tr td:nth-child(4)").filter({ hasNotText: "Welcome series" });
    await others.first().waitFor();
    expect(await others.count()).toBeGreaterThan(0);

    // One welcome email, opened as the customer sees it.
    const first = sent[0];
    await page.goto(`${url}/app/outbox?flow=welcome&id=${first.id}`);
    await page
      .getByText(first.subject ?? "", { exact: false })
      .first()
      .waitFor();
    const frame = page.frameLocator("iframe").first();
    await frame.getByText("Unsubscribe").first().waitFor();
    await screenshot(page, "welcome-outbox");
    expect(errors).toEqual([]);
  }, 300_000);

  it("the flow page switches the first-order discount on, within the shop's cap", async () => {
    const { page } = browser!;
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const setting = () =>
      db!.flowSetting.findUnique({ where: { shop_flowKey: { shop: SHOP, flowKey: "welcome" } } });
    const before = await setting();
    const cap = (await db!.shopSettings.findUnique({ where: { shop: SHOP } }))?.maxDiscountPercent ?? 15;
    await page.goto(`${url}/app/flows/welcome`);
    await page.getByRole("heading", { name: "First-order discount" }).waitFor();
    await page.getByLabel("Offer new subscribers a discount on their first order").check();
    expect(await page.getByLabel("Discount (%)", { exact: true }).inputValue()).toBe(
      String(Math.min(10, cap)),
    );
    await page.getByRole("button", { name: "Save flow" }).click();
    const deadline = Date.now() + 15_000;
    let saved = await setting();
    while ((saved?.version ?? 0) <= (before?.version ?? 0) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      saved = await setting();
    }
    expect(JSON.parse(saved?.config ?? "{}")).toEqual({
      steps: { "welcome.hello": { discountPercent: Math.min(10, cap) } },
    });
    await screenshot(page, "welcome-flow-discount");
    expect(errors).toEqual([]);
  }, 60_000);
});
