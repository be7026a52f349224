// Which topics each webhook route takes (mirrors shopify.app.toml; tests/contract checks it), and
// what the receive path needs to know about a topic before anything is stored.

export const ROUTE_TOPICS: Readonly<Record<string, readonly string[]>> = {
  checkouts: ["checkouts/create", "checkouts/update"],
  orders: ["orders/create", "orders/updated", "orders/paid", "orders/cancelled"],
  customers: [
    "customers/create",
    "customers/update",
    "customers/delete",
    "customers_email_marketing_consent/update",
  ],
  products: ["products/create", "products/update", "products/delete"],
  bulk: ["bulk_operations/finish"],
  app: ["app/uninstalled", "app/scopes_update", "shop/update"],
  compliance: ["customers/data_request", "customers/redact", "shop/redact"],
};

/** Topics that erase data: exact documented shape, stored shop id, fresh trigger time. */
export const DESTRUCTIVE_TOPICS: ReadonlySet<string> = new Set(["shop/redact", "customers/redact"]);

/** What Shopify still sends once the app is uninstalled. */
const AFTER_UNINSTALL: ReadonlySet<string> = new Set([
  "app/uninstalled",
  "shop/redact",
  "customers/redact",
  "customers/data_request",
]);

/**
 * Topics one handler applies the same way: the same bytes under two of them carry nothing new, so
 * a body is recorded once per family (a replay under a sibling topic or another shop is dropped).
 */
const FAMILY: Readonly<Record<string, string>> = {
  "orders/create": "order",
  "orders/updated": "order",
  "orders/paid": "order",
  "orders/cancelled": "order",
  "checkouts/create": "checkout",
  "checkouts/update": "checkout",
  "customers/create": "customer",
  "customers/update": "customer",
  "products/create": "product",
  "products/update": "product",
};

export function topicFamily(topic: string): string {
  return FAMILY[topic] ?? topic;
}

/**
 * Families whose recorded body makes a delivery of this topic a duplicate: an uninstall's shop
 * object re-sent as shop/update says nothing new (the reverse must never drop an uninstall).
 */
const SHADOWED_BY: Readonly<Record<string, readonly string[]>> = {
  "shop/update": ["app/uninstalled"],
};

export function shadowingFamilies(topic: string): readonly string[] {
  return SHADOWED_BY[topic] ?? [];
}

/** The route name of a request path: "/webhooks/orders" → "orders"; null for anything else. */
export function routeOfPath(pathname: string): string | null {
  const match = /^\/webhooks\/([a-z_]+)\/?$/.exec(pathname);
  return match && match[1] in ROUTE_TOPICS ? match[1] : null;
}

export function routeAccepts(route: string | null, topic: string): boolean {
  return route !== null && (ROUTE_TOPICS[route]?.includes(topic) ?? false);
}

export function acceptedAfterUninstall(topic: string): boolean {
  return AFTER_UNINSTALL.has(topic);
}

/** Shopify retries 8 times over 4 hours: a destructive delivery triggered longer ago is a replay. */
export const DESTRUCTIVE_MAX_AGE_MS = 5 * 60 * 60_000;

/** Normalises "ORDERS_CREATE" / "orders/create" to Shopify's slash form. */
export function topicName(topic: string): string {
  if (topic.includes("/")) return topic.toLowerCase();
  const lower = topic.toLowerCase();
  // Only the first underscore separates resource from action, except for multi-word resources.
  const multiWord = ["customers_email_marketing_consent", "bulk_operations", "customers_marketing_consent"];
  for (const prefix of multiWord) {
    if (lower.startsWith(`${prefix}_`)) return `${prefix}/${lower.slice(prefix.length + 1)}`;
  }
  const i = lower.indexOf("_");
  return i < 0 ? lower : `${lower.slice(0, i)}/${lower.slice(i + 1)}`;
}
