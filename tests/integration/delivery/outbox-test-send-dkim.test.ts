// The outbox transport and the admin's outbox list, the merchant's test send, and DKIM: a message
// signed with a generated RSA key arrives at a real SMTP server and verifies against the public key
// published (here: answered locally) as the selector's TXT record.
import { generateKeyPairSync } from "node:crypto";
import { dkimVerify } from "mailauth/lib/dkim/verify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../app/db/client.server";
import { getDb } from "../../../app/db.server";
import { listOutbox } from "../../../app/delivery/messages.server";
import { createSender } from "../../../app/delivery/send-step.server";
import { sendTestEmail } from "../../../app/delivery/test-send.server";
import { createOutboxTransport, createSmtpTransport } from "../../../app/delivery/transport.server";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import { APPROVED, approvedCopy, CONFIG, fakeAdmin, seedShop, stepRequest } from "./fixtures";

let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer({ parse: true });
});

afterAll(() => smtp.close());

function arrivedFor(email: string) {
  return smtp.received.filter((m) => m.envelopeTo.some((to) => to.toLowerCase() === email.toLowerCase()));
}

async function extraRuns(db: Db, s: { shop: string; customerId: string; email: string }, n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const run = await db.flowRun.create({
      data: {
        shop: s.shop,
        flowKey: "checkout_abandonment",
        flowVersion: 1,
        enrollKey: `extra:${i}:${Math.random()}`,
        customerShopifyId: s.customerId,
        email: s.email,
        startedAt: new Date(Date.now() - 3_600_000),
      },
    });
    ids.push(run.id);
  }
  return ids;
}

describe("outbox transport and listOutbox", () => {
  it("keeps the rendered message with transport 'outbox' and lists it newest first", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const sender = createSender({
      db,
      transport: createOutboxTransport(),
      resolveCopy: approvedCopy(),
      admin: fakeAdmin().admin,
      config: CONFIG,
    });
    const [second, third] = await extraRuns(db, s, 2);
    const t0 = Date.now();
    const results = [
      await sender.sendStep(stepRequest(s, { now: new Date(t0) })),
      await sender.sendStep(stepRequest(s, { runId: second, now: new Date(t0 + 1000) })),
      await sender.sendStep(stepRequest(s, { runId: third, now: new Date(t0 + 2000) })),
    ];
    expect(results.map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
    expect(arrivedFor(s.email)).toHaveLength(0); // nothing left the machine

    const all = await listOutbox(db, s.shop);
    expect(all).toHaveLength(3);
    for (const entry of all) {
      expect(entry).toMatchObject({ status: "sent", transport: "outbox", flowKey: "checkout_abandonment" });
      expect(entry.html).toContain("Pine &amp; Peak");
      expect(entry.html).toContain("&lt;b&gt;Trail&lt;/b&gt;"); // product title escaped, not markup
      expect(entry.html).not.toContain("<script>alert(1)</script>");
      expect(entry.text).toContain("Hi Dana");
      expect(entry.text).toMatch(/Unsubscribe: https:\/\/tend\.test\/u\//);
      expect(entry.subject).toMatch(/Dana/);
      expect(entry.sentAt).not.toBeNull();
    }
    // Newest claim first.
    const claimed = all.map((e) => e.claimedAt.getTime());
    expect([...claimed].sort((a, b) => b - a)).toEqual(claimed);

    // Paging with a cursor, filters, and listing without bodies.
    const firstPage = await listOutbox(db, s.shop, { take: 2 });
    const nextPage = await listOutbox(db, s.shop, { take: 2, cursor: firstPage[1].id });
    expect(firstPage.map((e) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id));
    expect(nextPage.map((e) => e.id)).toEqual([all[2].id]);
    expect(await listOutbox(db, s.shop, { transport: "smtp" })).toEqual([]);
    expect(await listOutbox(db, s.shop, { transport: "outbox", status: "failed" })).toEqual([]);
    const light = await listOutbox(db, s.shop, { withBody: false });
    expect(light.every((e) => e.html === null && e.text === null)).toBe(true);
    // Shop-scoped: another shop sees none of it.
    const other = await seedShop(db);
    expect(await listOutbox(db, other.shop)).toEqual([]);
  });
});

describe("sendTestEmail", () => {
  async function draft(db: Db, shop: string, productId: string | null, status = "approved") {
    return db.draft.create({
      data: {
        shop,
        flowKey: "checkout_abandonment",
        stepKey: "checkout_abandonment.reminder",
        productShopifyId: productId,
        status,
        content: JSON.stringify(APPROVED),
        author: "template",
        promptVersion: "template-v1",
      },
    });
  }

  it("mails an approved draft, filled with sample data, to the merchant's address", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const transport = createSmtpTransport({ url: smtp.url, maxConnections: 1 });
    try {
      const d = await draft(db, s.shop, s.productId);
      const to = `owner.${s.customerId}@pineandpeak.example`;
      const result = await sendTestEmail(db, s.shop, d.id, to, { transport, config: CONFIG });
      expect(result.ok).toBe(true);
      const [mail] = arrivedFor(to);
      expect(mail).toBeDefined();
      const parsed = mail.parsed!;
      expect(parsed.subject).toMatch(/^\[Test\] /);
      expect(parsed.subject).toContain("Alex");
      expect(parsed.headers.get("x-tend-test")).toBe("1");
      expect(mail.messageId).toBe(result.ok ? result.messageId : null);
      expect(String(parsed.html)).toContain("&lt;b&gt;Trail&lt;/b&gt;");
      expect(parsed.text).toContain("12 Alder Street");
      expect(parsed.text).toContain("https://tend.test/u/preview");
      // A test send leaves no trace in the ledger: no message, no run touched.
      expect(await db.message.count({ where: { shop: s.shop } })).toBe(0);
    } finally {
      await transport.close();
    }
  });

  it("refuses drafts that are not approved, unknown drafts, other shops' drafts and bad addresses", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const other = await seedShop(db);
    const transport = createOutboxTransport();
    const deps = { transport, config: CONFIG };
    const pending = await draft(db, s.shop, null, "pending");
    const approved = await draft(db, s.shop, null);
    expect(await sendTestEmail(db, s.shop, pending.id, "a@b.example", deps)).toEqual({
      ok: false,
      reason: "only approved drafts can be test-sent",
    });
    expect(await sendTestEmail(db, s.shop, "nope", "a@b.example", deps)).toEqual({
      ok: false,
      reason: "draft not found",
    });
    expect(await sendTestEmail(db, other.shop, approved.id, "a@b.example", deps)).toEqual({
      ok: false,
      reason: "draft not found",
    });
    expect(await sendTestEmail(db, s.shop, approved.id, "not an address", deps)).toEqual({
      ok: false,
      reason: "enter a valid email address",
    });
    const ok = await sendTestEmail(db, s.shop, approved.id, "a@b.example", deps);
    expect(ok.ok).toBe(true);
  });

  it("reports the mail server's refusal", async () => {
    const refusing = await startSmtpServer({ respond: () => 550 });
    const transport = createSmtpTransport({ url: refusing.url, maxConnections: 1 });
    try {
      const db = getDb();
      const s = await seedShop(db);
      const d = await draft(db, s.shop, null);
      const result = await sendTestEmail(db, s.shop, d.id, "owner@pineandpeak.example", {
        transport,
        config: CONFIG,
      });
      expect(result.ok).toBe(false);
      expect(result.ok ? "" : result.reason).toMatch(/did not accept it: .*550/);
      expect(refusing.received).toHaveLength(0);
    } finally {
      await transport.close();
      await refusing.close();
    }
  });
});

describe("DKIM signing", () => {
  it("signs with the configured key; the received message verifies against the published key", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const dkim = {
      domainName: "mail.tend.test",
      keySelector: "tend2026",
      privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    };
    const publicDer = publicKey.export({ type: "spki", format: "der" }).toString("base64");
    const lookups: string[] = [];
    const resolver = async (name: string, rr: string) => {
      lookups.push(`${rr} ${name}`);
      if (rr === "TXT" && name === "tend2026._domainkey.mail.tend.test")
        return [[`v=DKIM1; k=rsa; p=${publicDer}`]];
      throw Object.assign(new Error(`no ${rr} record for ${name}`), { code: "ENOTFOUND" });
    };

    const db = getDb();
    const s = await seedShop(db);
    const transport = createSmtpTransport({ url: smtp.url, maxConnections: 1, dkim });
    try {
      const sender = createSender({
        db,
        transport,
        resolveCopy: approvedCopy(),
        admin: fakeAdmin().admin,
        config: CONFIG,
      });
      expect((await sender.sendStep(stepRequest(s))).status).toBe("sent");
    } finally {
      await transport.close();
    }
    const [mail] = arrivedFor(s.email);
    expect(mail.raw).toMatch(/^DKIM-Signature: /m);

    const verified = await dkimVerify(Buffer.from(mail.raw), { resolver });
    expect(lookups).toContain("TXT tend2026._domainkey.mail.tend.test");
    expect(verified.results).toHaveLength(1);
    const [result] = verified.results;
    expect(result.status.result).toBe("pass");
    expect(result.signingDomain).toBe("mail.tend.test");
    expect(result.selector).toBe("tend2026");
    // The From domain is the signing domain (DMARC alignment).
    expect(mail.parsed?.from?.value[0].address).toMatch(/@mail\.tend\.test$/);

    // The same message with a body byte changed in transit no longer verifies.
    const tampered = mail.raw.replace("Hi Dana", "Hi Eve!");
    expect(tampered).not.toBe(mail.raw);
    const broken = await dkimVerify(Buffer.from(tampered), { resolver });
    expect(broken.results[0].status.result).not.toBe("pass");
    expect(broken.results[0].status.comment).toMatch(/body hash/i);

    // Signed by a key the DNS does not publish: not a pass.
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const otherDer = other.publicKey.export({ type: "spki", format: "der" }).toString("base64");
    const wrongKey = await dkimVerify(Buffer.from(mail.raw), {
      resolver: async () => [[`v=DKIM1; k=rsa; p=${otherDer}`]],
    });
    expect(wrongKey.results[0].status.result).not.toBe("pass");
  });
});
