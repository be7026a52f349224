// The demo switches flows on and approves drafted copy (demo only), idempotently.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { DEMO_APPROVER, prepareDemoFlows } from "../../../app/demo/flows.server";
import { seedDemoShop } from "../../../app/demo/seed.server";
import { uniqueShop } from "../../support/database";

describe("demo flows", () => {
  it("enables every flow and approves offline-drafted copy for several flows, once", async () => {
    const db = getDb();
    const shop = uniqueShop("demoflows");
    const at = new Date("2026-11-20T18:00:00Z");
    await seedDemoShop(db, shop, at, 40);
    const first = await prepareDemoFlows(db, shop, at, 3);
    expect(first.enabled.length).toBeGreaterThanOrEqual(3);
    expect(first.approvedDrafts).toBeGreaterThan(0);
    const byFlow = await db.draft.groupBy({
      by: ["flowKey"],
      where: { shop, status: "approved", approvedBy: DEMO_APPROVER },
      _count: { _all: true },
    });
    expect(byFlow.length).toBeGreaterThanOrEqual(3);
    const drafts = await db.draft.count({ where: { shop } });
    const again = await prepareDemoFlows(db, shop, at, 3);
    expect(again.drafted).toBe(0);
    expect(await db.draft.count({ where: { shop } })).toBe(drafts);
    expect(await db.flowSetting.count({ where: { shop } })).toBe(first.enabled.length);
  });
});
