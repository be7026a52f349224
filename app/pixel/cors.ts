// CORS for the pixel collector. The pixel runs in Shopify's strict sandbox on the storefront, so
// requests come from the shop's storefront origin. The signed shop token is the real check; CORS
// keeps other sites' pages from using visitors' browsers to post. Requests without an Origin
// (not from a browser) are left to the token check.
export interface OriginPolicy {
  /** Extra storefront hosts (custom domains) allowed for this shop. */
  extraHosts?: readonly string[];
  /** Demo mode: the local storefront is plain http on loopback. */
  allowLoopbackHttp?: boolean;
}

export function originAllowed(origin: string | null, shop: string, policy: OriginPolicy = {}): boolean {
  if (!origin) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol === "http:" && policy.allowLoopbackHttp)
    return host === "127.0.0.1" || host === "localhost";
  if (url.protocol !== "https:") return false;
  return (
    host === shop ||
    host.endsWith(".myshopify.com") ||
    host === "checkout.shopify.com" ||
    (policy.extraHosts ?? []).includes(host)
  );
}

export function corsHeaders(origin: string | null): Record<string, string> {
  if (!origin) return {};
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "86400",
    Vary: "Origin",
  };
}
