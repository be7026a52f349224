// Copy per segment end to end on a real database: the merchant marks a step, the queue writes one
// draft per segment beside the default, the approval queue groups them, and a real send through an
// SMTP server uses the customer's segment copy only once it is approved, else the default; every
// Message records the customer's segment.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadQueue, parseQueueFilters } from "../../../app/admin/drafts.server";
import { loadSegmentCopyPlan, saveSegmentCopy } from "../../../app/admin/segment-copy.server";
import { getDb } from "../../../app/db.server";
import { resolveCopy } from "../../../app/drafting/copy.server";
import { fixedDrafting } from "../../../app/drafting/drafter.server";
import { approveDraft } from "../../../app/drafting/lifecycle.server";
import { templateProvider } from "../../../app/drafting/provider";
import { pendingCatalogRequests, runCatalogQueue } from "../../../app/drafting/queue.server";
import { stepsLackingCopy, sweepMissingCopy } from "../../../app/drafting/triggers.server";
import { estimateDrafts } from "../../../app/drafting/segment-estimate";
import { createSender } from "../../../app/delivery/send-step.server";
import { createSmtpTransport, type Transport } from "../../../app/delivery/transport.server";
import { FLOW_CATALOG } from "../../../app/flows/catalog";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import { CONFIG, fakeAdmin, type Seeded, seedShop, stepRequest } from "../delivery/fixtures";

const NOW = new Date("2026-11-20T10:00:00Z");
const FLOW = "checkout_abandonment";
const STEP = "checkout_abandonment.reminder";
const drafting = fixedDrafting(templateProvider);

let smtp: TestSmtpServer;
let transport: Transport;
let s: Seeded;

beforeAll(async () => {
  smtp = await startSmtpServer({ parse: true });
  transport = createSmtpTransport({ url: smtp.url, maxConnections: 1 });
});

afterAll(async () => {
  await transport.close();
  await smtp.close();
});

async function addCustomers(segment: string, n: number, categoryAffinity: string) {
  await getDb().customer.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      shop: s.shop,
      shopifyId: `${segment}-${i}`,
      segment,
      categoryAffinity,
      ordersCount: 4 + (i % 3),
      totalSpentMinor: 50_000 + i * 1000,
    })),
  });
}

async function setSegment(segment: string | null) {
  await getDb().customer.updateMany({ where: { shop: s.shop, shopifyId: s.customerId }, data: { segment } });
}

async function draftFor(productShopifyId: string | null, segment: string | null) {
  return getDb().draft.findFirstOrThrow({
    where: { shop: s.shop, stepKey: STEP, productShopifyId, segment, status: { not: "superseded" } },
  });
}

/** A new run for the same customer and checkout: each send is its own (run, step). */
async function newRun(): Promise<string> {
  const run = await getDb().flowRun.create({
    data: {
      shop: s.shop,
      flowKey: FLOW,
      flowVersion: 1,
      enrollKey: `ca:${s.customerId}:${Math.random()}`,
      customerShopifyId: s.customerId,
      email: s.email,
      context: JSON.stringify({ checkoutToken: s.checkoutToken }),
      startedAt: new Date(Date.now() - 3_600_000),
    },
  });
  return run.id;
}

async function send() {
  const runId = await newRun();
  const sender = createSender({
    db: getDb(),
    transport,
    resolveCopy,
    admin: fakeAdmin().admin,
    config: CONFIG,
  });
  const result = await sender.sendStep(stepRequest({ ...s, runId }));
  const message = await getDb().message.findFirst({ where: { shop: s.shop, runId } });
  return { result, message };
}

beforeEach(async () => {
  const db = getDb();
  s = await seedShop(db);
  await db.flowSetting.create({ data: { shop: s.shop, flowKey: FLOW, enabled: true } });
  await addCustomers("vip", 12, "Tents");
  await setSegment("vip");
  const saved = await saveSegmentCopy(db, s.shop, FLOW, { [STEP]: ["vip", "new"] }, "owner", NOW);
  expect(saved).toMatchObject({ ok: true, drafting: true });
  await runCatalogQueue(db, () => NOW, drafting);
});

describe("a step marked per segment", () => {
  it("gets one draft per chosen segment beside the default, as many as the flow page said", async () => {
    const db = getDb();
    const drafts = await db.draft.findMany({ where: { shop: s.shop, status: { not: "superseded" } } });
    const plan = await loadSegmentCopyPlan(db, s.shop, FLOW);
    expect(plan.products).toBe(1);
    expect(plan.segments.find((x) => x.key === "vip")?.customers).toBe(13);
    expect(plan.segmentSteps).toEqual({ [STEP]: ["new", "vip"] });
    const estimate = estimateDrafts({
      products: plan.products,
      stepKeys: FLOW_CATALOG[FLOW].steps.map((x) => x.key),
      segmentSteps: plan.segmentSteps,
      model: plan.model,
    });
    expect(drafts).toHaveLength(estimate.total);
    expect(drafts.filter((d) => d.segment !== null)).toHaveLength(estimate.perSegment);
    expect(estimate.perSegment).toBe(4); // (1 product + 1 generic) × 2 segments, one marked step
    expect(plan.existing[`${STEP}|vip`]).toBe(2);

    // Drafts differ by segment, and a second pass writes nothing new.
    const vip = await draftFor(s.productId, "vip");
    const everyone = await draftFor(s.productId, null);
    expect(vip.content).not.toBe(everyone.content);
    expect(JSON.parse(vip.content).paragraphs[0]).toMatch(/most loyal customers/);
    await saveSegmentCopy(db, s.shop, FLOW, { [STEP]: ["vip", "new"] }, "owner", NOW);
    await runCatalogQueue(db, () => NOW, drafting);
    expect(await db.draft.count({ where: { shop: s.shop } })).toBe(drafts.length);
  });

  it("groups the approval queue by segment, default copy first", async () => {
    const queue = await loadQueue(getDb(), s.shop, parseQueueFilters(new URLSearchParams("status=all")), NOW);
    const order = queue.rows.map((r) => r.segment);
    expect(order[0]).toBeNull();
    const groups = order.filter((seg, i) => i === 0 || order[i - 1] !== seg);
    expect(groups).toEqual([null, "new", "vip"]);
  });

  it("sends the customer's segment copy once approved, the default before, and records the segment", async () => {
    const db = getDb();
    const everyone = await draftFor(s.productId, null);
    const vip = await draftFor(s.productId, "vip");
    await approveDraft(db, s.shop, everyone.id, "owner", NOW);

    // The VIP draft awaits approval: never sent; the default copy goes instead.
    const before = await send();
    expect(before.result.status).toBe("sent");
    expect(before.message).toMatchObject({ draftId: everyone.id, segment: "vip", status: "sent" });

    await approveDraft(db, s.shop, vip.id, "owner", NOW);
    const after = await send();
    expect(after.message).toMatchObject({ draftId: vip.id, segment: "vip" });
    const mail = smtp.received.at(-1)?.parsed;
    expect(String(mail?.text)).toContain("one of our most loyal customers");

    // A segment the step is marked for but whose copy is unapproved falls back to the default.
    await setSegment("new");
    expect((await send()).message).toMatchObject({ draftId: everyone.id, segment: "new" });
  });

  it("uses the default copy once the step is unmarked, still recording the segment", async () => {
    const db = getDb();
    const everyone = await draftFor(s.productId, null);
    const vip = await draftFor(s.productId, "vip");
    await approveDraft(db, s.shop, everyone.id, "owner", NOW);
    await approveDraft(db, s.shop, vip.id, "owner", NOW);
    expect((await send()).message?.draftId).toBe(vip.id);

    await saveSegmentCopy(db, s.shop, FLOW, {}, "owner", NOW);
    expect((await send()).message).toMatchObject({ draftId: everyone.id, segment: "vip" });

    // A customer with no computed segment: default copy, no segment on the message.
    await setSegment(null);
    expect((await send()).message).toMatchObject({ draftId: everyone.id, segment: null });
  });

  it("falls back to approved generic segment copy before the generic default", async () => {
    const db = getDb();
    const generic = await draftFor(null, null);
    const genericVip = await draftFor(null, "vip");
    await approveDraft(db, s.shop, generic.id, "owner", NOW);
    await approveDraft(db, s.shop, genericVip.id, "owner", NOW);
    const base = {
      shop: s.shop,
      flowKey: FLOW,
      stepKey: STEP,
      productShopifyId: s.productId,
      dueAt: NOW,
      now: NOW,
    };
    expect(await resolveCopy(db, { ...base, segment: "vip" })).toMatchObject({
      kind: "copy",
      draftId: genericVip.id,
      generic: true,
    });
    expect(await resolveCopy(db, { ...base, segment: "returning" })).toMatchObject({ draftId: generic.id });
  });

  it("the periodic sweep rewrites a marked segment's missing copy, and only a step's default covers it", async () => {
    const db = getDb();
    expect(await stepsLackingCopy(db, s.shop)).toEqual([]);
    await db.draft.deleteMany({
      where: { shop: s.shop, stepKey: STEP, productShopifyId: null, segment: "vip" },
    });
    expect(await stepsLackingCopy(db, s.shop)).toEqual([STEP]);
    // A segment's generic copy does not stand in for the default copy everyone else gets.
    await db.draft.deleteMany({
      where: { shop: s.shop, stepKey: "checkout_abandonment.nudge", segment: null, productShopifyId: null },
    });
    await db.draft.updateMany({
      where: { shop: s.shop, stepKey: STEP, productShopifyId: null, segment: "new" },
      data: { stepKey: "checkout_abandonment.nudge" },
    });
    expect((await stepsLackingCopy(db, s.shop)).sort()).toEqual(["checkout_abandonment.nudge", STEP]);
    expect(await sweepMissingCopy(db, NOW)).toContain(s.shop);
    expect(await pendingCatalogRequests(db, s.shop)).toHaveLength(1);
    await runCatalogQueue(db, () => NOW, drafting);
    expect(await draftFor(null, "vip")).toMatchObject({ status: "pending" });
  });
});
