// Admin page speed: LCP and CLS of the dashboard and the approval queue with 5,000 drafts, in
// Chromium, on the production build over loopback (demo mode). `npm run bench:admin`; not a test.
// Target: LCP <= 1.0 s and CLS <= 0.1 on every run (Built for Shopify asks LCP <= 2.5 s at p75).
import type { Page } from "playwright-core";
import { seedDrafts, seedMessages, seedProducts, seedShop } from "../e2e/fixtures";
import { startAppServer } from "../support/app-server";
import { launchBrowser } from "../support/browser";

const DRAFTS = Number(process.env.BENCH_DRAFTS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const LCP_TARGET_MS = 1000;
const CLS_TARGET = 0.1;

/** Collects LCP and layout shifts from the first paint on (installed before any page script). */
const OBSERVE = `
  window.__vitals = { lcp: 0, cls: 0, lcpElement: "" };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__vitals.lcp = e.renderTime || e.loadTime || e.startTime;
      window.__vitals.lcpElement = e.element ? e.element.tagName + (e.element.textContent || "").slice(0, 40) : "";
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__vitals.cls += e.value;
  }).observe({ type: "layout-shift", buffered: true });
`;

interface Sample {
  lcp: number;
  cls: number;
  lcpElement: string;
  ttfb: number;
}

async function measure(page: Page, url: string): Promise<Sample> {
  await page.goto(url, { waitUntil: "load" });
  // LCP settles once rendering stops; hydration and late shifts happen within this window.
  await page.waitForTimeout(1500);
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return { ...(window as unknown as { __vitals: Sample }).__vitals, ttfb: nav?.responseStart ?? 0 };
  });
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const server = await startAppServer();
  const browser = await launchBrowser();
  try {
    const t0 = Date.now();
    await seedShop(server.db, server.shop, { complete: true });
    await seedProducts(server.db, server.shop);
    await seedDrafts(server.db, server.shop, DRAFTS);
    await seedMessages(server.db, server.shop);
    console.log(`seeded ${DRAFTS} drafts in ${Date.now() - t0} ms`);
    await browser.context.addInitScript(OBSERVE);
    // One request per page first, outside the browser: the figures are for a running server, not
    // for the first request after boot (module and database warm-up). The browser cache is cold
    // for each page's first run ("lcpFirstMs").
    for (const path of ["/app", "/app/drafts"]) await fetch(`${server.url}${path}`).then((r) => r.text());
    const pages = [
      ["dashboard", "/app"],
      ["approval queue", "/app/drafts"],
      ["approval queue, all statuses, page 100", "/app/drafts?status=all&page=100"],
    ] as const;
    let pass = true;
    for (const [name, path] of pages) {
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) {
        const page = await browser.context.newPage();
        samples.push(await measure(page, `${server.url}${path}`));
        await page.close();
      }
      const lcps = samples.map((s) => s.lcp);
      const clss = samples.map((s) => s.cls);
      const worstCls = Math.max(...clss);
      const row = {
        page: name,
        runs: RUNS,
        lcpFirstMs: Math.round(lcps[0]),
        lcpMedianMs: Math.round(pct(lcps, 50)),
        lcpP75Ms: Math.round(pct(lcps, 75)),
        lcpMaxMs: Math.round(Math.max(...lcps)),
        ttfbMedianMs: Math.round(
          pct(
            samples.map((s) => s.ttfb),
            50,
          ),
        ),
        clsMax: Number(worstCls.toFixed(4)),
        lcpElement: samples[samples.length - 1].lcpElement,
      };
      const ok = row.lcpMaxMs <= LCP_TARGET_MS && worstCls <= CLS_TARGET;
      pass &&= ok;
      console.log(JSON.stringify({ ...row, ok }));
    }
    console.log(pass ? "PASS: LCP <= 1.0 s and CLS <= 0.1 on every run" : "FAIL: a page missed the target");
    process.exitCode = pass ? 0 : 1;
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
