// The reports page loader and the CSV export, called with real Requests in demo mode (the loopback
// bypass authenticates them as the demo shop).
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { installDemo } from "../../../app/demo/entry.server";
import { DEMO_SHOP } from "../../../app/demo/local-admin.server";
import { DEMO_DEFAULTS, resetEnvForTests } from "../../../app/env.server";
import { loader as csvLoader } from "../../../app/routes/app.reports[.]csv";
import { loader as pageLoader } from "../../../app/routes/app.reports";
import { applyTestEnv } from "../../support/env";

const context = { remoteAddress: "127.0.0.1" } as unknown as AppLoadContext;
const args = (url: string) => ({ request: new Request(url), context, params: {} });

beforeAll(async () => {
  process.env.TEND_MODE = "demo";
  process.env.SHOPIFY_API_SECRET = DEMO_DEFAULTS.SHOPIFY_API_SECRET;
  resetEnvForTests();
  installDemo(); // what run.mjs does in demo mode: the local store answers for the demo shop
  const db = getDb();
  const message = await db.message.create({
    data: {
      shop: DEMO_SHOP,
      runId: `reports-route-${Date.now()}`,
      stepIndex: 0,
      flowKey: "cart_abandonment",
      status: "sent",
      messageIdHeader: "<reports-route@t>",
      sentAt: new Date(),
    },
  });
  await db.attribution.create({
    data: {
      shop: DEMO_SHOP,
      orderShopifyId: `reports-route-${Date.now()}`,
      messageId: message.id,
      flowKey: "cart_abandonment",
      stepIndex: 0,
      via: "click",
      revenueMinor: 4_250,
      currency: "USD",
      orderedAt: new Date(),
    },
  });
});

afterAll(() => {
  applyTestEnv();
  resetEnvForTests();
});

describe("reports routes", () => {
  it("page loader returns the shop's report", async () => {
    const data = await pageLoader(args("http://localhost/app/reports?days=30"));
    expect(data.report.shop).toBe(DEMO_SHOP);
    expect(data.report.days).toBe(30);
    expect(
      data.report.flows.find((f) => f.flowKey === "cart_abandonment")?.revenueMinor,
    ).toBeGreaterThanOrEqual(4_250);
  });

  it("rejects an unknown period with 400", async () => {
    const thrown = await pageLoader(args("http://localhost/app/reports?days=13")).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(400);
    expect((await csvLoader(args("http://localhost/app/reports.csv?days=abc"))).status).toBe(400);
  });

  it("exports CSV with a flow row", async () => {
    const response = await csvLoader(args("http://localhost/app/reports.csv?days=7"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /attachment; filename="tend-report-.*-7d\.csv"/,
    );
    const text = await response.text();
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(
      "section,flow,step,variant,sent,clicked,orders,revenue,revenue_per_email,click_rate,conversion_rate,unsubscribe_rate",
    );
    expect(lines.some((l) => l.startsWith("flow,Cart abandonment,all,all,"))).toBe(true);
  });

  it("refuses requests that are not authenticated", async () => {
    applyTestEnv();
    resetEnvForTests();
    try {
      await expect(csvLoader(args("http://localhost/app/reports.csv"))).rejects.toBeDefined();
    } finally {
      process.env.TEND_MODE = "demo";
      process.env.SHOPIFY_API_SECRET = DEMO_DEFAULTS.SHOPIFY_API_SECRET;
      resetEnvForTests();
    }
  });
});
