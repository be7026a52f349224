// The demo's seeded Tend history (demo seed data) in a real database: two fresh databases seeded
// from the same anchor give the same lift, computed by the real report code from enough
// enrollments; the holdout got no email; every attribution came from the real attribution code
// (click within the window); re-seeding is a no-op and an interrupted seed finishes its attribution.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../app/db/client.server";
import { prepareDemoFlows } from "../../../app/demo/flows.server";
import { HISTORY_FLOW } from "../../../app/demo/history";
import { HISTORY_STATE_KEY, HISTORY_TRANSPORT, seedDemoHistory } from "../../../app/demo/history.server";
import { DEMO_SHOP } from "../../../app/demo/local-admin.server";
import { seedDemoShop } from "../../../app/demo/seed.server";
import { isHoldout } from "../../../app/flows/holdout";
import { DEFAULT_LIFT_THRESHOLDS } from "../../../app/insights/lift";
import { buildReport } from "../../../app/insights/report.server";
import { createTestDatabase, openTestDb } from "../../support/database";

const at = new Date("2026-11-20T18:00:00Z");
const shop = DEMO_SHOP;
const dbs: Db[] = [];

async function seededShop(label: string) {
  const db = await openTestDb(await createTestDatabase(label));
  dbs.push(db);
  const seed = await seedDemoShop(db, shop, at);
  await prepareDemoFlows(db, shop, at);
  const history = await seedDemoHistory(db, shop, seed.anchor, at);
  return { db, history };
}

const counts = (db: Db) =>
  Promise.all([
    db.customer.count({ where: { shop } }),
    db.order.count({ where: { shop } }),
    db.flowRun.count({ where: { shop } }),
    db.message.count({ where: { shop } }),
    db.click.count({ where: { shop } }),
    db.attribution.count({ where: { shop } }),
  ]);

let first: Awaited<ReturnType<typeof seededShop>>;
beforeAll(async () => {
  first = await seededShop("hista");
}, 120_000);
afterAll(async () => {
  for (const db of dbs) await db.$disconnect();
});

describe("the demo's seeded history", () => {
  it("gives the reports a lift estimate from enough enrollments, the same for the same anchor", async () => {
    const report = await buildReport(first.db, shop, { now: at, days: 30 });
    const lift = report.lift;
    const entry = lift.find((l) => l.flowKey === HISTORY_FLOW);
    expect(entry?.verdict).not.toBe("not_enough_data");
    expect(entry?.holdout.customers).toBeGreaterThanOrEqual(DEFAULT_LIFT_THRESHOLDS.minPerGroup);
    expect(entry?.treated.customers).toBeGreaterThanOrEqual(DEFAULT_LIFT_THRESHOLDS.minPerGroup);
    expect(entry?.holdout.customers).toBe(first.history.holdout);
    expect(entry?.treated.customers).toBe(first.history.runs - first.history.holdout);
    expect(Number.isFinite(entry?.conversionLift.low)).toBe(true);
    expect(Number.isFinite(entry?.conversionLift.high)).toBe(true);

    const second = await seededShop("histb");
    expect(second.history).toEqual(first.history);
    const again = await buildReport(second.db, shop, { now: at, days: 30 });
    expect(again.lift).toEqual(lift);
    expect(again.subjectTests).toEqual(report.subjectTests);
    expect(again.total).toEqual(report.total);
  }, 120_000);

  it("holds out by the engine's rule, emails only the treated and attributes by the real rules", async () => {
    const { db } = first;
    const runs = await db.flowRun.findMany({
      where: { shop, flowKey: HISTORY_FLOW },
      select: { id: true, holdout: true, customerShopifyId: true },
    });
    for (const r of runs)
      expect(r.holdout).toBe(isHoldout(shop, HISTORY_FLOW, r.customerShopifyId ?? "", 10));
    const messages = await db.message.findMany({
      where: { shop, flowKey: HISTORY_FLOW },
      select: { id: true, runId: true, transport: true, draftId: true, subject: true },
    });
    const held = new Set(runs.filter((r) => r.holdout).map((r) => r.id));
    expect(messages.length).toBe(first.history.messages);
    expect(messages.filter((m) => held.has(m.runId))).toEqual([]);
    const approved = new Set(
      (await db.draft.findMany({ where: { shop, status: "approved" }, select: { id: true } })).map(
        (d) => d.id,
      ),
    );
    for (const m of messages) {
      expect(m.transport).toBe(HISTORY_TRANSPORT);
      expect(approved.has(m.draftId ?? "")).toBe(true);
      expect(m.subject).toBeTruthy();
    }
    const attributed = await db.attribution.findMany({ where: { shop, flowKey: HISTORY_FLOW } });
    expect(attributed.length).toBe(first.history.attributed);
    expect(attributed.length).toBeGreaterThan(0);
    const ids = new Set(messages.map((m) => m.id));
    for (const a of attributed) {
      expect(ids.has(a.messageId)).toBe(true);
      expect(a.via).toBe("click");
    }
  });

  it("re-seeds as a no-op, and an interrupted seed finishes its attribution", async () => {
    const { db } = first;
    const before = await counts(db);
    expect((await seedDemoHistory(db, shop, at, at)).seeded).toBe(false);
    expect(await counts(db)).toEqual(before);

    await db.attribution.deleteMany({ where: { shop, flowKey: HISTORY_FLOW } });
    await db.appState.update({
      where: { shop_key: { shop, key: HISTORY_STATE_KEY } },
      data: { value: "written" },
    });
    const resumed = await seedDemoHistory(db, shop, at, at);
    expect(resumed.runs).toBe(0);
    expect(resumed.attributed).toBe(first.history.attributed);
    expect(await counts(db)).toEqual(before);
  }, 60_000);
});
