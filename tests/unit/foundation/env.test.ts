// Boot-time environment validation: clear messages, demo defaults only in demo mode.
import { describe, expect, it } from "vitest";
import { DEMO_DEFAULTS, parseEnv } from "../../../app/env.server";

describe("parseEnv", () => {
  it("refuses to start live without Shopify credentials, naming each missing variable", () => {
    expect(() => parseEnv({ TEND_MODE: "live" })).toThrow(
      /SHOPIFY_API_KEY: is required[\s\S]*SHOPIFY_API_SECRET/,
    );
  });

  it("rejects a DATABASE_URL that is neither SQLite nor PostgreSQL", () => {
    expect(() => parseEnv({ TEND_MODE: "demo", DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
  });

  it("fills demo credentials and a loopback app URL in demo mode only", () => {
    const env = parseEnv({ TEND_MODE: "demo", PORT: "4100" });
    expect(env.SHOPIFY_API_SECRET).toBe(DEMO_DEFAULTS.SHOPIFY_API_SECRET);
    expect(env.SHOPIFY_APP_URL).toBe("http://127.0.0.1:4100");
    const live = parseEnv({
      TEND_MODE: "live",
      SHOPIFY_API_KEY: "k",
      SHOPIFY_API_SECRET: "s",
      SHOPIFY_APP_URL: "https://tend.example",
    });
    expect(live.SHOPIFY_API_SECRET).toBe("s");
  });
});
