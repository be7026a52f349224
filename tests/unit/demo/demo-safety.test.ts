// The demo's auth bypass: only demo mode, only the demo credentials, only loopback callers; and
// demo mode refuses to start where it could be reached from outside or with real credentials.
import { describe, expect, it } from "vitest";
import {
  type AdminGraphql,
  demoBypassAllowed,
  installedLocalAdmin,
  installLocalAdmin,
} from "../../../app/admin.server";
import { demoStartRefusal, isLoopbackHost } from "../../../app/mode-guard";
import { parseEnv } from "../../../app/env.server";

const demo = (extra: Record<string, string> = {}) => parseEnv({ TEND_MODE: "demo", ...extra });
const live = parseEnv({
  TEND_MODE: "live",
  SHOPIFY_API_KEY: "real-key",
  SHOPIFY_API_SECRET: "real-secret",
  SHOPIFY_APP_URL: "https://tend.example",
});

describe("demoBypassAllowed", () => {
  it("allows loopback callers in demo mode with the demo credentials", () => {
    for (const remoteAddress of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "127.0.0.2"]) {
      expect(demoBypassAllowed({ remoteAddress }, demo())).toBe(true);
    }
  });

  it("refuses non-loopback callers, unknown callers, live mode and real credentials", () => {
    expect(demoBypassAllowed({ remoteAddress: "10.0.0.5" }, demo())).toBe(false);
    expect(demoBypassAllowed({ remoteAddress: "::ffff:192.168.1.2" }, demo())).toBe(false);
    expect(demoBypassAllowed({ remoteAddress: "" }, demo())).toBe(false);
    expect(demoBypassAllowed(undefined, demo())).toBe(false);
    expect(demoBypassAllowed({ remoteAddress: "127.0.0.1" }, live)).toBe(false);
    expect(
      demoBypassAllowed({ remoteAddress: "127.0.0.1" }, demo({ SHOPIFY_API_SECRET: "a-real-app-secret" })),
    ).toBe(false);
  });
});

describe("demoStartRefusal", () => {
  it("lets the plain demo start on loopback", () => {
    expect(demoStartRefusal(demo())).toBeNull();
    expect(demoStartRefusal(demo({ HOST: "localhost", PORT: "4123" }))).toBeNull();
  });

  it("never concerns live mode", () => {
    expect(demoStartRefusal(live)).toBeNull();
  });

  it("refuses real Shopify credentials", () => {
    expect(demoStartRefusal(demo({ SHOPIFY_API_SECRET: "shpss_real" }))).toMatch(/real Shopify credentials/);
    expect(demoStartRefusal(demo({ SHOPIFY_API_KEY: "real-client-id" }))).toMatch(/real Shopify credentials/);
  });

  it("refuses a non-loopback listen address or app URL", () => {
    expect(demoStartRefusal(demo({ HOST: "0.0.0.0" }))).toMatch(/loopback only; HOST=0.0.0.0/);
    expect(demoStartRefusal(demo({ HOST: "192.168.1.10" }))).toMatch(/HOST=192.168.1.10/);
    expect(demoStartRefusal(demo({ SHOPIFY_APP_URL: "https://demo.example.com" }))).toMatch(
      /SHOPIFY_APP_URL/,
    );
  });

  it("recognises loopback hosts", () => {
    expect(["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"].every(isLoopbackHost)).toBe(true);
    expect(["0.0.0.0", "10.0.0.1", "example.com", "127.0.0.1.example.com"].some(isLoopbackHost)).toBe(false);
  });
});

describe("installLocalAdmin", () => {
  const graphql: AdminGraphql = async () => Response.json({ data: {} });
  const local = { shop: "local.myshopify.com", user: "owner@local", graphqlFor: () => graphql };

  it("refuses to plug a local store in outside demo mode", () => {
    expect(() => installLocalAdmin(local, live)).toThrow(/demo mode only/);
    expect(installedLocalAdmin(live)).toBeUndefined();
  });

  it("serves the installed store in demo mode only", () => {
    installLocalAdmin(local, demo());
    expect(installedLocalAdmin(demo())?.shop).toBe("local.myshopify.com");
    expect(installedLocalAdmin(live)).toBeUndefined();
  });
});
