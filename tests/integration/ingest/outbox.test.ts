// A delivery whose store writes committed but whose announcement failed (a subscriber threw, or the
// process died) still announces on its retry: the events travel on the delivery's row (outbox),
// because re-applying a payload whose changes are already stored announces nothing.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { subscribe } from "../../../app/domain/bus.server";
import type { EventOf } from "../../../app/domain/events";
import { processBatch } from "../../../app/ingest/processor.server";
import { examplePayload, installedShop } from "../../support/webhooks";
import { deliver, drain } from "./support";

const failOnceFor = new Set<string>();
const seen: EventOf<"order_created">[] = [];
subscribe("outbox-test", "order_created", async (_db, event) => {
  seen.push(event);
  if (failOnceFor.delete(event.shop)) throw new Error("subscriber unavailable");
});

const later = (ms: number) => () => new Date(Date.now() + ms);

describe("webhook outbox", () => {
  it("announces an applied order on the retry after its subscriber failed", async () => {
    const shop = await installedShop(getDb());
    failOnceFor.add(shop);
    const triggeredAt = "2026-11-20T08:00:00.000Z";
    const body = { ...examplePayload("orders/create"), cancelled_at: null };
    expect((await deliver({ topic: "orders/create", shop, body, triggeredAt })).status).toBe(200);

    await processBatch(getDb(), 50);
    const first = await getDb().webhookEvent.findFirstOrThrow({ where: { shop } });
    expect(first.status).toBe("received"); // waiting out its backoff
    expect(first.announcements).toContain("order_created");
    expect(await getDb().order.count({ where: { shop } })).toBe(1); // the store part is committed

    await processBatch(getDb(), 50, undefined, later(10 * 60_000)); // the retry, once due
    const mine = seen.filter((e) => e.shop === shop);
    expect(mine).toHaveLength(2); // failed once, then delivered
    expect(mine[1].at).toBeInstanceOf(Date);
    expect(mine[1].at.toISOString()).toBe(triggeredAt);
    expect(mine[1].orderShopifyId).toBe(mine[0].orderShopifyId);
    const done = await getDb().webhookEvent.findFirstOrThrow({ where: { shop } });
    expect(done).toMatchObject({ status: "processed", announcements: null });
    expect(await getDb().order.count({ where: { shop } })).toBe(1);
  });

  it("publishes what a delivery recorded when the process died after applying it", async () => {
    const shop = await installedShop(getDb());
    const body = { ...examplePayload("orders/create"), cancelled_at: null };
    await deliver({ topic: "orders/create", shop, body });
    await processBatch(getDb(), 50);
    const orderId = seen.find((e) => e.shop === shop)?.orderShopifyId;
    expect(orderId).toBeTruthy();
    // As left by a worker killed between the store commit and the end of publishing, then released.
    const event = {
      type: "order_created",
      shop,
      orderShopifyId: orderId,
      customerShopifyId: null,
      checkoutToken: null,
      at: new Date(),
    };
    await getDb().webhookEvent.updateMany({
      where: { shop },
      data: { status: "received", announcements: JSON.stringify([event]) },
    });
    await processBatch(getDb(), 50);
    expect(seen.filter((e) => e.shop === shop)).toHaveLength(2);
    expect(await getDb().order.count({ where: { shop } })).toBe(1);
  });

  it("drops unpublished events about a customer who is then redacted, in that shop only", async () => {
    const [shop, other] = [
      await installedShop(getDb(), "shop", { shopifyShopId: "1" }),
      await installedShop(getDb()),
    ];
    const id = "gid://shopify/Customer/115310627314723954";
    const pending = JSON.stringify([
      {
        type: "consent_changed",
        shop,
        customerShopifyId: id,
        email: "john@example.com",
        state: "SUBSCRIBED",
        at: new Date(),
      },
    ]);
    for (const s of [shop, other]) {
      await getDb().webhookEvent.create({
        data: {
          shop: s,
          webhookId: "stuck",
          topic: "customers/update",
          payload: "{}",
          status: "failed",
          announcements: pending,
        },
      });
    }
    await deliver({
      topic: "customers/redact",
      shop,
      body: {
        shop_id: 1,
        shop_domain: shop,
        customer: { id: "115310627314723954", email: "john@example.com", phone: null },
        orders_to_redact: [],
      },
    });
    await drain();
    const stuck = (s: string) =>
      getDb().webhookEvent.findFirstOrThrow({ where: { shop: s, webhookId: "stuck" } });
    expect((await stuck(shop)).announcements).toBeNull();
    expect((await stuck(other)).announcements).toBe(pending);
  });
});
