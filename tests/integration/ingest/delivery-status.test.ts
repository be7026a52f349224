// Claim and done for a recorded delivery, on the driver path the processor uses.
import { describe, expect, it } from "vitest";
import { installedShop } from "../../support/webhooks";
import { getDb } from "../../../app/db.server";
import { claimDelivery, markProcessed } from "../../../app/ingest/delivery-status.server";

describe("delivery status writes", () => {
  it("lets exactly one of two racing workers claim a delivery, then records it processed", async () => {
    const db = getDb();
    const shop = await installedShop(getDb());
    const row = await db.webhookEvent.create({
      data: {
        shop,
        webhookId: "w",
        topic: "orders/create",
        payload: "{}",
        attempts: 2,
        announcements: "[]",
        nextAttemptAt: new Date(),
        error: "earlier failure",
      },
    });
    const at = new Date("2026-11-22T12:00:00.000Z");
    const claims = await Promise.all([claimDelivery(db, row.id, at), claimDelivery(db, row.id, at)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "processing",
      processedAt: at,
    });

    const done = new Date("2026-11-22T12:00:01.000Z");
    await markProcessed(db, row.id, null, done);
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "processed",
      processedAt: done,
      attempts: 3,
      nextAttemptAt: null,
      announcements: null,
      error: null,
    });
    expect(await claimDelivery(db, row.id, at)).toBe(false); // processed is never claimed again
  });
});
