// Send-time optimisation: a step without urgency moves to the hour this customer engages, learnt
// from past orders and clicks in the shop's time zone.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { setFlowEnabled } from "../../../app/flows/settings.server";
import { handleFlowEvent } from "../../../app/flows/triggers.server";
import { createScheduler } from "../../../app/scheduler/scheduler.server";
import { uniqueShop } from "../../support/database";
import { fakeClock, recordingSender, seedCustomer, seedShop } from "../flows/seed";

const ORDERED = "2026-03-02T10:00:00.000Z";

describe("send-time optimisation", () => {
  it("defers the post-purchase thank-you to the hour the customer clicks", async () => {
    const db = getDb();
    const shop = uniqueShop("sto");
    await seedShop(db, shop, { sendTimeOptimisation: true, frequencyCapCount: 9 });
    await seedCustomer(db, shop, "c1", { ordersCount: 1, firstOrderAt: new Date(ORDERED) });
    await setFlowEnabled(db, shop, "post_purchase", true, new Date("2026-01-01T00:00:00Z"));
    // Three earlier emails, each clicked around 19:00.
    for (const [i, at] of [
      "2026-02-01T19:05:00Z",
      "2026-02-08T19:40:00Z",
      "2026-02-15T19:20:00Z",
    ].entries()) {
      const m = await db.message.create({
        data: {
          shop,
          runId: `old-${shop}-${i}`,
          stepIndex: 0,
          flowKey: "win_back",
          customerShopifyId: "c1",
          email: "c1@example.com",
          status: "sent",
          messageIdHeader: `<old-${i}@test>`,
          claimedAt: new Date(at),
          sentAt: new Date(at),
        },
      });
      await db.click.create({
        data: { shop, messageId: m.id, url: "https://shop.example/p", at: new Date(at) },
      });
    }
    await db.order.create({
      data: {
        shop,
        shopifyId: "o1",
        customerShopifyId: "c1",
        email: "c1@example.com",
        processedAt: new Date(ORDERED),
        totalMinor: 24900,
        lines: { create: [{ shop, productShopifyId: "p1", title: "Tent", quantity: 1, priceMinor: 24900 }] },
      },
    });
    const event = {
      type: "order_created" as const,
      shop,
      orderShopifyId: "o1",
      customerShopifyId: "c1",
      checkoutToken: null,
      at: new Date(ORDERED),
    };
    await handleFlowEvent(db, event, new Date(ORDERED));
    expect(await db.flowRun.count({ where: { shop, flowKey: "post_purchase", status: "active" } })).toBe(1);

    const clock = fakeClock("2026-03-03T10:00:00Z"); // the thank-you's planned time (day 1)
    const sender = recordingSender(db);
    const scheduler = createScheduler({ db, send: sender.send, clock, workerId: "sto" });
    await scheduler.drain();
    expect(sender.calls.filter((c) => c.shop === shop)).toHaveLength(0);
    const deferred = await db.customerEvent.findFirst({ where: { shop, kind: "deferred" } });
    expect(deferred?.reason).toMatch(/19:00/);

    clock.set("2026-03-03T19:00:00Z");
    await scheduler.drain();
    const sent = sender.calls.filter((c) => c.shop === shop);
    expect(sent.map((c) => [c.stepKey, c.now.toISOString()])).toEqual([
      ["post_purchase.thank_you", "2026-03-03T19:00:00.000Z"],
    ]);
  });
});
