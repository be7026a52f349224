// The demo's seeded first-time buyers (demo seed data) in a real database: the reports' repeat
// purchase rate has enough buyers in both groups at 30/60/90 days, from the engine's holdout rule,
// emails only for the treated (recorded as "new" until the second order), and re-seeding is a no-op.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../app/db/client.server";
import { prepareDemoFlows } from "../../../app/demo/flows.server";
import { seedDemoHistory } from "../../../app/demo/history.server";
import { DEMO_SHOP } from "../../../app/demo/local-admin.server";
import { REPEAT_FLOW } from "../../../app/demo/repeat-history";
import { seedRepeatHistory } from "../../../app/demo/repeat-history.server";
import { seedDemoShop } from "../../../app/demo/seed.server";
import { isHoldout } from "../../../app/flows/holdout";
import { MIN_BUYERS_PER_GROUP } from "../../../app/insights/repeat-rate";
import { buildReport } from "../../../app/insights/report.server";
import { createTestDatabase, openTestDb } from "../../support/database";

const at = new Date("2026-11-20T18:00:00Z");
const shop = DEMO_SHOP;
let db: Db;
let seeded: Awaited<ReturnType<typeof seedRepeatHistory>>;

beforeAll(async () => {
  db = await openTestDb(await createTestDatabase("repeat-demo"));
  const seed = await seedDemoShop(db, shop, at);
  await prepareDemoFlows(db, shop, at);
  await seedDemoHistory(db, shop, seed.anchor, at);
  seeded = await seedRepeatHistory(db, shop, seed.anchor, at);
}, 400_000);
afterAll(async () => {
  await db.$disconnect();
});

describe("the demo's first-time buyers", () => {
  it("give the repeat-rate chart enough buyers in both groups at every window", async () => {
    const report = await buildReport(db, shop, { now: at, days: 30 });
    expect(report.repeatRates.map((r) => r.windowDays)).toEqual([30, 60, 90]);
    for (const r of report.repeatRates) {
      expect(r.holdout.buyers, `${r.windowDays} days`).toBeGreaterThanOrEqual(MIN_BUYERS_PER_GROUP);
      expect(r.treated.buyers).toBeGreaterThan(r.holdout.buyers);
      expect(r.treated.repeated).toBeGreaterThan(0);
      expect(r.holdout.repeated).toBeGreaterThan(0);
      expect(r.verdict).not.toBe("not_enough_data");
      for (const x of [r.treated.rate, r.holdout.rate, r.difference]) {
        expect(x.low).toBeLessThan(x.high);
        expect(x.low).toBeLessThanOrEqual(x.estimate);
      }
    }
    const d30 = report.repeatRates[0];
    expect(d30.treated.buyers + d30.holdout.buyers + d30.pending).toBe(seeded.buyers);
    // A later clock counts more buyers at 90 days: their windows close as the demo advances.
    const later = await buildReport(db, shop, { now: new Date(at.getTime() + 5 * 86_400_000), days: 30 });
    const buyers90 = (r: typeof report) => r.repeatRates[2].treated.buyers + r.repeatRates[2].holdout.buyers;
    expect(buyers90(later)).toBeGreaterThan(buyers90(report));
  }, 60_000);

  it("holds out by the engine's rule, emails only the treated, and records each email's segment", async () => {
    const runs = await db.flowRun.findMany({
      where: { shop, flowKey: REPEAT_FLOW },
      select: { id: true, holdout: true, customerShopifyId: true },
    });
    expect(runs.length).toBe(seeded.buyers);
    for (const r of runs) expect(r.holdout).toBe(isHoldout(shop, REPEAT_FLOW, r.customerShopifyId ?? "", 10));
    const held = new Set(runs.filter((r) => r.holdout).map((r) => r.id));
    const messages = await db.message.findMany({
      where: { shop, flowKey: REPEAT_FLOW },
      select: { runId: true, segment: true },
    });
    expect(messages.length).toBe(seeded.messages);
    expect(messages.some((m) => held.has(m.runId))).toBe(false);
    expect(new Set(messages.map((m) => m.segment))).toEqual(new Set(["new", "returning"]));
    const report = await buildReport(db, shop, { now: at, days: 365 });
    const post = report.flows.find((f) => f.flowKey === REPEAT_FLOW);
    expect(post?.segments.map((s) => s.segment)).toEqual(["new", "returning"]);
    expect(post?.orders).toBeGreaterThan(0); // the cross-sell email's clicks earned attributed orders
  });

  it("is seeded once", async () => {
    const again = await seedRepeatHistory(db, shop, at, at);
    expect(again.seeded).toBe(false);
    expect(await db.flowRun.count({ where: { shop, flowKey: REPEAT_FLOW } })).toBe(seeded.buyers);
  });
});
