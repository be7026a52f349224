// The demo's newsletter sign-ups reach the welcome series the way a live shop's do: signed
// customers/create over HTTP to the real webhook route, the processor, the flows engine. Two per
// round, none in the holdout, new people each round, and none of them has ever ordered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { now } from "../../../app/clock.server";
import { getDb } from "../../../app/db.server";
import { replayNewSubscribers } from "../../../app/demo/subscribers.server";
import { resetEnvForTests } from "../../../app/env.server";
import { setFlowEnabled } from "../../../app/flows/settings.server";
import { uniqueShop } from "../../support/database";
import { processWebhooks } from "../../support/journey";
import { installShop } from "../../support/webhooks";
import { type RouteServer, startDemoRoutes } from "./demo-routes";

let routes: RouteServer;
beforeAll(async () => {
  process.env.TEND_MODE = "demo";
  resetEnvForTests();
  routes = await startDemoRoutes();
});
afterAll(async () => {
  await routes.close();
  process.env.TEND_MODE = "live";
  resetEnvForTests();
});

describe("demo newsletter sign-ups", () => {
  it("each round enrolls two new subscribers in the welcome series", async () => {
    const db = getDb();
    const shop = uniqueShop("welcome-demo");
    await installShop(db, shop);
    await db.shopSettings.create({ data: { shop, holdoutPercent: 10 } });
    await setFlowEnabled(db, shop, "welcome", true, now());
    const first = await replayNewSubscribers(db, shop, routes.url, 1);
    const second = await replayNewSubscribers(db, shop, routes.url, 2);
    expect([...first, ...second].map((e) => e.status)).toEqual([200, 200, 200, 200]);
    await processWebhooks(db);
    const runs = await db.flowRun.findMany({
      where: { shop, flowKey: "welcome" },
      select: { customerShopifyId: true, status: true, holdout: true, email: true },
    });
    expect(runs).toHaveLength(4);
    expect(new Set(runs.map((r) => r.customerShopifyId)).size).toBe(4);
    expect(runs.every((r) => r.status === "active" && !r.holdout)).toBe(true);
    expect(runs.map((r) => r.email).sort()).toEqual([...first, ...second].map((e) => e.email).sort());
    const customers = await db.customer.findMany({
      where: { shop, shopifyId: { in: runs.map((r) => r.customerShopifyId ?? "") } },
      select: { marketingState: true, ordersCount: true },
    });
    expect(customers.every((c) => c.marketingState === "SUBSCRIBED" && c.ordersCount === 0)).toBe(true);
    // A replayed round is the same people again: nobody is enrolled twice.
    await replayNewSubscribers(db, shop, routes.url, 2);
    await processWebhooks(db);
    expect(await db.flowRun.count({ where: { shop, flowKey: "welcome" } })).toBe(4);
  });
});
