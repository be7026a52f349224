// Demo mode refuses to boot where its auth bypass could be reached or real credentials exist:
// the real boot() is called with each environment and must fail before doing anything.
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../../../app/env.server";
import { services } from "../../../app/services.server";
import { applyTestEnv } from "../../support/env";

afterEach(() => {
  delete process.env.HOST;
  applyTestEnv();
  resetEnvForTests();
});

function demoEnv(extra: Record<string, string | undefined>) {
  process.env.TEND_MODE = "demo";
  delete process.env.SHOPIFY_API_KEY;
  delete process.env.SHOPIFY_API_SECRET;
  delete process.env.SHOPIFY_APP_URL;
  Object.assign(process.env, extra);
  resetEnvForTests();
}

describe("demo boot refusal", () => {
  it("refuses to start demo mode with real Shopify credentials configured", async () => {
    demoEnv({ SHOPIFY_API_KEY: "real-client-id", SHOPIFY_API_SECRET: "real-secret-value" });
    await expect(services.boot("web")).rejects.toThrow(
      /demo mode refuses to start with real Shopify credentials/,
    );
  });

  it("refuses to start demo mode listening beyond loopback", async () => {
    demoEnv({ HOST: "0.0.0.0" });
    await expect(services.boot("web")).rejects.toThrow(/HOST=0.0.0.0/);
  });
});
