// A delivery whose handler fails (not a malformed payload: a dependency that is down) is retried
// with exponential backoff on the processor's clock, never before its next attempt is due, and is
// kept as "failed" with its payload and last error once the attempts are spent.
import { describe, expect, it } from "vitest";
import { installedShop } from "../../support/webhooks";
import { getDb } from "../../../app/db.server";
import type { Handler } from "../../../app/ingest/handlers.server";
import { processBatch } from "../../../app/ingest/processor.server";
import { MAX_ATTEMPTS, retryDelayMs } from "../../../app/ingest/retry";
import { deliver } from "./support";

const db = () => getDb();
const TOPIC = "customers/update";
const T0 = new Date("2026-11-20T10:00:00Z");
const at = (ms: number) => () => new Date(T0.getTime() + ms);

/** A handler for TOPIC that fails for `shop` while `failing()` says so, and counts its calls. */
function flakyHandler(shop: string, failing: () => boolean) {
  const calls: string[] = [];
  const handler: Handler = async (ctx) => {
    if (ctx.shop !== shop) return;
    calls.push(ctx.webhookId);
    if (failing()) throw new Error("database is locked");
  };
  return { handlers: { [TOPIC]: handler }, calls };
}

async function row(shop: string, webhookId: string) {
  return db().webhookEvent.findUniqueOrThrow({ where: { shop_webhookId: { shop, webhookId } } });
}

async function deliverOne(shop: string, webhookId: string) {
  const response = await deliver({
    topic: TOPIC,
    shop,
    webhookId,
    // Each delivery its own body: one signed body is recorded once.
    body: { admin_graphql_api_id: "gid://shopify/Customer/1", updated_at: T0.toISOString(), note: webhookId },
  });
  expect(response.status).toBe(200);
}

describe("webhook handler failures", () => {
  it("retries after 30 s, then 1 min, and not before; success clears the schedule", async () => {
    const shop = await installedShop(getDb(), "retry");
    let failuresLeft = 2;
    const flaky = flakyHandler(shop, () => failuresLeft-- > 0);
    await deliverOne(shop, "w-1");

    await processBatch(db(), 50, flaky.handlers, at(0));
    expect(await row(shop, "w-1")).toMatchObject({
      status: "received",
      attempts: 1,
      error: "database is locked",
      nextAttemptAt: new Date(T0.getTime() + 30_000),
    });

    // Not due yet: the handler is not called at all.
    await processBatch(db(), 50, flaky.handlers, at(29_999));
    expect(flaky.calls).toHaveLength(1);

    await processBatch(db(), 50, flaky.handlers, at(30_000));
    expect(flaky.calls).toHaveLength(2);
    expect(await row(shop, "w-1")).toMatchObject({
      status: "received",
      attempts: 2,
      nextAttemptAt: new Date(T0.getTime() + 30_000 + 60_000),
    });

    await processBatch(db(), 50, flaky.handlers, at(60_000));
    expect(flaky.calls).toHaveLength(2);
    await processBatch(db(), 50, flaky.handlers, at(90_000));
    expect(flaky.calls).toHaveLength(3);
    expect(await row(shop, "w-1")).toMatchObject({
      status: "processed",
      attempts: 3,
      error: null,
      nextAttemptAt: null,
    });
  });

  it("keeps processing other deliveries while one waits out its backoff", async () => {
    const shop = await installedShop(getDb(), "retry");
    let first = true;
    const flaky = flakyHandler(shop, () => {
      const fail = first;
      first = false;
      return fail;
    });
    await deliverOne(shop, "w-a");
    await processBatch(db(), 50, flaky.handlers, at(0));
    await deliverOne(shop, "w-b");
    await processBatch(db(), 50, flaky.handlers, at(1_000));
    expect(flaky.calls).toEqual(["w-a", "w-b"]);
    expect((await row(shop, "w-a")).status).toBe("received");
    expect((await row(shop, "w-b")).status).toBe("processed");
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts and keeps the delivery as failed`, async () => {
    const shop = await installedShop(getDb(), "retry");
    const flaky = flakyHandler(shop, () => true);
    await deliverOne(shop, "w-dead");
    let clock = 0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await processBatch(db(), 50, flaky.handlers, at(clock));
      expect(flaky.calls).toHaveLength(attempt);
      clock += retryDelayMs(attempt);
    }
    const failed = await row(shop, "w-dead");
    expect(failed).toMatchObject({
      status: "failed",
      attempts: MAX_ATTEMPTS,
      error: "database is locked",
      nextAttemptAt: null,
    });
    expect(JSON.parse(failed.payload)).toMatchObject({ admin_graphql_api_id: "gid://shopify/Customer/1" });
    // A failed delivery is never picked up again, however much later.
    await processBatch(db(), 50, flaky.handlers, at(clock + 30 * 86_400_000));
    expect(flaky.calls).toHaveLength(MAX_ATTEMPTS);
    // The whole schedule spans about an hour, well inside Shopify's own 4-hour retry window.
    expect(clock - retryDelayMs(MAX_ATTEMPTS)).toBe(30_000 * (2 ** (MAX_ATTEMPTS - 1) - 1));
  });
});
