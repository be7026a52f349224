// Bad input on the embedded admin's pages, sent as App Bridge would (a real session token from the
// Shopify stand-in): activity filters that are too long or unknown are a 400, not a 500; settings
// refuse CR/LF, control characters and markup in the fields that reach mail headers and footers,
// with the field named, and store nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import type { Db } from "../../app/db/client.server";
import { loader as activityLoader } from "../../app/routes/app.activity";
import { action as settingsAction, loader as settingsLoader } from "../../app/routes/app.settings";
import { createTestDatabase, openTestDb, uniqueShop } from "../support/database";
import { type ShopifyStandIn, startShopifyStandIn } from "../support/shopify-stand-in";
import { adminArgs, adminPost, openAdmin, seedShopifyStore } from "../integration/journeys/install-support";
import { tableSnapshot } from "./support";

let shopifyDb: Db;
let standIn: ShopifyStandIn;
const shop = uniqueShop("admin-input");

beforeAll(async () => {
  shopifyDb = await openTestDb(await createTestDatabase("shopify"));
  standIn = startShopifyStandIn({ shopifyDb: () => shopifyDb, scopes: "read_orders,read_customers" });
  await seedShopifyStore(shopifyDb, shop, { timeZone: "UTC", customers: 2 });
  await openAdmin(standIn, shop); // installs the shop (afterAuth)
}, 120_000);

afterAll(async () => {
  standIn.restore();
  await shopifyDb.$disconnect();
});

async function status(p: Promise<unknown>): Promise<number> {
  return p.then(
    (r) => (r instanceof Response ? r.status : 200),
    (thrown: unknown) => (thrown instanceof Response ? thrown.status : 500),
  );
}

describe("admin input under abuse", () => {
  it("answers bad activity filters with 400 and good ones with 200", async () => {
    const load = async (query: string) =>
      status(activityLoader(await adminArgs(standIn, shop, `/app/activity?${query}`)));
    const long = `${"a".repeat(5000)}@example.com`;
    expect(await load(`email=${long}`)).toBe(400);
    expect(await load(`email=${"a".repeat(309)}@example.com`)).toBe(400); // 321 characters
    expect(await load("view=everything")).toBe(400);
    expect(await load("page=-3")).toBe(400);
    expect(await load("page=abc")).toBe(400);
    expect(await load("view=failed&page=2&email=jo%40example.com&host=abc")).toBe(200);
  });

  it("refuses a sender name, reply-to or postal address with CR/LF, control characters or markup", async () => {
    const good = await settingsLoader(await adminArgs(standIn, shop, "/app/settings"));
    const form = {
      ...good.settings,
      postalAddress: "12 Cedar Road, Portland OR 97201",
      replyTo: "hello@juniper.example",
    };
    const attacks: [keyof typeof form, string, RegExp][] = [
      ["senderName", "Juniper\r\nBcc: everyone@example.com", /line breaks/],
      ["senderName", "<img src=x onerror=alert(1)>", /HTML/],
      ["senderName", "Juniper\u0000Goods", /control characters/],
      ["replyTo", "hello@juniper.example\r\nBcc: x@example.com", /line breaks/],
      ["replyTo", "<hello@juniper.example>", /HTML|valid email/],
      ["postalAddress", "12 Cedar Road <script>alert(1)</script>", /HTML/],
      ["postalAddress", "12 Cedar Road\u001b[31m Portland", /control characters/],
    ];
    const before = await tableSnapshot(getDb());
    for (const [field, value, message] of attacks) {
      const res = (await settingsAction(
        await adminPost(standIn, shop, "/app/settings", { ...form, [field]: value }),
      )) as Response;
      expect(res.status, `${field}: ${JSON.stringify(value)}`).toBe(400);
      const { errors } = (await res.json()) as { errors: Record<string, string> };
      expect(errors[field]).toMatch(message);
    }
    expect(await tableSnapshot(getDb())).toEqual(before);
    // A multi-line postal address is still fine.
    const saved = await settingsAction(
      await adminPost(standIn, shop, "/app/settings", {
        ...form,
        postalAddress: "12 Cedar Road\r\nPortland OR 97201",
      }),
    );
    expect((saved as { ok: boolean }).ok).toBe(true);
  });
});
