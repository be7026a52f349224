// sendStep against a real SMTP server: what arrives is parsed with mailparser and checked header by
// header; the at-most-once ledger, re-checks, retries and bounces are checked in the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { idempotencyKey } from "../../../app/delivery/headers";
import { readUnsubscribeToken, verifyClickToken } from "../../../app/delivery/tokens";
import { createSender } from "../../../app/delivery/send-step.server";
import { createSmtpTransport, type Transport } from "../../../app/delivery/transport.server";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import {
  approvedCopy,
  CONFIG,
  EVIL_TITLE,
  fakeAdmin,
  seedShop,
  stepRequest,
  WITH_DISCOUNT,
} from "./fixtures";

let smtp: TestSmtpServer;
let transport: Transport;
const refuse = new Map<string, number>();

beforeAll(async () => {
  smtp = await startSmtpServer({ parse: true, respond: (rcpt) => refuse.get(rcpt.toLowerCase()) ?? null });
  transport = createSmtpTransport({ url: smtp.url, maxConnections: 2 });
});

afterAll(async () => {
  await transport.close();
  await smtp.close();
});

function sender(overrides: Parameters<typeof createSender>[0] = {}) {
  const admin = fakeAdmin();
  return {
    admin,
    ...createSender({
      db: getDb(),
      transport,
      resolveCopy: approvedCopy(),
      admin: admin.admin,
      config: CONFIG,
      ...overrides,
    }),
  };
}

function arrivedFor(email: string) {
  return smtp.received.filter((m) => m.envelopeTo.some((to) => to.toLowerCase() === email.toLowerCase()));
}

describe("sendStep through SMTP", () => {
  it("delivers one correct, compliant email and records it", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const result = await sender().sendStep(stepRequest(s));
    expect(result).toMatchObject({ status: "sent", messageId: `<${s.runId}.0@mail.tend.test>` });

    const [mail] = arrivedFor(s.email);
    const parsed = mail.parsed!;
    expect(parsed.messageId).toBe(`<${s.runId}.0@mail.tend.test>`);
    expect(parsed.from?.value[0]).toMatchObject({
      name: "Pine & Peak Outfitters",
      address: `${s.shop.replace(".myshopify.com", "")}@mail.tend.test`,
    });
    expect(parsed.replyTo?.value[0].address).toBe("hello@pineandpeak.example");

    const headers = mail.raw.slice(0, mail.raw.indexOf("\r\n\r\n")).replace(/\r\n[ \t]+/g, " ");
    const listUnsubscribe = /^List-Unsubscribe: (.*)$/im.exec(headers)?.[1] ?? "";
    // Only the https one-click target: nothing would process a mailto: unsubscribe.
    expect(listUnsubscribe).toMatch(/^<https:\/\/tend\.test\/u\/[^>]+>$/);
    const httpsTarget = /<(https:\/\/tend\.test\/u\/[^>]+)>/.exec(listUnsubscribe)?.[1];
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/im);
    // Stable per (shop, run, step), without showing the recipient any of them.
    expect(headers).toMatch(new RegExp(`^Idempotency-Key: ${idempotencyKey(s.shop, s.runId, 0)}\\r?$`, "im"));
    expect(/^Idempotency-Key: (.*)$/im.exec(headers)?.[1]).not.toContain(s.runId);

    // Merge fields filled in subject, HTML and text; nothing left looking like a placeholder.
    expect(parsed.subject).toMatch(/^(Dana, your .*Trail.* is waiting|Still thinking about it, Dana\?)$/);
    const html = String(parsed.html);
    const text = String(parsed.text);
    expect(html).toContain("Hi Dana, here is what you picked:");
    expect(text).toContain("Hi Dana,");
    expect(text).toContain("12 Alder Street, Portland");
    expect(html).toContain("12 Alder Street, Portland");
    for (const part of [parsed.subject ?? "", html, text]) expect(part).not.toMatch(/\{\{|\}\}/);

    // The product title arrives as text: escaped in HTML, never as markup.
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).not.toContain("<b>Trail</b>");
    expect(html).toContain("&lt;b&gt;Trail&lt;/b&gt; Tent &amp; ");
    expect(text).toContain(EVIL_TITLE);
    expect(html).toContain("https://cdn.example.com/logo.png");
    expect(html).toContain("#225588");
    expect(html).toContain("Unsubscribe");

    // Recovery link goes through the signed redirect with UTM parameters.
    const click = /https:\/\/tend\.test\/c\/([A-Za-z0-9._-]+)/.exec(html)?.[1];
    const claim = verifyClickToken(CONFIG.signingSecret, click!);
    expect(claim?.shop).toBe(s.shop);
    expect(new URL(claim!.url).searchParams.get("utm_campaign")).toBe("checkout_abandonment");

    const row = await db.message.findFirstOrThrow({ where: { shop: s.shop, runId: s.runId, stepIndex: 0 } });
    expect(row).toMatchObject({ status: "sent", transport: "smtp", attempts: 1, discountCode: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect([0, 1]).toContain(row.variant);
    expect(row.subject).toBe(parsed.subject);
    expect(readUnsubscribeToken(httpsTarget!.split("/u/")[1])?.messageId).toBe(row.id);
    const events = await db.customerEvent.findMany({ where: { shop: s.shop, runId: s.runId } });
    expect(events.map((e) => e.kind)).toEqual(["sent"]);
  });

  it("never sends the same (run, step) twice", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const send = sender();
    expect((await send.sendStep(stepRequest(s))).status).toBe("sent");
    const again = await send.sendStep(stepRequest(s));
    expect(again).toMatchObject({ status: "sent", reason: "already sent for this run and step" });
    expect(arrivedFor(s.email)).toHaveLength(1);
    expect(await db.message.count({ where: { shop: s.shop } })).toBe(1);
  });

  it("creates a unique code at send time, capped at the shop's maximum", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const send = sender({ resolveCopy: approvedCopy(WITH_DISCOUNT) });
    const result = await send.sendStep(
      stepRequest(s, { stepIndex: 2, stepKey: "checkout_abandonment.last_call", discountPercent: 40 }),
    );
    expect(result.status).toBe("sent");
    // One code; the other Admin calls are the abandonment delivery report (abandonment-report.test.ts).
    const codes = send.admin.calls.filter((c) => c.query.includes("discountCodeBasicCreate"));
    expect(codes).toHaveLength(1);
    const input = (codes[0].variables as { basicCodeDiscount: Record<string, unknown> }).basicCodeDiscount;
    expect(input).toMatchObject({
      usageLimit: 1,
      appliesOncePerCustomer: true,
      customerGets: { value: { percentage: 0.15 }, items: { all: true } },
    });
    expect(input.context).toEqual({ customers: { add: [`gid://shopify/Customer/${s.customerId}`] } });
    expect(new Date(String(input.endsAt)).getTime()).toBeGreaterThan(Date.now());
    const row = await db.message.findFirstOrThrow({ where: { shop: s.shop, runId: s.runId } });
    expect(row.discountCode).toMatch(/^TEND-[A-Z2-9]{10}$/);
    expect(String(arrivedFor(s.email)[0].parsed?.text)).toContain(`Use ${row.discountCode} for 15% off.`);
  });

  it("skips holdouts without a code, a message or copy", async () => {
    const db = getDb();
    const s = await seedShop(db);
    let copyAsked = false;
    const send = sender({
      resolveCopy: async () => {
        copyAsked = true;
        return approvedCopy()();
      },
    });
    const result = await send.sendStep(stepRequest(s, { holdout: true, discountPercent: 10 }));
    expect(result.status).toBe("skipped");
    expect(result.reason).toMatch(/^holdout/);
    expect(copyAsked).toBe(false);
    expect(send.admin.calls).toHaveLength(0);
    expect(await db.message.count({ where: { shop: s.shop } })).toBe(0);
    expect(arrivedFor(s.email)).toHaveLength(0);
  });

  it("re-checks consent, suppression and the checkout at send time", async () => {
    const db = getDb();
    const notSubscribed = await seedShop(db, { marketingState: "NOT_SUBSCRIBED" });
    expect((await sender().sendStep(stepRequest(notSubscribed))).reason).toMatch(/^not_subscribed/);

    const suppressed = await seedShop(db);
    await db.suppression.create({
      data: { shop: suppressed.shop, emailLower: suppressed.email.toLowerCase(), reason: "complaint" },
    });
    expect((await sender().sendStep(stepRequest(suppressed))).reason).toMatch(/^suppressed/);

    const bought = await seedShop(db);
    await db.order.create({
      data: {
        shop: bought.shop,
        shopifyId: "o-1",
        checkoutToken: bought.checkoutToken,
        processedAt: new Date(),
      },
    });
    const result = await sender().sendStep(stepRequest(bought));
    expect(result).toMatchObject({ status: "skipped" });
    expect(result.reason).toMatch(/^checkout_completed/);

    for (const s of [notSubscribed, suppressed, bought]) expect(arrivedFor(s.email)).toHaveLength(0);
    const why = await db.customerEvent.findFirstOrThrow({ where: { shop: bought.shop, kind: "skipped" } });
    expect(why.reason).toBe("the checkout was completed");
  });

  it("holds when no approved copy is available and claims nothing", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const send = sender({ resolveCopy: async () => ({ kind: "hold", reason: "waiting for approval" }) });
    expect(await send.sendStep(stepRequest(s))).toEqual({ status: "held", reason: "waiting for approval" });
    expect(await db.message.count({ where: { shop: s.shop } })).toBe(0);
  });

  it("fails closed when copy needs a merge field this message has no value for", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const copy = { ...WITH_DISCOUNT, paragraphs: ["Your order {{order_name}} is on its way"] };
    const result = await sender({ resolveCopy: approvedCopy(copy) }).sendStep(stepRequest(s));
    expect(result.status).toBe("failed");
    expect(result.reason).toContain("order_name");
    expect(arrivedFor(s.email)).toHaveLength(0);
    expect((await db.message.findFirstOrThrow({ where: { shop: s.shop } })).status).toBe("failed");
  });

  it("retries an SMTP 4xx with backoff, then sends exactly once", async () => {
    const db = getDb();
    const s = await seedShop(db);
    refuse.set(s.email.toLowerCase(), 451);
    const send = sender();
    const first = await send.sendStep(stepRequest(s));
    expect(first).toMatchObject({ status: "retry", retryAfterMs: 60_000 });
    expect((await db.message.findFirstOrThrow({ where: { shop: s.shop } })).status).toBe("retry");
    refuse.delete(s.email.toLowerCase());
    expect((await send.sendStep(stepRequest(s))).status).toBe("sent");
    expect((await send.sendStep(stepRequest(s))).status).toBe("sent");
    expect(arrivedFor(s.email)).toHaveLength(1);
    expect((await db.message.findFirstOrThrow({ where: { shop: s.shop } })).attempts).toBe(2);
  });

  it("suppresses the address on a 5xx hard bounce", async () => {
    const db = getDb();
    const s = await seedShop(db);
    refuse.set(s.email.toLowerCase(), 550);
    const result = await sender().sendStep(stepRequest(s));
    expect(result.status).toBe("failed");
    const suppression = await db.suppression.findUniqueOrThrow({
      where: { shop_emailLower: { shop: s.shop, emailLower: s.email.toLowerCase() } },
    });
    expect(suppression).toMatchObject({ reason: "hard_bounce", source: "smtp" });
    refuse.delete(s.email.toLowerCase());
    const next = await sender().sendStep(
      stepRequest(s, { stepIndex: 1, stepKey: "checkout_abandonment.nudge" }),
    );
    expect(next.reason).toMatch(/^suppressed/);
  });

  it("reports a claim left by a crashed sender as unknown and never sends it", async () => {
    const db = getDb();
    const s = await seedShop(db);
    await db.message.create({
      data: {
        shop: s.shop,
        runId: s.runId,
        stepIndex: 0,
        flowKey: "checkout_abandonment",
        email: s.email,
        messageIdHeader: "<x>",
        claimedAt: new Date(Date.now() - 3_600_000),
      },
    });
    const result = await sender().sendStep(stepRequest(s));
    expect(result.status).toBe("unknown");
    expect((await db.message.findFirstOrThrow({ where: { shop: s.shop } })).status).toBe("unknown");
    expect(arrivedFor(s.email)).toHaveLength(0);
  });
});
