// Demo mode must never run as a production deployment: it bypasses Shopify's embedded auth for
// loopback requests. It refuses to start when real Shopify credentials are configured or when the
// server would listen on, or be reached at, anything but loopback.
import { DEMO_DEFAULTS, type Env } from "./env.server";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Why demo mode must not start with this environment, or null when it may. */
export function demoStartRefusal(e: Env): string | null {
  if (e.TEND_MODE !== "demo") return null;
  if (
    e.SHOPIFY_API_KEY !== DEMO_DEFAULTS.SHOPIFY_API_KEY ||
    e.SHOPIFY_API_SECRET !== DEMO_DEFAULTS.SHOPIFY_API_SECRET
  ) {
    return "demo mode refuses to start with real Shopify credentials (SHOPIFY_API_KEY / SHOPIFY_API_SECRET are set): unset them or use `npm start`";
  }
  if (!isLoopbackHost(e.HOST)) {
    return `demo mode listens on loopback only; HOST=${e.HOST} would expose the demo's auth bypass`;
  }
  if (e.SHOPIFY_APP_URL && !isLoopbackHost(new URL(e.SHOPIFY_APP_URL).hostname)) {
    return `demo mode serves loopback only; SHOPIFY_APP_URL=${e.SHOPIFY_APP_URL} is not a loopback address`;
  }
  return null;
}
