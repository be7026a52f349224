// Attack: Shopify's HMAC covers the body only. Every documented body of every topic Tend subscribes
// to is first delivered genuinely for shop A (the "captured" deliveries), then re-sent, correctly
// signed, under every other topic and under another installed shop's domain with fresh webhook and
// event ids and a fresh trigger time. Nothing may change: every table's rows are identical
// afterwards, except the refusals Tend keeps for inspection (dead deliveries and their dead letters).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { examplePayload, installShop, shopsOwnBody } from "../support/webhooks";
import { addedRows, drainAll, send, subscribedTopics, tableSnapshot } from "./support";

const A = "replay-a.myshopify.com";
const B = "replay-b.myshopify.com";
const IDS: Record<string, string> = { [A]: "1001", [B]: "2002" };

/** Shopify's documented body of `topic`, addressed to `shop` where the body names a shop. */
function fixture(topic: string, shop: string): Record<string, unknown> {
  const body = examplePayload(topic);
  const id = Number(IDS[shop]);
  if (["customers/data_request", "customers/redact", "shop/redact"].includes(topic)) {
    return { ...body, shop_domain: shop, shop_id: id };
  }
  if (topic === "app/uninstalled" || topic === "shop/update") return { ...body, id, myshopify_domain: shop };
  if (topic === "app/scopes_update") return { ...body, shop_id: `gid://shopify/Shop/${id}` };
  return body;
}

const topics = subscribedTopics();
// The captured bodies, exactly as signed. shop/redact is never applied to A (it would erase the
// shop under test): its body is replayed without ever having been recorded.
const captured = topics.map(({ topic }) => ({ topic, raw: JSON.stringify(fixture(topic, A)) }));
const SEED_TOPICS = ["customers/create", "orders/create", "checkouts/create", "products/create"];

async function deliverGenuinely(topic: string, shop: string, raw: string) {
  const response = await send({ topic, shop, body: raw, triggeredAt: new Date().toISOString() });
  expect(response.status, `${topic} for ${shop}`).toBe(200);
}

describe("replayed webhooks", () => {
  beforeAll(async () => {
    const db = getDb();
    for (const shop of [A, B]) await installShop(db, shop, { shopifyShopId: IDS[shop] });
    // B holds its own customer picture, which a replay must not touch.
    for (const topic of SEED_TOPICS) {
      const own = shopsOwnBody({ topic, shop: B, body: examplePayload(topic) });
      await deliverGenuinely(topic, B, JSON.stringify(own.body));
    }
    const lifecycle = ["app/uninstalled", "shop/redact"];
    for (const c of captured.filter((c) => !lifecycle.includes(c.topic)))
      await deliverGenuinely(c.topic, A, c.raw);
    // A's uninstall is captured too; the merchant then installs Tend again.
    await deliverGenuinely(
      "app/uninstalled",
      A,
      captured.find((c) => c.topic === "app/uninstalled")?.raw ?? "",
    );
    await drainAll();
    await installShop(db, A, { shopifyShopId: IDS[A] });
    const dead = await db.webhookEvent.findMany({ where: { status: { not: "processed" } } });
    expect(dead.map((d) => `${d.topic}: ${d.error}`)).toEqual([]);
  }, 120_000);

  it("changes nothing when any body is re-sent under any other topic or another shop", async () => {
    expect(topics.length).toBeGreaterThanOrEqual(20);
    const db = getDb();
    const before = await tableSnapshot(db);
    const replayIds = new Set<string>();
    const statuses: Record<number, number> = {};
    for (const body of captured) {
      for (const target of topics) {
        for (const shop of [A, B]) {
          if (shop === A && target.topic === body.topic) continue; // that is the genuine delivery
          const webhookId = `replay-${randomUUID()}`;
          replayIds.add(webhookId);
          const response = await send({
            topic: target.topic,
            uri: target.uri,
            shop,
            body: body.raw,
            webhookId,
            eventId: randomUUID(),
            triggeredAt: new Date().toISOString(),
          });
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          expect([200, 400]).toContain(response.status);
        }
      }
    }
    await drainAll();
    const after = await tableSnapshot(db);
    const added = addedRows(before, after);
    // Only what Tend keeps for inspection: refused deliveries (dead) and their dead letters.
    expect(Object.keys(added).filter((m) => m !== "WebhookEvent" && m !== "DeadLetter")).toEqual([]);
    const events = (added.WebhookEvent ?? []) as {
      webhookId: string;
      status: string;
      topic: string;
      shop: string;
    }[];
    const letters = (added.DeadLetter ?? []) as { webhookId: string }[];
    // Named, so a failure says which replay got through.
    expect(events.filter((e) => e.status !== "dead").map((e) => `${e.topic} for ${e.shop}`)).toEqual([]);
    for (const e of events) {
      expect(replayIds.has(e.webhookId)).toBe(true);
      expect(e.status).toBe("dead");
    }
    expect(letters.map((l) => l.webhookId).sort()).toEqual(events.map((e) => e.webhookId).sort());
    // Every row that existed before is untouched.
    for (const [model, rows] of Object.entries(before))
      expect(after[model], model).toEqual(expect.arrayContaining(rows));
    for (const [model, rows] of Object.entries(after)) {
      expect(rows.length - before[model].length, model).toBe((added[model] ?? []).length);
    }
    console.info(
      `replays: ${replayIds.size} attempts, ${statuses[400] ?? 0} refused at the door (400), ` +
        `${(statuses[200] ?? 0) - events.length} dropped as duplicates, ${events.length} dead-lettered, 0 applied`,
    );
  }, 300_000);
});
