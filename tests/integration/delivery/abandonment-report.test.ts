// Abandonment emails report delivery to Shopify through the local Admin API, which runs every
// operation against the real Admin 2026-10 schema: the AbandonedCheckout is found from our checkout
// (token in its recovery URL, created-at window), Tend's marketing activity is upserted once per
// shop and flow, and abandonmentUpdateActivitiesDeliveryStatuses gets SENT for that pair.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AdminGraphql } from "../../../app/admin.server";
import { getDb } from "../../../app/db.server";
import { createSmtpTransport, type Transport } from "../../../app/delivery/transport.server";
import { localAdminGraphql } from "../../../app/demo/local-admin.server";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import { seedShop, stepRequest, testSender } from "./fixtures";

let smtp: TestSmtpServer;
let transport: Transport;
beforeAll(async () => {
  smtp = await startSmtpServer();
  transport = createSmtpTransport({ url: smtp.url });
});
afterAll(async () => {
  await transport.close();
  await smtp.close();
});

interface Call {
  operation: string;
  variables: Record<string, unknown>;
  body: { data?: Record<string, unknown>; errors?: unknown[] };
}

function recordingAdmin(calls: Call[]) {
  return async (shop: string): Promise<AdminGraphql> => {
    const inner = localAdminGraphql(shop, getDb);
    return async (query, options) => {
      const response = await inner(query, options);
      const body = await response.clone().json();
      calls.push({
        operation: /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "?",
        variables: options?.variables ?? {},
        body,
      });
      return response;
    };
  };
}

const recordingSender = (calls: Call[]) => testSender(transport, { admin: recordingAdmin(calls) });

it("reports SENT for the checkout's abandonment with Tend's marketing activity", async () => {
  const db = getDb();
  const s = await seedShop(db);
  const calls: Call[] = [];
  const sender = recordingSender(calls);

  expect((await sender.sendStep(stepRequest(s))).status).toBe("sent");
  expect(calls.map((c) => c.operation)).toEqual([
    "TendAbandonedCheckoutsCreatedBetween",
    "TendMarketingActivityUpsertExternal",
    "TendAbandonmentByAbandonedCheckoutId",
    "TendAbandonmentUpdateActivitiesDeliveryStatuses",
  ]);
  for (const c of calls) expect(c.body.errors).toBeUndefined(); // valid against the 2026-10 schema
  expect(calls[1].variables.input).toMatchObject({
    remoteId: "tend:checkout_abandonment",
    tactic: "ABANDONED_CART",
    marketingChannelType: "EMAIL",
  });
  const activityId = (
    calls[1].body.data as { marketingActivityUpsertExternal: { marketingActivity: { id: string } } }
  ).marketingActivityUpsertExternal.marketingActivity.id;
  expect(calls[2].variables).toEqual({
    abandonedCheckoutId: `gid://shopify/AbandonedCheckout/${s.checkoutToken}`,
  });
  expect(calls[3].variables).toMatchObject({
    abandonmentId: expect.stringMatching(/^gid:\/\/shopify\/Abandonment\//),
    marketingActivityId: activityId,
    deliveryStatus: "SENT",
  });

  // The next abandonment email of the shop reuses the activity: no second upsert.
  const s2 = await seedShop(db);
  calls.length = 0;
  const sameShop = { ...stepRequest(s2), shop: s.shop };
  await db.checkout.update({
    where: { shop_token: { shop: s2.shop, token: s2.checkoutToken } },
    data: { shop: s.shop },
  });
  await db.flowRun.update({ where: { id: s2.runId }, data: { shop: s.shop } });
  await db.customer.updateMany({ where: { shop: s2.shop }, data: { shop: s.shop } });
  expect((await sender.sendStep(sameShop)).status).toBe("sent");
  expect(calls.map((c) => c.operation)).not.toContain("TendMarketingActivityUpsertExternal");
  expect(calls.at(-1)?.operation).toBe("TendAbandonmentUpdateActivitiesDeliveryStatuses");
});

it("sends the email even when Shopify lists no abandoned checkout for it", async () => {
  const db = getDb();
  const s = await seedShop(db);
  await db.checkout.update({
    where: { shop_token: { shop: s.shop, token: s.checkoutToken } },
    data: { abandonedCheckoutUrl: "https://elsewhere.example/checkouts/other-token/recover" },
  });
  const calls: Call[] = [];
  const sender = recordingSender(calls);
  expect((await sender.sendStep(stepRequest(s))).status).toBe("sent");
  expect(calls.map((c) => c.operation)).toEqual(["TendAbandonedCheckoutsCreatedBetween"]);
});
