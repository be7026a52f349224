// The owner's approvals email: opt-in, once a shop-local morning, only when drafts wait, over real
// SMTP; never for a shop that left it off or uninstalled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { createSmtpTransport, type Transport } from "../../../app/delivery/transport.server";
import { composeDigest } from "../../../app/drafting/approval-digest";
import { sendApprovalDigests } from "../../../app/drafting/approval-digest.server";
import { uniqueShop } from "../../support/database";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";

let smtp: TestSmtpServer;
let transport: Transport;

beforeAll(async () => {
  smtp = await startSmtpServer({ parse: true });
  transport = createSmtpTransport({ url: smtp.url, maxConnections: 1 });
});

afterAll(async () => {
  await transport.close();
  await smtp.close();
});

async function shopWithDrafts(options: { digest: "daily" | "off"; drafts: number }) {
  const db = getDb();
  const shop = uniqueShop("digest");
  const email = `owner.${shop.split(".")[0]}@example.com`;
  await db.shop.create({
    data: { shop, name: "Juniper Trail Goods", email, timeZone: "America/Los_Angeles" },
  });
  await db.shopSettings.create({ data: { shop, approvalDigest: options.digest } });
  for (let i = 0; i < options.drafts; i++) {
    await db.draft.create({
      data: {
        shop,
        flowKey: i % 2 ? "win_back" : "checkout_abandonment",
        stepKey: i % 2 ? "win_back.first_touch" : "checkout_abandonment.reminder",
        productShopifyId: String(100 + i),
        content: "{}",
        author: "template",
        promptVersion: "t",
      },
    });
  }
  return { shop, email };
}

const run = (iso: string) =>
  sendApprovalDigests({
    db: getDb(),
    transport,
    now: new Date(iso),
    apiKey: "tend-key",
    mailFromDomain: "mail.tend.test",
  });

describe("the approvals email", () => {
  it("goes once a local morning while drafts wait, naming how many and where", async () => {
    const { shop, email } = await shopWithDrafts({ digest: "daily", drafts: 3 });
    const mine = () => smtp.received.filter((m) => m.envelopeTo.includes(email));
    expect(await run("2026-12-10T16:30:00Z")).not.toContain(shop); // 08:30 in Los Angeles: not yet
    expect(await run("2026-12-10T17:05:00Z")).toContain(shop); // 09:05
    expect(await run("2026-12-10T23:00:00Z")).not.toContain(shop); // same local day: once
    expect(mine()).toHaveLength(1);
    const mail = mine()[0].parsed;
    expect(mail?.subject).toBe("3 drafts await your approval in Tend");
    expect(mail?.text).toContain("Checkout abandonment: 2");
    expect(mail?.text).toContain("Win-back: 1");
    expect(mail?.text).toContain(
      `https://admin.shopify.com/store/${shop.replace(".myshopify.com", "")}/apps/tend-key/app/drafts`,
    );
    // Next morning, still waiting: another note. Once approved, no more.
    expect(await run("2026-12-11T17:05:00Z")).toContain(shop);
    await getDb().draft.updateMany({ where: { shop }, data: { status: "approved" } });
    expect(await run("2026-12-12T17:05:00Z")).not.toContain(shop);
    expect(mine()).toHaveLength(2);
  });

  it("never goes when the merchant left it off, nothing waits, or the app is uninstalled", async () => {
    const off = await shopWithDrafts({ digest: "off", drafts: 2 });
    const empty = await shopWithDrafts({ digest: "daily", drafts: 0 });
    const gone = await shopWithDrafts({ digest: "daily", drafts: 2 });
    await getDb().shop.update({
      where: { shop: gone.shop },
      data: { uninstalledAt: new Date("2026-12-01T00:00:00Z") },
    });
    const sent = await run("2026-12-20T18:00:00Z");
    for (const s of [off, empty, gone]) {
      expect(sent).not.toContain(s.shop);
      expect(smtp.received.filter((m) => m.envelopeTo.includes(s.email))).toEqual([]);
    }
  });

  it("speaks in the singular for one draft and escapes the shop's name in HTML", () => {
    const mail = composeDigest({
      shopName: "Fox & <Hound>",
      pending: [{ flowName: "Anniversary", count: 1 }],
      approvalsUrl: "https://admin.shopify.com/store/x/apps/k/app/drafts",
    });
    expect(mail.subject).toBe("1 draft awaits your approval in Tend");
    expect(mail.html).toContain("Fox &amp; &lt;Hound&gt;");
    expect(mail.html).not.toContain("<Hound>");
  });
});
