// shop/redact only after an uninstall: Shopify sends it 48 hours after the app is removed. The
// redaction deletes the shop's delivery log (and with it the replay keys), so a captured shop/redact
// re-sent after the merchant reinstalled must be refused on its own terms: the shop is installed.
import { describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { compliancePayload, installShop } from "../support/webhooks";
import { uniqueShop } from "../support/database";
import { drainAll, send, tableSnapshot } from "./support";

describe("shop/redact replayed after a reinstall", () => {
  it("erases an uninstalled shop once, and is refused once the shop is installed again", async () => {
    const db = getDb();
    const shop = uniqueShop("redact-replay");
    await installShop(db, shop, { shopifyShopId: "5005" });
    const body = compliancePayload("shop/redact", shop, "5005");

    // Installed: a shop/redact is refused outright (Shopify never sends one to an installed shop).
    expect((await send({ topic: "shop/redact", shop, body })).status).toBe(400);
    expect(await db.shop.count({ where: { shop } })).toBe(1);

    // Uninstalled: the real one erases the shop.
    await db.shop.update({ where: { shop }, data: { uninstalledAt: new Date() } });
    expect((await send({ topic: "shop/redact", shop, body })).status).toBe(200);
    await drainAll();
    expect(await db.shop.count({ where: { shop } })).toBe(0);

    // The merchant reinstalls; the same signed body comes again with fresh headers.
    await installShop(db, shop, { shopifyShopId: "5005" });
    await db.shopSettings.create({ data: { shop, senderName: "Back again" } });
    const before = await tableSnapshot();
    expect((await send({ topic: "shop/redact", shop, body })).status).toBe(400);
    await drainAll();
    expect(await tableSnapshot()).toEqual(before);
  });
});
