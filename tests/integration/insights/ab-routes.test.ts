// The flow page's A/B actions, called with real Requests in demo mode (the loopback bypass
// authenticates them as the demo shop): bad input is refused with a clear message and changes
// nothing; Undo of another shop's decision or of one already undone is a 404.
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { installDemo } from "../../../app/demo/entry.server";
import { DEMO_SHOP, DEMO_USER } from "../../../app/demo/local-admin.server";
import { DEMO_DEFAULTS, resetEnvForTests } from "../../../app/env.server";
import { activeKeyOf } from "../../../app/insights/ab-decision";
import { action, loader } from "../../../app/routes/app.flows.$key";
import { applyTestEnv } from "../../support/env";
import { uniqueShop } from "../../support/database";

const context = { remoteAddress: "127.0.0.1" } as unknown as AppLoadContext;
const FLOW = "cart_abandonment";
const post = (fields: Record<string, string>) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return action({
    request: new Request(`http://127.0.0.1/app/flows/${FLOW}`, { method: "POST", body }),
    context,
    params: { key: FLOW },
  });
};
const status = (r: unknown) => (r instanceof Response ? r.status : 200);

const decision = (shop: string) =>
  getDb().abDecision.create({
    data: {
      shop,
      flowKey: FLOW,
      stepIndex: 0,
      testKind: "subject",
      winner: "1",
      metric: "click_per_send",
      results: JSON.stringify([
        { arm: "0", sent: 500, clicks: 10, orders: 1 },
        { arm: "1", sent: 500, clicks: 40, orders: 3 },
      ]),
      pValue: 0.0001,
      testStartedAt: new Date(0),
      decidedAt: new Date("2026-11-20T15:00:00Z"),
      activeKey: activeKeyOf(shop, FLOW, 0, "subject"),
    },
  });

beforeAll(async () => {
  process.env.TEND_MODE = "demo";
  process.env.SHOPIFY_API_SECRET = DEMO_DEFAULTS.SHOPIFY_API_SECRET;
  resetEnvForTests();
  installDemo();
  await getDb().shop.upsert({
    where: { shop: DEMO_SHOP },
    create: { shop: DEMO_SHOP, name: "Demo", currency: "USD" },
    update: {},
  });
});

afterAll(() => {
  applyTestEnv();
  resetEnvForTests();
});

describe("flow page A/B actions", () => {
  it("refuses a malformed switch and keeps the test off", async () => {
    const r = await post({ intent: "personalisation", enabled: "maybe" });
    expect(status(r)).toBe(400);
    expect(await (r as Response).json()).toEqual({ error: "Say whether to start or stop the test" });
    const row = await getDb().personalisationTest.findUnique({
      where: { shop_flowKey: { shop: DEMO_SHOP, flowKey: FLOW } },
    });
    expect(row?.enabled ?? false).toBe(false);
  });

  it("starts the personalised vs generic test and reports it on the page", async () => {
    expect(await post({ intent: "personalisation", enabled: "true" })).toMatchObject({ ok: true });
    const test = await getDb().personalisationTest.findUniqueOrThrow({
      where: { shop_flowKey: { shop: DEMO_SHOP, flowKey: FLOW } },
    });
    const sent = new Date((test.startedAt as Date).getTime() + 60_000); // after the switch: in the test
    for (const [abArm, clicks] of [
      ["generic", 2],
      ["personalised", 5],
    ] as const) {
      for (let i = 0; i < 10; i++) {
        const m = await getDb().message.create({
          data: {
            shop: DEMO_SHOP,
            runId: `abr-${abArm}-${i}-${Date.now()}`,
            stepIndex: 1,
            flowKey: FLOW,
            status: "sent",
            messageIdHeader: `<abr-${abArm}-${i}@t>`,
            variant: 0,
            abArm,
            claimedAt: sent,
            sentAt: sent,
          },
        });
        if (i < clicks) await getDb().click.create({ data: { shop: DEMO_SHOP, messageId: m.id, url: "/x" } });
      }
    }
    const page = await loader({
      request: new Request(`http://127.0.0.1/app/flows/${FLOW}`),
      context,
      params: { key: FLOW },
    });
    expect(page.ab.personalisation.enabled).toBe(true);
    const card = page.ab.collecting.find((c) => c.testLabel === "Personalised vs generic");
    expect(card?.status).toBe(
      "No winner yet: each arm needs 500 sends (generic has 10, personalised has 10).",
    );
    expect(card?.arms).toEqual([
      { label: "Generic copy", sent: 10, clickRate: 0.2, conversionRate: 0 },
      { label: "Personalised copy", sent: 10, clickRate: 0.5, conversionRate: 0 },
    ]);
    expect(await post({ intent: "personalisation", enabled: "false" })).toMatchObject({ ok: true });
  });

  it("undoes the shop's own decision once, records who, and shows it in the loader", async () => {
    const own = await decision(DEMO_SHOP);
    const other = await decision(uniqueShop("abr"));
    expect(status(await post({ intent: "ab-undo" }))).toBe(400);
    expect(status(await post({ intent: "ab-undo", decisionId: other.id }))).toBe(404);
    expect((await getDb().abDecision.findUniqueOrThrow({ where: { id: other.id } })).revertedAt).toBeNull();

    expect(await post({ intent: "ab-undo", decisionId: own.id })).toMatchObject({ ok: true });
    const undone = await getDb().abDecision.findUniqueOrThrow({ where: { id: own.id } });
    expect(undone).toMatchObject({ revertedBy: DEMO_USER, activeKey: null });
    expect(status(await post({ intent: "ab-undo", decisionId: own.id }))).toBe(404);

    const page = await loader({
      request: new Request(`http://127.0.0.1/app/flows/${FLOW}`),
      context,
      params: { key: FLOW },
    });
    const card = page.ab.decisions.find((d) => d.id === own.id);
    expect(card).toMatchObject({ active: false, testLabel: "Step 1 subject line" });
    expect(card?.headline).toMatch(/^Variant B won on Nov 20, 2026; undone on .* by /);
  });
});
