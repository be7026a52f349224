// Chromium (Debian's) driven by playwright-core, as a plain browser: every non-loopback request is
// refused (tests never need the network). In demo mode the app loads its own App Bridge stand-in
// (app/components/app-bridge-standin.js), so admin pages need nothing from Shopify's CDN.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "../screenshots");

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Requests to anything but loopback, refused (the demo must not need any). */
  blocked: string[];
  close: () => Promise<void>;
}

export async function launchBrowser(options: { width?: number; height?: number } = {}): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), "tend-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
  });
  const blocked: string[] = [];
  await context.route(
    (url) => url.hostname !== "127.0.0.1" && url.protocol.startsWith("http"),
    (route) => {
      blocked.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    blocked,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Full-page screenshot into tests/screenshots/<name>.png (gitignored) for human review. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Toasts the app's App Bridge stand-in recorded on this page (demo mode). */
export async function toasts(page: Page): Promise<{ message: string; isError: boolean }[]> {
  return page.evaluate(
    () => (window as unknown as { __toasts?: { message: string; isError: boolean }[] }).__toasts ?? [],
  );
}
