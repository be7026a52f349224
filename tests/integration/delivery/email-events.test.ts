// Asynchronous bounces and complaints through the real route: a message is sent to a real SMTP
// server, its Message-ID is read from what arrived (mailparser), and a signed provider event naming
// it marks the message, suppresses the address for that shop only and stops the next step. Forged,
// unsigned, stale or tampered requests change nothing.
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { signEmailEvents } from "../../../app/delivery/email-events.server";
import { listOutbox } from "../../../app/delivery/messages.server";
import { createSmtpTransport, type Transport } from "../../../app/delivery/transport.server";
import { resetEnvForTests } from "../../../app/env.server";
import { action } from "../../../app/routes/api.email-events";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import { type Seeded, seedShop, stepRequest, testSender } from "./fixtures";

const SECRET = "email-events-test-secret-0123456789";
let smtp: TestSmtpServer;
let transport: Transport;

beforeAll(async () => {
  process.env.TEND_EMAIL_EVENTS_SECRET = SECRET;
  resetEnvForTests();
  smtp = await startSmtpServer();
  transport = createSmtpTransport({ url: smtp.url });
});

afterAll(async () => {
  delete process.env.TEND_EMAIL_EVENTS_SECRET;
  resetEnvForTests();
  await transport.close();
  await smtp.close();
});

const sender = () => testSender(transport);

/** Sends step 0 of the seeded run and returns the Message-ID header as the SMTP server parsed it. */
async function sendAndReadMessageId(s: Seeded): Promise<string> {
  expect((await sender().sendStep(stepRequest(s))).status).toBe("sent");
  const mail = smtp.received.find((m) =>
    m.envelopeTo.some((to) => to.toLowerCase() === s.email.toLowerCase()),
  );
  const parsed = await simpleParser(mail!.raw);
  expect(parsed.messageId).toMatch(/^<.+@mail\.tend\.test>$/);
  return parsed.messageId!;
}

async function post(
  body: string,
  signature: string | null,
  contentType = "application/json",
): Promise<{ status: number; json?: unknown }> {
  const headers: Record<string, string> = { "Content-Type": contentType };
  if (signature) headers["Tend-Signature"] = signature;
  const request = new Request("https://tend.test/api/email-events", { method: "POST", headers, body });
  try {
    const result = (await action({ request, params: {}, context: {} })) as unknown as { data: unknown };
    return { status: 200, json: result.data };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status };
    throw thrown;
  }
}

const signed = (body: string, at = new Date()) => post(body, signEmailEvents(SECRET, body, at));

describe("provider bounces and complaints", () => {
  it("marks a hard bounce, suppresses the address for that shop only, and is idempotent", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const other = await seedShop(db); // another shop mailing the same address must be unaffected
    const emailLower = s.email.toLowerCase();
    await db.suppression.deleteMany({ where: { emailLower } });
    const messageId = await sendAndReadMessageId(s);
    const body = JSON.stringify({
      events: [{ type: "bounce", messageId, recipient: s.email, reason: "550 5.1.1 user unknown" }],
    });

    const first = await signed(body);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ results: [expect.objectContaining({ outcome: "applied" })] });
    const [entry] = await listOutbox(db, s.shop);
    expect(entry).toMatchObject({ status: "bounced" });
    expect(entry.error).toContain("550 5.1.1 user unknown");
    expect(
      await db.suppression.findMany({
        where: { emailLower },
        select: { shop: true, reason: true, source: true },
      }),
    ).toEqual([{ shop: s.shop, reason: "hard_bounce", source: "provider" }]);

    const again = await signed(body);
    expect(again.json).toEqual({ results: [expect.objectContaining({ outcome: "already" })] });
    expect(await db.customerEvent.count({ where: { shop: s.shop, kind: "bounced" } })).toBe(1);
    expect(await db.suppression.count({ where: { emailLower } })).toBe(1);

    // The same address at another shop is still mailable there.
    await db.customer.create({
      data: {
        shop: other.shop,
        shopifyId: "shared-1",
        email: s.email,
        emailLower,
        firstName: "Dana",
        marketingState: "SUBSCRIBED",
      },
    });
    const elsewhere = await sender().sendStep(
      stepRequest(other, { email: s.email, customerShopifyId: "shared-1" }),
    );
    expect(elsewhere.status).toBe("sent");

    // The next step to that customer is suppressed at send time.
    const next = await sender().sendStep(stepRequest(s, { stepIndex: 1 }));
    expect(next.status).toBe("skipped");
    expect(next.reason).toMatch(/suppressed \(hard_bounce\)/);
  });

  it("records a complaint as 'complained' and ignores soft bounces and foreign Message-IDs", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const messageId = await sendAndReadMessageId(s);
    const body = JSON.stringify({
      events: [
        { type: "bounce", bounceType: "soft", messageId, reason: "452 mailbox full" },
        { type: "complaint", messageId: "<someone-else@example.com>" },
        { type: "complaint", messageId, recipient: "not-the-recipient@example.com" },
        { type: "complaint", messageId, recipient: s.email.toUpperCase() },
      ],
    });
    const res = await signed(body);
    expect(res.status).toBe(200);
    expect((res.json as { results: { outcome: string }[] }).results.map((r) => r.outcome)).toEqual([
      "ignored",
      "ignored",
      "ignored",
      "applied",
    ]);
    const [entry] = await listOutbox(db, s.shop);
    expect(entry.status).toBe("complained");
    const suppression = await db.suppression.findUnique({
      where: { shop_emailLower: { shop: s.shop, emailLower: s.email.toLowerCase() } },
    });
    expect(suppression?.reason).toBe("complaint");
  });

  it("refuses unsigned, forged, stale, tampered and malformed requests with 4xx and changes nothing", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const messageId = await sendAndReadMessageId(s);
    const body = JSON.stringify({ events: [{ type: "complaint", messageId }] });
    const tampered = body.replace("complaint", "bounce");

    expect((await post(body, null)).status).toBe(401);
    expect((await post(body, signEmailEvents("another-secret-0123456789", body, new Date()))).status).toBe(
      401,
    );
    expect((await post(tampered, signEmailEvents(SECRET, body, new Date()))).status).toBe(401);
    expect((await signed(body, new Date(Date.now() - 3_600_000))).status).toBe(401);
    expect((await post(body, "t=abc,v1=zz")).status).toBe(401);
    expect((await signed("{not json")).status).toBe(400);
    expect((await signed(JSON.stringify({ events: [{ type: "unsubscribe", messageId }] }))).status).toBe(400);

    const [entry] = await listOutbox(db, s.shop);
    expect(entry.status).toBe("sent");
    expect(await db.suppression.count({ where: { shop: s.shop } })).toBe(0);
  });

  it("reads a real DSN (RFC 3464) and an ARF abuse report posted as message/rfc822", async () => {
    const db = getDb();
    const s = await seedShop(db);
    await sendAndReadMessageId(s);
    const original = smtp.received.find((m) =>
      m.envelopeTo.some((to) => to.toLowerCase() === s.email.toLowerCase()),
    )!;
    const returnedHeaders = original.raw.slice(0, original.raw.indexOf("\r\n\r\n"));
    const report = (reportType: string, statusPart: string) =>
      [
        "From: Mail Delivery System <mailer-daemon@mx.example>",
        "To: bounces@mail.tend.test",
        "Subject: Undelivered Mail Returned to Sender",
        "MIME-Version: 1.0",
        `Content-Type: multipart/report; report-type=${reportType}; boundary="b0und"`,
        "",
        "--b0und",
        "Content-Type: text/plain",
        "",
        "The message could not be delivered.",
        "--b0und",
        statusPart,
        "--b0und",
        "Content-Type: text/rfc822-headers",
        "",
        returnedHeaders,
        "--b0und--",
        "",
      ].join("\r\n");
    const dsn = report(
      "delivery-status",
      [
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.example",
        "",
        `Final-Recipient: rfc822; ${s.email}`,
        "Action: failed",
        "Status: 5.1.1",
        "Diagnostic-Code: smtp; 550 5.1.1 no such user",
      ].join("\r\n"),
    );
    // Delivered to the bounce mailbox through a real SMTP server, then posted as it arrived.
    const mailer = nodemailer.createTransport(smtp.url);
    await mailer.sendMail({
      envelope: { from: "mailer-daemon@mx.example", to: "bounces@mail.tend.test" },
      raw: dsn,
    });
    mailer.close();
    const arrived = smtp.received.at(-1)!;
    expect((await simpleParser(arrived.raw)).headers.get("content-type")).toMatchObject({
      value: "multipart/report",
    });

    const post822 = (raw: string) => post(raw, signEmailEvents(SECRET, raw, new Date()), "message/rfc822");
    const res = await post822(arrived.raw);
    expect(res.json).toEqual({ results: [expect.objectContaining({ outcome: "applied" })] });
    const [entry] = await listOutbox(db, s.shop);
    expect(entry.status).toBe("bounced");
    expect(entry.error).toContain("550 5.1.1 no such user");

    const arf = report(
      "feedback-report",
      [
        "Content-Type: message/feedback-report",
        "",
        "Feedback-Type: abuse",
        "User-Agent: fbl/1.0",
        "Version: 1",
        `Original-Rcpt-To: ${s.email}`,
      ].join("\r\n"),
    );
    expect((await post822(arf)).json).toEqual({ results: [expect.objectContaining({ outcome: "applied" })] });
    expect((await listOutbox(db, s.shop))[0].status).toBe("complained");
    expect((await post822("Subject: hello\r\n\r\nnot a report")).status).toBe(400);
  });
});
