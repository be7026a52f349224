// The demo switches flows on, drafts copy for its best sellers and approves part of it (demo
// only), leaving real work in the approvals queue; a restart changes nothing.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import {
  DEMO_APPROVED_SEGMENTS,
  DEMO_APPROVER,
  DEMO_SEGMENT_STEP,
  DEMO_SEGMENTS,
  LEFT_FOR_REVIEW,
  prepareDemoFlows,
} from "../../../app/demo/flows.server";
import { FLOW_KEYS } from "../../../app/flows/catalog";
import { seedDemoShop } from "../../../app/demo/seed.server";
import { uniqueShop } from "../../support/database";

describe("demo flows", () => {
  it("drafts every sold product, approves most of it and leaves later steps pending, once", async () => {
    const db = getDb();
    const shop = uniqueShop("demoflows");
    const at = new Date("2026-11-20T18:00:00Z");
    await seedDemoShop(db, shop, at, 60);
    const first = await prepareDemoFlows(db, shop, at);
    expect(first.enabled.length).toBe(FLOW_KEYS.length);
    const sold = await db.orderLine.groupBy({ by: ["productShopifyId"], where: { shop } });
    const drafted = await db.draft.groupBy({
      by: ["productShopifyId"],
      where: { shop, productShopifyId: { not: null } },
    });
    const draftedIds = new Set(drafted.map((d) => d.productShopifyId));
    for (const s of sold) expect(draftedIds).toContain(s.productShopifyId);
    const approved = await db.draft.groupBy({
      by: ["flowKey"],
      where: { shop, status: "approved", approvedBy: DEMO_APPROVER },
      _count: { _all: true },
    });
    expect(approved.length).toBe(FLOW_KEYS.length);
    const pending = await db.draft.findMany({
      where: { shop, status: "pending" },
      select: { stepKey: true, productShopifyId: true, segment: true, findings: true },
    });
    expect(pending.length).toBeGreaterThan(0);
    const flagged = pending.filter((d) => d.findings !== "[]");
    expect(flagged.length).toBeGreaterThan(0);
    // Apart from the flagged ones, what waits is the later steps' product copy and the segment copy
    // left for the merchant (every segment but the approved ones, on the one marked step).
    for (const d of pending.filter((p) => p.findings === "[]" && !p.segment))
      expect(LEFT_FOR_REVIEW).toContain(d.stepKey);
    const waitingSegments = new Set(pending.map((d) => d.segment).filter(Boolean));
    expect([...waitingSegments].sort()).toEqual(
      DEMO_SEGMENTS.filter((k) => !DEMO_APPROVED_SEGMENTS.includes(k)).sort(),
    );
    for (const d of pending.filter((p) => p.segment)) expect(d.stepKey).toBe(DEMO_SEGMENT_STEP);
    const approvedVip = await db.draft.count({ where: { shop, status: "approved", segment: "vip" } });
    expect(approvedVip).toBeGreaterThan(1);
    expect(first.flaggedPending).toBe(flagged.length);
    expect(first.pendingDrafts).toBe(pending.length);
    // Every draft was stored (no batch lost), and a restart drafts nothing and leaves the queue as it was.
    expect(first.notes.filter((n) => n.includes("failed"))).toEqual([]);
    const drafts = await db.draft.count({ where: { shop } });
    const again = await prepareDemoFlows(db, shop, at);
    expect(again.drafted).toBe(0);
    expect(again.pendingDrafts).toBe(first.pendingDrafts);
    expect(await db.draft.count({ where: { shop } })).toBe(drafts);
    expect(await db.flowSetting.count({ where: { shop } })).toBe(first.enabled.length);
  }, 120_000);
});
