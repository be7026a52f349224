// README's main command, as a new user runs it: a fresh clone, `npm run demo` on a fresh SQLite
// file and a free port, 60 s headless while the demo clock moves forward, then the outbox must hold
// emails with merchant-approved (demo auto-approved) copy from at least three different flows, and
// the reports page must show attributed revenue and lift over the holdout (seeded history).
// node_modules is symlinked from this checkout instead of a 2-minute `npm install`.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../app/db/client.server";
import { openTestDb } from "../support/database";
import { freePort } from "../support/app-server";
import { launchBrowser } from "../support/browser";

const ROOT = path.resolve(import.meta.dirname, "../..");
const RUN_MS = 60_000;

let dir = "";
let child: ChildProcess | undefined;
let output = "";
let url = "";
let db: Db | undefined;

async function waitFor(predicate: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (child?.exitCode !== null && child?.exitCode !== undefined)
      throw new Error(`demo exited (${child.exitCode}) before ${what}:\n${output.slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function post(body: object) {
  const res = await fetch(`${url}/demo/clock`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return res.json();
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "tend-demo-clone-"));
  const clone = spawnSync("git", ["clone", "--quiet", ROOT, path.join(dir, "tend")], { encoding: "utf8" });
  if (clone.status !== 0) throw new Error(`git clone failed: ${clone.stderr}`);
  const repo = path.join(dir, "tend");
  symlinkSync(path.join(ROOT, "node_modules"), path.join(repo, "node_modules"), "dir");
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const databaseUrl = `file:${path.join(dir, "demo.sqlite")}`;
  // vitest's variables would make vite.config.ts drop the Remix plugin from the demo's build.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith("VITEST") && !k.startsWith("TEND_") && !k.startsWith("SHOPIFY_"),
    ),
  );
  child = spawn("npm", ["run", "demo"], {
    cwd: repo,
    env: { ...env, PORT: String(port), DATABASE_URL: databaseUrl, NODE_ENV: "production", LOG_LEVEL: "warn" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  await waitFor(() => output.includes("Tend demo store is ready"), 240_000, "the demo to be ready");
  db = await openTestDb(databaseUrl);
});

afterAll(async () => {
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

describe("npm run demo from a fresh clone", () => {
  it(
    "prints what to open and fills the outbox with approved copy from three or more flows within 60 s",
    async () => {
      expect(output).toContain(`${url}/app`);
      expect(output).toMatch(/seeded: 42 products, 300 customers/);
      expect(output).toMatch(
        /drafts awaiting your approval: [1-9]\d* \([1-9]\d* with voice or guardrail findings\)/,
      );
      expect(output).toMatch(/Quiet hours 21:00–08:00 shop time/);
      // A first business context, proposed from the demo store's own sales, shown on its page.
      const context = await db!.businessContext.findFirst({
        where: { shop: "tend-demo.myshopify.com" },
        orderBy: { version: "asc" },
      });
      expect(context).toMatchObject({ version: 1, source: "proposed" });
      expect(context?.whatTheyBuy).toMatch(/^Best sellers: /);
      const contextPage = (await (await fetch(`${url}/app/context`)).text())
        .replace(/&#x27;|&#39;/g, "'")
        .replace(/&amp;/g, "&");
      expect(contextPage).toContain("Proposed from your data");
      expect(contextPage).toContain(context!.whatTheyBuy.slice(0, 40));
      // `npm run demo:advance` from the clone, with no PORT: it finds this demo's port by itself.
      const cli = spawnSync(process.execPath, ["app/cli/demo-advance.mjs", "2h"], {
        cwd: path.join(dir, "tend"),
        encoding: "utf8",
        env: Object.fromEntries(
          Object.entries(process.env).filter(([k]) => k !== "PORT" && k !== "HOST"),
        ) as NodeJS.ProcessEnv,
      });
      expect(cli.status, cli.stderr).toBe(0);
      expect(cli.stdout).toMatch(/demo clock is now /);
      // The demo page explains quiet hours and counts the drafts waiting for approval.
      const page = await (await fetch(`${url}/app/demo`)).text();
      expect(page).toContain("Quiet hours");
      expect(page).toMatch(/\d+<!-- --> drafts wait in the/);
      const started = Date.now();
      // Simulated time: the abandonment reminders (hours), post-purchase (next day), the daily
      // win-back and anniversary scans (days), with fresh storefront activity in between.
      const moves = ["2h", "1d", "replay", "2h", "1d", "1d", "replay", "3h", "1d", "1d", "2d"];
      let i = 0;
      // The whole minute, as README promises: the demo keeps running while time moves.
      while (Date.now() - started < RUN_MS) {
        const move = moves[i++ % moves.length];
        await post(move === "replay" ? { replay: true } : { advance: move });
        await new Promise((r) => setTimeout(r, 4_000));
      }
      const rows = await db!.message.findMany({
        where: { transport: "outbox", draftId: { not: null } },
        select: { flowKey: true, draftId: true },
      });
      const approved = await db!.draft.findMany({
        where: { id: { in: rows.map((r) => r.draftId!) }, approvedAt: { not: null } },
        select: { id: true },
      });
      const ok = new Set(approved.map((d) => d.id));
      const flows = [...new Set(rows.filter((r) => ok.has(r.draftId!)).map((r) => r.flowKey))];
      const outbox = await db!.message.groupBy({
        by: ["flowKey", "status"],
        where: { transport: "outbox" },
        _count: { _all: true },
      });
      expect(
        flows.length,
        `outbox after ${Math.round((Date.now() - started) / 1000)} s: ${JSON.stringify(outbox)}\n${output.slice(-3000)}`,
      ).toBeGreaterThanOrEqual(3);
      // The storefront activity went through the real intake paths: signed webhooks and the pixel collector.
      expect(
        await db!.webhookEvent.count({ where: { topic: "checkouts/create", status: "processed" } }),
      ).toBeGreaterThan(0);
      expect(await db!.pixelEvent.count()).toBeGreaterThan(0);
      const sample = await db!.message.findFirst({
        where: { transport: "outbox", flowKey: flows[0] },
        select: { subject: true, html: true },
      });
      expect(sample?.subject?.length).toBeGreaterThan(3);
      expect(sample?.html).toContain("Squamish"); // the shop's postal address in every footer
      // The reports: attributed revenue, and lift over the holdout measured on the seeded history.
      expect(output).toMatch(/seeded history: \d+ past checkout-abandonment runs \(\d+ held out\)/);
      const reports = await fetch(`${url}/app/reports?days=30`);
      expect(reports.status).toBe(200);
      const html = await reports.text();
      expect(html).toMatch(/Attributed revenue.{0,400}\$[1-9][\d,]*\.\d\d/s);
      expect(html).toContain("Holdout (not emailed)");
      expect(html).toMatch(/Significant lift|No significant lift|Fewer orders than the holdout/);
      // The repeat purchase rate of the seeded first-time buyers: emailed vs holdout at 30/60/90 days,
      // drawn in Chromium (Polaris Viz renders in the browser only).
      expect(output).toMatch(/seeded first-time buyers: \d+ post-purchase runs \(\d+ held out\)/);
      const browser = await launchBrowser();
      try {
        await browser.page.goto(`${url}/app/reports?days=30`);
        const chart = browser.page.getByTestId("repeat-rate-chart");
        await chart.locator("svg path").first().waitFor({ timeout: 30_000 });
        const table = await browser.page.getByTestId("repeat-rate-table").innerText();
        for (const w of ["30 days", "60 days", "90 days"])
          expect(table).toMatch(new RegExp(`${w}\\s+\\d+\\.\\d%`));
        expect(table).not.toContain("Not enough buyers yet");
      } finally {
        await browser.close();
      }
      // The approvals queue groups drafts by segment: the demo marks one step "write per segment".
      const queue = await (await fetch(`${url}/app/drafts?status=all`)).text();
      expect(queue).toMatch(/Everyone \(default copy\): [1-9]/);
      for (const group of ["New customers", "Returning customers", "VIP customers"])
        expect(queue).toMatch(new RegExp(`${group}: [1-9]`));
      const waiting = await (await fetch(`${url}/app/drafts?status=pending&segment=new`)).text();
      expect(waiting).toMatch(/New customers · [1-9]/);
    },
    RUN_MS + 60_000,
  );
});
