// shopify.app.toml is what Shopify CLI deploys: it must agree with the code it configures.
import { existsSync, readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";

interface Subscription {
  topics?: string[];
  compliance_topics?: string[];
  uri: string;
}
interface AppToml {
  embedded: boolean;
  access_scopes: { scopes: string; use_legacy_install_flow: boolean };
  webhooks: { api_version: string; subscriptions: Subscription[] };
}

const toml = parse(readFileSync("shopify.app.toml", "utf8")) as unknown as AppToml;

const REQUIRED_TOPICS = [
  "checkouts/create",
  "checkouts/update",
  "orders/create",
  "orders/updated",
  "orders/paid",
  "orders/cancelled",
  "customers/create",
  "customers/update",
  "customers/delete",
  "customers_email_marketing_consent/update",
  "products/create",
  "products/update",
  "products/delete",
  "bulk_operations/finish",
  "app/uninstalled",
  "app/scopes_update",
  "shop/update",
];
const COMPLIANCE = ["customers/data_request", "customers/redact", "shop/redact"];

describe("shopify.app.toml", () => {
  it("is an embedded app on the new install flow, on the same API version as the code", () => {
    expect(toml.embedded).toBe(true);
    expect(toml.access_scopes.use_legacy_install_flow).toBe(false);
    const server = readFileSync("app/shopify.server.ts", "utf8");
    expect(server).toContain("ApiVersion.October26");
    expect(toml.webhooks.api_version).toBe("2026-10");
  });

  it("subscribes to every topic Tend handles, and the compliance topics", () => {
    const topics = toml.webhooks.subscriptions.flatMap((s) => s.topics ?? []);
    const compliance = toml.webhooks.subscriptions.flatMap((s) => s.compliance_topics ?? []);
    expect([...topics].sort()).toEqual([...REQUIRED_TOPICS].sort());
    expect([...compliance].sort()).toEqual([...COMPLIANCE].sort());
  });

  it("points every subscription at a route file that exists", () => {
    for (const sub of toml.webhooks.subscriptions) {
      const match = /^\/webhooks\/([a-z_]+)$/.exec(sub.uri);
      expect(match, sub.uri).not.toBeNull();
      expect(existsSync(`app/routes/webhooks.${match?.[1]}.tsx`), sub.uri).toBe(true);
    }
  });

  it("requests exactly the scopes README justifies", () => {
    const scopes = toml.access_scopes.scopes.split(",").map((s) => s.trim());
    expect(new Set(scopes).size).toBe(scopes.length);
    const readme = readFileSync("README.md", "utf8");
    for (const scope of scopes) expect(readme, `README must justify ${scope}`).toContain(`\`${scope}\``);
  });
});
