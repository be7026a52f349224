// The approvals page loader tells the merchant which drafter writes the copy (called with a real
// Request in demo mode; the loopback bypass authenticates it as the demo shop).
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { installDemo } from "../../../app/demo/entry.server";
import { DEMO_SHOP } from "../../../app/demo/local-admin.server";
import { DEMO_DEFAULTS, resetEnvForTests } from "../../../app/env.server";
import { loader } from "../../../app/routes/app.drafts._index";
import { applyTestEnv } from "../../support/env";

const context = { remoteAddress: "127.0.0.1" } as unknown as AppLoadContext;
const load = () => loader({ request: new Request("http://localhost/app/drafts"), context, params: {} });

beforeAll(() => {
  process.env.TEND_MODE = "demo";
  process.env.SHOPIFY_API_SECRET = DEMO_DEFAULTS.SHOPIFY_API_SECRET;
  resetEnvForTests();
  installDemo();
});

afterAll(() => {
  applyTestEnv();
  resetEnvForTests();
});

describe("approvals page: who writes the copy", () => {
  it("without an OpenAI key: the offline templates, and how to switch", async () => {
    delete process.env.OPENAI_API_KEY;
    resetEnvForTests();
    const data = await load();
    expect(data.drafter).toEqual({
      kind: "template",
      model: null,
      label: "offline templates — set OPENAI_API_KEY for AI drafts",
    });
  });

  it("with a key: the model, and the shop's own choice of templates wins", async () => {
    process.env.OPENAI_API_KEY = "sk-test-tend";
    process.env.OPENAI_MODEL = "gpt-4.1-mini";
    resetEnvForTests();
    expect((await load()).drafter).toMatchObject({ kind: "openai", label: "OpenAI gpt-4.1-mini" });

    await getDb().shopSettings.upsert({
      where: { shop: DEMO_SHOP },
      create: { shop: DEMO_SHOP, aiProvider: "template" },
      update: { aiProvider: "template" },
    });
    expect((await load()).drafter.kind).toBe("template");
    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_MODEL;
  });
});
