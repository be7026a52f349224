// The flow settings API (list, switch, edit with versions and impact) and domain events published
// on the bus reaching the flows subscriber (pixel cart add, unsubscribe, redaction, uninstall).
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { publish } from "../../../app/domain/bus.server";
import "../../../app/flows/subscribers.server";
import {
  describeEditImpact,
  listFlows,
  setFlowEnabled,
  updateFlowConfig,
} from "../../../app/flows/settings.server";
import { uniqueShop } from "../../support/database";
import { seedCustomer, seedShop } from "./seed";

const NOW = new Date("2026-03-02T12:00:00.000Z");

describe("flow settings API", () => {
  it("edits create a new version; runs keep theirs; bad input returns field errors", async () => {
    const db = getDb();
    const shop = uniqueShop("settings");
    await seedShop(db, shop, { maxDiscountPercent: 12 });
    await setFlowEnabled(db, shop, "win_back", true, NOW);
    await db.flowRun.create({
      data: {
        shop,
        flowKey: "win_back",
        flowVersion: 1,
        enrollKey: "k1",
        customerShopifyId: "c1",
        nextStepAt: NOW,
      },
    });
    const bad = await updateFlowConfig(
      db,
      shop,
      "win_back",
      { lapseDays: 30, steps: { "win_back.second_touch": { discountPercent: 20 } } },
      NOW,
    );
    expect(bad).toEqual({
      ok: false,
      fieldErrors: {
        lapseDays: "must be between 60 and 365 days",
        "steps.win_back.second_touch.discountPercent": "must be between 1% and 12% (the shop's discount cap)",
      },
    });
    const preview = await describeEditImpact(db, shop, "win_back", { lapseDays: 120 });
    expect(preview.ok && preview.impact).toEqual({
      changes: ["customers count as lapsed after 120 days without an order (was 90)"],
      activeRuns: 1,
      summary:
        "1 customer is already in Win-back: they finish with the settings they started with. Customers who enter from now on get the new settings.",
    });
    const saved = await updateFlowConfig(db, shop, "win_back", { lapseDays: 120 }, NOW);
    expect(saved.ok && saved.version).toBe(2);
    const flows = await listFlows(db, shop);
    const winBack = flows.find((f) => f.key === "win_back")!;
    expect([winBack.enabled, winBack.version, winBack.activeRuns, winBack.definition.trigger]).toEqual([
      true,
      2,
      1,
      { kind: "lapsed", lapseDays: 120 },
    ]);
    expect(winBack.definition.steps[1].discountPercent).toBe(10);
    expect((await db.flowRun.findFirstOrThrow({ where: { shop } })).flowVersion).toBe(1);
    expect(await db.flowVersion.count({ where: { shop, flowKey: "win_back" } })).toBe(2);
  });
});

describe("domain events through the bus", () => {
  it("a cart add enrolls; unsubscribing exits everything; uninstall cancels the rest", async () => {
    const db = getDb();
    const shop = uniqueShop("events");
    await seedShop(db, shop);
    await seedCustomer(db, shop, "c1");
    await seedCustomer(db, shop, "c2");
    await setFlowEnabled(db, shop, "cart_abandonment", true, new Date("2026-01-01T00:00:00Z"));
    for (const c of ["c1", "c2"]) {
      await publish(db, {
        type: "pixel_event",
        shop,
        name: "product_added_to_cart",
        customerShopifyId: c,
        productShopifyId: "p1",
        checkoutToken: null,
        at: NOW,
      });
    }
    await publish(db, {
      type: "pixel_event",
      shop,
      name: "product_added_to_cart",
      customerShopifyId: "c1",
      productShopifyId: "p1",
      checkoutToken: null,
      at: NOW,
    });
    expect(await db.flowRun.count({ where: { shop, status: "active" } })).toBe(2);
    await publish(db, {
      type: "consent_changed",
      shop,
      customerShopifyId: "c1",
      email: "c1@example.com",
      state: "UNSUBSCRIBED",
      at: NOW,
    });
    const c1 = await db.flowRun.findFirstOrThrow({ where: { shop, customerShopifyId: "c1" } });
    expect([c1.status, c1.exitReason]).toEqual(["exited", "unsubscribed from email marketing"]);
    expect(
      (
        await db.customerEvent.findFirstOrThrow({
          where: { shop, customerShopifyId: "c1", kind: "suppressed" },
        })
      ).reason,
    ).toBe("unsubscribed from email marketing");
    await publish(db, { type: "customer_redacted", shop, customerShopifyId: "c1", at: NOW });
    expect(
      (await db.flowRun.findFirstOrThrow({ where: { shop, customerShopifyId: "c1" } })).email,
    ).toBeNull();
    await publish(db, { type: "shop_uninstalled", shop, at: NOW });
    const c2 = await db.flowRun.findFirstOrThrow({ where: { shop, customerShopifyId: "c2" } });
    expect(c2.status).toBe("cancelled");
    expect(await db.dueStep.count({ where: { shop, status: "pending" } })).toBe(0);
  });
});
