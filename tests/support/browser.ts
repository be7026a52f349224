// Chromium (Debian's) driven by playwright-core, with Shopify's CDN replaced by a local App
// Bridge stand-in and every other non-loopback request refused: tests never need the network.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "../screenshots");

/**
 * What the test needs of App Bridge: `window.shopify` (toast, saveBar, idToken, loading) and the
 * ui-* elements as inert custom elements. Toasts are recorded on `window.__toasts` and shown in a
 * live region; a shown save bar renders its buttons so tests can press Save / Discard.
 */
export const APP_BRIDGE_STAND_IN = `
(() => {
  const toasts = (window.__toasts = []);
  function region() {
    let el = document.getElementById("__toast_region");
    if (!el) {
      el = document.createElement("div");
      el.id = "__toast_region";
      el.setAttribute("role", "status");
      el.style.cssText = "position:fixed;bottom:12px;left:50%;transform:translateX(-50%);z-index:9999;font:14px sans-serif";
      document.body.appendChild(el);
    }
    return el;
  }
  const saveBars = new Map();
  window.shopify = {
    config: { apiKey: document.currentScript && document.currentScript.dataset.apiKey, shop: "tend-demo.myshopify.com" },
    toast: {
      show(message, opts) {
        toasts.push({ message, isError: !!(opts && opts.isError) });
        const item = document.createElement("div");
        item.className = "__toast";
        item.textContent = message;
        item.style.cssText = "background:#303030;color:#fff;padding:8px 14px;border-radius:8px;margin-top:6px";
        region().appendChild(item);
        setTimeout(() => item.remove(), (opts && opts.duration) || 4000);
        return String(toasts.length);
      },
      hide() {},
    },
    saveBar: {
      show(id) { const el = document.getElementById(id); if (el) el.show(); return Promise.resolve(); },
      hide(id) { const el = document.getElementById(id); if (el) el.hide(); return Promise.resolve(); },
      toggle(id) { const el = document.getElementById(id); if (el) (el.hasAttribute("data-open") ? el.hide() : el.show()); return Promise.resolve(); },
      leaveConfirmation() { return Promise.resolve(); },
    },
    idToken() { return Promise.resolve("demo-id-token"); },
    loading() {},
    environment: { embedded: false, mobile: false, pos: false },
  };
  class Inert extends HTMLElement {}
  class SaveBar extends HTMLElement {
    show() { this.setAttribute("data-open", ""); this.dispatchEvent(new Event("show")); }
    hide() { if (this.hasAttribute("data-open")) { this.removeAttribute("data-open"); this.dispatchEvent(new Event("hide")); } }
    get showing() { return this.hasAttribute("data-open"); }
  }
  for (const name of ["ui-nav-menu", "ui-title-bar", "ui-modal", "s-app-nav"]) {
    if (!customElements.get(name)) customElements.define(name, class extends Inert {});
  }
  if (!customElements.get("ui-save-bar")) customElements.define("ui-save-bar", SaveBar);
  const style = document.createElement("style");
  style.textContent = "ui-nav-menu,ui-title-bar,ui-modal{display:none}ui-save-bar{display:none}ui-save-bar[data-open]{display:flex;gap:8px;position:fixed;top:0;right:0;z-index:9998;padding:8px;background:#1a1a1a}";
  document.head.appendChild(style);
})();
`;

export interface Browser {
  context: BrowserContext;
  page: Page;
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
  await context.route("https://cdn.shopify.com/**", (route) =>
    route.fulfill({ status: 200, contentType: "application/javascript", body: APP_BRIDGE_STAND_IN }),
  );
  await context.route(
    (url) =>
      url.hostname !== "127.0.0.1" && url.hostname !== "cdn.shopify.com" && url.protocol.startsWith("http"),
    (route) => route.abort("blockedbyclient"),
  );
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
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

/** Toasts the stand-in recorded on this page. */
export async function toasts(page: Page): Promise<{ message: string; isError: boolean }[]> {
  return page.evaluate(
    () => (window as unknown as { __toasts?: { message: string; isError: boolean }[] }).__toasts ?? [],
  );
}
