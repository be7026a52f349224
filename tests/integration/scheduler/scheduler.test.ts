// The scheduler against a real database: events enroll through the flows subscriber, due steps are
// claimed and sent through an injected sender on a fake clock, failures retry then park.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { handleFlowEvent } from "../../../app/flows/triggers.server";
import { setFlowEnabled } from "../../../app/flows/settings.server";
import { claimDueSteps, detectDialect } from "../../../app/scheduler/claim.server";
import { createScheduler } from "../../../app/scheduler/scheduler.server";
import { uniqueShop } from "../../support/database";
import { fakeClock, recordingSender, seedCustomer, seedShop } from "../flows/seed";

const T0 = "2026-03-02T10:00:00.000Z";

async function abandonedCheckout(
  shop: string,
  token: string,
  at: string,
  lines = [{ productId: "p1", variantId: "v1", title: "Tent", quantity: 1, priceMinor: 24900 }],
) {
  const db = getDb();
  await db.checkout.upsert({
    where: { shop_token: { shop, token } },
    create: {
      shop,
      token,
      customerShopifyId: "c1",
      email: "c1@example.com",
      emailLower: "c1@example.com",
      buyerAcceptsMarketing: true,
      lines: JSON.stringify(lines),
      abandonedCheckoutUrl: `https://x/${token}`,
      sourceCreatedAt: new Date(at),
      sourceUpdatedAt: new Date(at),
    },
    update: { lines: JSON.stringify(lines), sourceUpdatedAt: new Date(at) },
  });
  await handleFlowEvent(db, { type: "checkout_updated", shop, token, at: new Date(at) }, new Date(at));
}

async function setup(settings: Record<string, unknown> = {}) {
  const db = getDb();
  const shop = uniqueShop("sched");
  await seedShop(db, shop, settings);
  await seedCustomer(db, shop, "c1");
  await setFlowEnabled(db, shop, "checkout_abandonment", true, new Date("2026-01-01T00:00:00Z"));
  return { db, shop };
}

describe("scheduler", () => {
  it("sends checkout reminders when due, once each, and completes the run", async () => {
    const { db, shop } = await setup({ frequencyCapCount: 5 });
    await abandonedCheckout(shop, "tok1", T0);
    await abandonedCheckout(shop, "tok1", T0); // redelivered event: no second run
    expect(await db.flowRun.count({ where: { shop } })).toBe(1);
    const clock = fakeClock(T0);
    const sender = recordingSender(db);
    const scheduler = createScheduler({ db, send: sender.send, clock, workerId: "w1" });
    await scheduler.drain();
    expect(sender.calls).toHaveLength(0);
    for (const at of [
      "2026-03-02T11:00:00Z",
      "2026-03-03T10:00:00Z",
      "2026-03-05T10:00:00Z",
      "2026-03-09T00:00:00Z",
    ]) {
      clock.set(at);
      await scheduler.drain();
    }
    expect(sender.calls.filter((c) => c.shop === shop).map((c) => [c.stepKey, c.now.toISOString()])).toEqual([
      ["checkout_abandonment.reminder", "2026-03-02T11:00:00.000Z"],
      ["checkout_abandonment.nudge", "2026-03-03T10:00:00.000Z"],
      ["checkout_abandonment.last_call", "2026-03-05T10:00:00.000Z"],
    ]);
    expect(sender.calls[0].context.recoveryUrl).toBe("https://x/tok1");
    expect(sender.calls[2].discountPercent).toBe(10);
    const run = await db.flowRun.findFirstOrThrow({ where: { shop } });
    expect(run.status).toBe("completed");
    const kinds = (await db.customerEvent.findMany({ where: { shop }, orderBy: { at: "asc" } })).map(
      (e) => e.kind,
    );
    expect(kinds).toEqual(["enrolled"]); // sends are logged by delivery, not repeated here
  });

  it("an order exits the run and cancels its pending step", async () => {
    const { db, shop } = await setup();
    await abandonedCheckout(shop, "tok2", T0);
    await db.order.create({
      data: {
        shop,
        shopifyId: "o1",
        name: "#1001",
        customerShopifyId: "c1",
        checkoutToken: "tok2",
        processedAt: new Date("2026-03-02T10:30:00Z"),
      },
    });
    await handleFlowEvent(
      db,
      {
        type: "order_created",
        shop,
        orderShopifyId: "o1",
        customerShopifyId: "c1",
        checkoutToken: "tok2",
        at: new Date(),
      },
      new Date("2026-03-02T10:30:00Z"),
    );
    const run = await db.flowRun.findFirstOrThrow({ where: { shop } });
    expect([run.status, run.exitReason]).toEqual(["exited", "placed order #1001"]);
    expect((await db.dueStep.findFirstOrThrow({ where: { runId: run.id } })).status).toBe("cancelled");
  });

  it("quiet hours in the shop's zone defer the step (row moves, nothing sent)", async () => {
    const db = getDb();
    const shop = uniqueShop("quiet");
    await seedShop(db, shop, { quietHoursStart: 21 * 60, quietHoursEnd: 8 * 60 }, "Europe/Paris");
    await seedCustomer(db, shop, "c1");
    await setFlowEnabled(db, shop, "checkout_abandonment", true, new Date("2026-01-01T00:00:00Z"));
    await abandonedCheckout(shop, "tok3", "2026-03-02T20:30:00.000Z"); // 21:30 Paris
    const clock = fakeClock("2026-03-02T21:30:00.000Z");
    const sender = recordingSender(db);
    await createScheduler({ db, send: sender.send, clock }).drain();
    expect(sender.calls).toHaveLength(0);
    const step = await db.dueStep.findFirstOrThrow({ where: { shop } });
    expect([step.status, step.dueAt.toISOString()]).toEqual(["pending", "2026-03-03T07:00:00.000Z"]); // 08:00 Paris
    const why = await db.customerEvent.findFirstOrThrow({ where: { shop, kind: "deferred" } });
    expect(why.reason).toContain("quiet hours");
  });

  it("a failing send retries with backoff, then parks with its error visible", async () => {
    const { db, shop } = await setup();
    await abandonedCheckout(shop, "tok4", T0);
    const clock = fakeClock("2026-03-02T11:00:00.000Z");
    const sender = recordingSender(db, () => {
      throw new Error("SMTP connection refused");
    });
    const scheduler = createScheduler({ db, send: sender.send, clock, maxAttempts: 3 });
    for (let i = 0; i < 6; i++) {
      await scheduler.drain();
      clock.advance(120);
    }
    expect(sender.calls).toHaveLength(3);
    const step = await db.dueStep.findFirstOrThrow({ where: { shop } });
    expect(step.status).toBe("parked");
    expect(step.lastError).toBe("SMTP connection refused");
    expect(await db.customerEvent.count({ where: { shop, kind: "retry" } })).toBe(2);
  });

  it("a retry result waits at least retryAfterMs; held copy waits without counting as failure", async () => {
    const { db, shop } = await setup();
    await abandonedCheckout(shop, "tok5", T0);
    const clock = fakeClock("2026-03-02T11:00:00.000Z");
    const sender = recordingSender(db, (_req, call) =>
      call === 1
        ? { status: "held", reason: "no approved copy" }
        : call === 2
          ? { status: "retry", reason: "421 try later", retryAfterMs: 3_600_000 }
          : { status: "sent", reason: "ok" },
    );
    const scheduler = createScheduler({ db, send: sender.send, clock, heldRetryMs: 30 * 60_000 });
    await scheduler.drain();
    let step = await db.dueStep.findFirstOrThrow({ where: { shop } });
    expect([step.dueAt.toISOString(), step.attempts, step.lastError]).toEqual([
      "2026-03-02T11:30:00.000Z",
      0,
      "no approved copy",
    ]);
    clock.set("2026-03-02T11:30:00.000Z");
    await scheduler.drain();
    step = await db.dueStep.findFirstOrThrow({ where: { shop, stepIndex: 0 } });
    expect(step.dueAt.toISOString()).toBe("2026-03-02T12:30:00.000Z");
    clock.set("2026-03-02T12:30:00.000Z");
    await scheduler.drain();
    expect((await db.dueStep.findFirstOrThrow({ where: { shop, stepIndex: 0 } })).status).toBe("done");
    expect(sender.calls).toHaveLength(3);
  });

  it("a claim whose worker died is retaken after its lease; a step whose message exists is not sent again", async () => {
    const { db, shop } = await setup();
    await abandonedCheckout(shop, "tok6", T0);
    const now = new Date("2026-03-02T11:00:00.000Z");
    const dialect = await detectDialect(db);
    const claimed = await claimDueSteps(db, dialect, {
      workerId: "dead-worker",
      now,
      limit: 10,
      leaseMs: 60_000,
    });
    const mine = claimed.filter((c) => c.shop === shop);
    expect(mine).toHaveLength(1);
    // The dead worker had handed it to delivery, which recorded the message, before being killed.
    await db.message.create({
      data: {
        shop,
        runId: mine[0].runId,
        stepIndex: 0,
        flowKey: "checkout_abandonment",
        status: "sent",
        messageIdHeader: "<x@test>",
        sentAt: now,
      },
    });
    const sender = recordingSender(db);
    const clock = fakeClock("2026-03-02T11:00:30.000Z");
    const scheduler = createScheduler({ db, send: sender.send, clock, leaseMs: 60_000 });
    await scheduler.drain();
    expect(sender.calls.filter((c) => c.shop === shop)).toHaveLength(0); // lease still held
    clock.set("2026-03-02T11:02:00.000Z");
    await scheduler.drain();
    expect(sender.calls.filter((c) => c.shop === shop)).toHaveLength(0); // retaken, message exists: not re-sent
    const step = await db.dueStep.findFirstOrThrow({ where: { shop, stepIndex: 0 } });
    expect([step.status, step.attempts]).toEqual(["done", 2]);
    expect(await db.dueStep.count({ where: { shop, stepIndex: 1, status: "pending" } })).toBe(1);
  });

  it("switching a flow off cancels its pending steps and exits its runs with a reason", async () => {
    const { db, shop } = await setup();
    await abandonedCheckout(shop, "tok8", T0);
    const result = await setFlowEnabled(db, shop, "checkout_abandonment", false, new Date(T0));
    expect(result.exited).toBe(1);
    expect((await db.dueStep.findFirstOrThrow({ where: { shop } })).status).toBe("cancelled");
    expect((await db.customerEvent.findFirstOrThrow({ where: { shop, kind: "exited" } })).reason).toBe(
      "flow switched off by the merchant",
    );
  });

  it("stop() lets the batch in hand finish (graceful shutdown)", async () => {
    const { db, shop } = await setup();
    await abandonedCheckout(shop, "tok9", T0);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const sender = recordingSender(db, async () => {
      await gate;
      return { status: "sent", reason: "ok" };
    });
    const scheduler = createScheduler({
      db,
      send: sender.send,
      clock: fakeClock("2026-03-02T11:00:00.000Z"),
      idleMs: 10,
    });
    scheduler.start();
    while (sender.calls.filter((c) => c.shop === shop).length === 0)
      await new Promise((r) => setTimeout(r, 5));
    const stopping = scheduler.stop();
    release();
    await stopping;
    expect((await db.dueStep.findFirstOrThrow({ where: { shop, stepIndex: 0 } })).status).toBe("done");
  });
});
