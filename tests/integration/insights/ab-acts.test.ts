// A/B that acts, on a real database and a real SMTP server: the daily scan records a subject winner
// once enough sends and clicks say so, later sends all use it, Undo restores the split; the
// personalised-vs-generic switch splits customers by id and records each message's arm.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../app/db/client.server";
import { getDb } from "../../../app/db.server";
import type { Transport } from "../../../app/delivery/transport.server";
import { createSmtpTransport } from "../../../app/delivery/transport.server";
import { AUTO_DECIDE_MIN_SENT_PER_ARM } from "../../../app/insights/ab-decision";
import {
  evaluateAbTests,
  listDecisions,
  liveTests,
  setPersonalisationTest,
  undoDecision,
} from "../../../app/insights/ab-decisions.server";
import { armFor } from "../../../app/insights/personalisation-test";
import { scanDueShops } from "../../../app/scheduler/task.server";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import { createSender } from "../../../app/delivery/send-step.server";
import {
  APPROVED,
  CONFIG,
  fakeAdmin,
  type Seeded,
  seedShop,
  stepRequest,
  testSender,
} from "../delivery/fixtures";

let smtp: TestSmtpServer;
let transport: Transport;
const FLOW = "checkout_abandonment";
const NOW = new Date("2026-11-20T15:00:00Z");

beforeAll(async () => {
  smtp = await startSmtpServer({ parse: false });
  transport = createSmtpTransport({ url: smtp.url, maxConnections: 2 });
});

afterAll(async () => {
  await transport.close();
  await smtp.close();
});

/** History: `sent` messages of one step and variant, the first `clicks` of them clicked. */
async function history(
  db: Db,
  shop: string,
  rows: { variant?: number; abArm?: string; sent: number; clicks: number; stepIndex?: number; at?: Date },
) {
  const at = rows.at ?? new Date(NOW.getTime() - 3 * 86_400_000);
  const ids = Array.from({ length: rows.sent }, () => randomUUID());
  await db.message.createMany({
    data: ids.map((id) => ({
      id,
      shop,
      runId: `hist-${id}`,
      stepIndex: rows.stepIndex ?? 0,
      flowKey: FLOW,
      status: "sent",
      messageIdHeader: `<${id}@mail.tend.test>`,
      variant: rows.variant ?? 0,
      abArm: rows.abArm ?? null,
      claimedAt: at,
      sentAt: at,
    })),
  });
  await db.click.createMany({
    data: ids.slice(0, rows.clicks).map((messageId) => ({ shop, messageId, url: "https://x.test/", at })),
  });
  return ids;
}

/** Orders attributed to these messages (two for the first: it still counts as one converted send). */
async function attribute(db: Db, shop: string, messageIds: string[]) {
  await db.attribution.createMany({
    data: [messageIds[0], ...messageIds].map((messageId) => ({
      shop,
      orderShopifyId: randomUUID(),
      messageId,
      flowKey: FLOW,
      stepIndex: 0,
      via: "click",
      revenueMinor: 5_000,
      currency: "USD",
      orderedAt: NOW,
    })),
  });
}

/** Another run of the seeded customer's checkout, so each send is a fresh (run, step). */
async function newRun(db: Db, s: Seeded, customer = { id: s.customerId, email: s.email }) {
  const run = await db.flowRun.create({
    data: {
      shop: s.shop,
      flowKey: FLOW,
      flowVersion: 1,
      enrollKey: `ca:${customer.id}:${randomUUID()}`,
      customerShopifyId: customer.id,
      email: customer.email,
      context: JSON.stringify({ checkoutToken: s.checkoutToken }),
      startedAt: new Date(Date.now() - 3_600_000),
    },
  });
  return run.id;
}

async function sendFresh(db: Db, s: Seeded, count: number) {
  const send = testSender(transport);
  const variants: number[] = [];
  for (let i = 0; i < count; i++) {
    const runId = await newRun(db, s);
    const result = await send.sendStep(stepRequest(s, { runId }));
    expect(result.status).toBe("sent");
    const row = await db.message.findFirstOrThrow({
      where: { shop: s.shop, runId },
      select: { variant: true },
    });
    variants.push(row.variant ?? -1);
  }
  return variants;
}

describe("subject test that acts", () => {
  it("decides in the daily scan, sends only the winner, and Undo restores the split", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const n = AUTO_DECIDE_MIN_SENT_PER_ARM;
    await history(db, s.shop, { variant: 0, sent: n, clicks: 15 });
    const b = await history(db, s.shop, { variant: 1, sent: n, clicks: 45 });
    await attribute(db, s.shop, b.slice(0, 3));

    await scanDueShops(db, NOW);
    const [decision] = await listDecisions(db, s.shop, FLOW);
    expect(decision).toMatchObject({ kind: "subject", stepIndex: 0, winner: "1", revertedAt: null });
    expect(decision.decidedAt).toBe(NOW.toISOString());
    expect(decision.pValue).toBeLessThan(0.01);
    expect(decision.results.map((r) => [r.arm, r.sent, r.clicks, r.orders])).toEqual([
      ["0", n, 15, 0],
      ["1", n, 45, 3],
    ]);

    // A second look (another worker, another day) does not decide twice.
    expect(await evaluateAbTests(db, s.shop, new Date(NOW.getTime() + 86_400_000))).toEqual([]);
    expect(await db.abDecision.count({ where: { shop: s.shop } })).toBe(1);

    expect(new Set(await sendFresh(db, s, 12))).toEqual(new Set([1]));

    const undoAt = new Date(NOW.getTime() + 2 * 86_400_000);
    expect(await undoDecision(db, s.shop, decision.id, "ana@shop.test", undoAt)).toBe(true);
    const [undone] = await listDecisions(db, s.shop, FLOW);
    expect(undone).toMatchObject({ revertedAt: undoAt.toISOString(), revertedBy: "ana@shop.test" });
    // Only sends after the undo count now: the old evidence does not re-crown B at once.
    expect(await evaluateAbTests(db, s.shop, undoAt)).toEqual([]);
    const [live] = await liveTests(db, s.shop, FLOW);
    expect(live.since.toISOString()).toBe(undoAt.toISOString());

    const after = await sendFresh(db, s, 24);
    expect(new Set(after)).toEqual(new Set([0, 1]));
  });

  it("keeps a shop's decision to itself and leaves an undecided test alone", async () => {
    const db = getDb();
    const a = await seedShop(db);
    const b = await seedShop(db);
    await history(db, a.shop, { variant: 0, sent: 600, clicks: 10 });
    await history(db, a.shop, { variant: 1, sent: 600, clicks: 40 });
    await history(db, b.shop, { variant: 0, sent: 600, clicks: 30 });
    await history(db, b.shop, { variant: 1, sent: 600, clicks: 33 });
    expect(await evaluateAbTests(db, b.shop, NOW)).toEqual([]);
    expect(await evaluateAbTests(db, a.shop, NOW)).toHaveLength(1);
    expect(await db.abDecision.count({ where: { shop: b.shop } })).toBe(0);
    expect(await undoDecision(db, b.shop, (await listDecisions(db, a.shop, FLOW))[0].id, "x", NOW)).toBe(
      false,
    );
  });
});

describe("personalised vs generic", () => {
  async function customers(db: Db, s: Seeded, count: number) {
    const out: Array<{ id: string; email: string }> = [];
    for (let i = 0; i < count; i++) {
      const id = `${s.customerId}${i}`;
      const email = `p${i}.${s.customerId}@example.com`;
      await db.customer.create({
        data: {
          shop: s.shop,
          shopifyId: id,
          email,
          emailLower: email,
          firstName: "Dana",
          marketingState: "SUBSCRIBED",
        },
      });
      out.push({ id, email });
    }
    return out;
  }

  it("splits customers by id while on, records the arm, decides like a subject test", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const people = await customers(db, s, 16);
    const send = testSender(transport);
    const sendAll = async () => {
      const arms: Array<string | null> = [];
      for (const p of people) {
        const runId = await newRun(db, s, p);
        const r = await send.sendStep(stepRequest(s, { runId, customerShopifyId: p.id, email: p.email }));
        expect(r.status).toBe("sent");
        arms.push((await db.message.findFirstOrThrow({ where: { shop: s.shop, runId } })).abArm);
      }
      return arms;
    };

    expect(new Set(await sendAll())).toEqual(new Set([null])); // off: no arm, no test

    await setPersonalisationTest(db, s.shop, FLOW, true, "ana@shop.test", NOW);
    const arms = await sendAll();
    expect(arms).toEqual(people.map((p) => armFor(s.shop, FLOW, p.id)));
    expect(new Set(arms)).toEqual(new Set(["generic", "personalised"]));
    expect(await sendAll()).toEqual(arms); // the same customer stays in the same arm

    // Sends before the switch went on do not count; after it, generic clearly wins.
    await history(db, s.shop, {
      abArm: "generic",
      sent: 600,
      clicks: 90,
      at: new Date(NOW.getTime() - 86_400_000),
    });
    const later = new Date(NOW.getTime() + 3_600_000);
    await history(db, s.shop, { abArm: "generic", sent: 600, clicks: 60, at: later });
    await history(db, s.shop, { abArm: "personalised", sent: 600, clicks: 20, at: later });
    const made = await evaluateAbTests(db, s.shop, new Date(NOW.getTime() + 86_400_000));
    expect(made).toEqual([{ flowKey: FLOW, stepIndex: null, kind: "personalisation", winner: "generic" }]);
    const [d] = await listDecisions(db, s.shop, FLOW);
    expect(d.results.find((r) => r.arm === "generic")?.sent).toBe(
      600 + 2 * arms.filter((a) => a === "generic").length,
    ); // two rounds of real sends
    expect(new Set(await sendAll())).toEqual(new Set(["generic"]));

    // Switching the test off ends it: everyone gets the personalised copy again, and no arm.
    await setPersonalisationTest(db, s.shop, FLOW, false, "ana@shop.test", later);
    expect((await listDecisions(db, s.shop, FLOW))[0].revertedBy).toBe("ana@shop.test");
    expect(new Set(await sendAll())).toEqual(new Set([null]));
  });
});

describe("the generic arm's copy", () => {
  it("is the step's default draft, while the personalised arm gets its segment's draft", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const stepKey = "checkout_abandonment.reminder";
    await db.flowSetting.create({
      data: {
        shop: s.shop,
        flowKey: FLOW,
        enabled: true,
        segmentSteps: JSON.stringify({ [stepKey]: ["vip"] }),
      },
    });
    const draft = (segment: string | null, subject: string) =>
      db.draft.create({
        data: {
          shop: s.shop,
          flowKey: FLOW,
          stepKey,
          productShopifyId: s.productId,
          segment,
          status: "approved",
          content: JSON.stringify({ ...APPROVED, subjects: [subject, `${subject}, still`] }),
          author: "template",
          promptVersion: "test",
        },
      });
    const everyone = await draft(null, "{{first_name}}, your checkout is saved");
    const vip = await draft("vip", "{{first_name}}, a thank-you for our best customers");
    const people: Array<{ id: string; email: string }> = [];
    for (let i = 0; i < 12; i++) {
      const id = `${s.customerId}9${i}`;
      const email = `vip${i}.${s.customerId}@example.com`;
      await db.customer.create({
        data: {
          shop: s.shop,
          shopifyId: id,
          email,
          emailLower: email,
          firstName: "Dana",
          marketingState: "SUBSCRIBED",
          segment: "vip",
        },
      });
      people.push({ id, email });
    }
    await setPersonalisationTest(db, s.shop, FLOW, true, "ana@shop.test", NOW);

    const send = createSender({ db, transport, admin: fakeAdmin().admin, config: CONFIG }); // the real resolveCopy
    const seen: Array<{ arm: string | null; draftId: string | null; segment: string | null }> = [];
    for (const p of people) {
      const runId = await newRun(db, s, p);
      const r = await send.sendStep(stepRequest(s, { runId, customerShopifyId: p.id, email: p.email }));
      expect(r, r.reason).toMatchObject({ status: "sent" });
      const m = await db.message.findFirstOrThrow({ where: { shop: s.shop, runId } });
      seen.push({ arm: m.abArm, draftId: m.draftId, segment: m.segment });
    }
    expect(seen.map((m) => m.arm)).toEqual(people.map((p) => armFor(s.shop, FLOW, p.id)));
    for (const m of seen) {
      expect(m.draftId).toBe(m.arm === "generic" ? everyone.id : vip.id);
      expect(m.segment).toBe("vip"); // reports still count the customer's real segment
    }
    expect(new Set(seen.map((m) => m.arm))).toEqual(new Set(["generic", "personalised"]));
  });
});
