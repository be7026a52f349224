// One-click unsubscribe through the real routes: an email is sent through SMTP, its List-Unsubscribe
// URL is POSTed exactly as a mailbox provider would (RFC 8058 body, no cookies), and the effects are
// checked: suppression, consent, event, Shopify write-back (retried), and the next step suppressed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader as clickLoader } from "../../../app/routes/c.$token";
import { action, loader } from "../../../app/routes/u.$token";
import { getDb } from "../../../app/db.server";
import { subscribe } from "../../../app/domain/bus.server";
import type { DomainEvent } from "../../../app/domain/events";
import { createSmtpTransport, type Transport } from "../../../app/delivery/transport.server";
import { honourResubscribe, retryConsentWriteBacks } from "../../../app/delivery/unsubscribe.server";
import { publish } from "../../../app/domain/bus.server";
import { TEST_API_SECRET, TEST_APP_URL } from "../../support/env";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import { fakeAdmin, type Seeded, seedShop, stepRequest, testSender } from "./fixtures";

// The routes use the process configuration: the same secret and app URL as the test env.
const CONFIG = { appUrl: TEST_APP_URL, signingSecret: TEST_API_SECRET, mailFromDomain: "mail.tend.test" };
let smtp: TestSmtpServer;
let transport: Transport;
const consentEvents: DomainEvent[] = [];

beforeAll(async () => {
  smtp = await startSmtpServer();
  transport = createSmtpTransport({ url: smtp.url });
  subscribe("test.delivery.consent", "consent_changed", async (_db, event) => {
    consentEvents.push(event);
  });
});

afterAll(async () => {
  await transport.close();
  await smtp.close();
});

const send = () => testSender(transport, { config: CONFIG });

async function sentUnsubscribeUrl(s: Seeded): Promise<string> {
  expect((await send().sendStep(stepRequest(s))).status).toBe("sent");
  const mail = smtp.received.find((m) => m.messageId === `<${s.runId}.0@mail.tend.test>`)!;
  const headers = mail.raw.slice(0, mail.raw.indexOf("\r\n\r\n")).replace(/\r\n[ \t]+/g, " ");
  return /^List-Unsubscribe: <([^>]+)>/im.exec(headers)![1];
}

function oneClickPost(url: string): Request {
  return new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
}

async function callAction(url: string) {
  const token = decodeURIComponent(new URL(url).pathname.split("/u/")[1]);
  try {
    return {
      ok: true as const,
      value: await action({ request: oneClickPost(url), params: { token }, context: {} }),
    };
  } catch (thrown) {
    if (thrown instanceof Response) return { ok: false as const, status: thrown.status };
    throw thrown;
  }
}

describe("one-click unsubscribe", () => {
  it("works cookie-less, is idempotent, and suppresses the next step", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const url = await sentUnsubscribeUrl(s);
    expect(url.startsWith(`${TEST_APP_URL}/u/`)).toBe(true);

    // GET only shows the confirmation page; it changes nothing.
    const token = new URL(url).pathname.split("/u/")[1];
    const page = (await loader({ request: new Request(url), params: { token }, context: {} })) as unknown as {
      data: { state: string };
    };
    expect(page.data.state).toBe("confirm");
    expect(await db.suppression.count({ where: { shop: s.shop } })).toBe(0);

    const first = await callAction(url);
    expect(first.ok).toBe(true);
    const second = await callAction(url);
    const third = await callAction(url);
    expect(second.ok && third.ok).toBe(true);

    const suppressions = await db.suppression.findMany({ where: { shop: s.shop } });
    expect(suppressions).toHaveLength(1);
    expect(suppressions[0]).toMatchObject({
      emailLower: s.email.toLowerCase(),
      reason: "unsubscribe",
      source: "one_click",
    });
    // The Admin API is unreachable in tests: the write-back is pending, the suppression stays.
    expect(suppressions[0].shopifySyncedAt).toBeNull();
    const customer = await db.customer.findUniqueOrThrow({
      where: { shop_shopifyId: { shop: s.shop, shopifyId: s.customerId } },
    });
    expect(customer.marketingState).toBe("UNSUBSCRIBED");
    expect(consentEvents.filter((e) => e.shop === s.shop)).toEqual([
      expect.objectContaining({
        type: "consent_changed",
        customerShopifyId: s.customerId,
        state: "UNSUBSCRIBED",
      }),
    ]);
    expect(await db.customerEvent.count({ where: { shop: s.shop, kind: "unsubscribed" } })).toBe(1);

    // The next scheduled step to that customer is suppressed.
    const next = await send().sendStep(
      stepRequest(s, { stepIndex: 1, stepKey: "checkout_abandonment.nudge" }),
    );
    expect(next.status).toBe("skipped");
    expect(next.reason).toMatch(/^suppressed/);
    expect(smtp.received.filter((m) => m.messageId === `<${s.runId}.1@mail.tend.test>`)).toHaveLength(0);

    // The background pass writes the unsubscribe back once Shopify answers.
    const admin = fakeAdmin();
    const retried = await retryConsentWriteBacks({
      db,
      clock: () => new Date(),
      publish,
      admin: admin.admin,
      secret: TEST_API_SECRET,
    });
    expect(retried.synced).toBeGreaterThanOrEqual(1);
    const call = admin.calls.find((c) => JSON.stringify(c.variables).includes(`Customer/${s.customerId}`));
    expect(call?.variables).toMatchObject({
      input: {
        customerId: `gid://shopify/Customer/${s.customerId}`,
        emailMarketingConsent: { marketingState: "UNSUBSCRIBED" },
      },
    });
    const synced = await db.suppression.findFirstOrThrow({ where: { shop: s.shop } });
    expect(synced.shopifySyncedAt).toBeInstanceOf(Date);
  });

  it("refuses tampered and malformed tokens with 4xx and changes nothing", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const url = await sentUnsubscribeUrl(s);
    const sig = url.slice(url.lastIndexOf(".") + 1);
    const flipped = url.slice(0, url.lastIndexOf(".") + 1) + (sig[0] === "A" ? "B" : "A") + sig.slice(1);
    expect(await callAction(flipped)).toEqual({ ok: false, status: 403 });
    expect(await callAction(`${TEST_APP_URL}/u/not-a-token`)).toEqual({ ok: false, status: 400 });
    // A valid signature for another message id does not verify either.
    const other = url.replace(
      /\/u\/v1\.[^.]+\./,
      `/u/v1.${Buffer.from(JSON.stringify({ s: s.shop, m: "nope" })).toString("base64url")}.`,
    );
    expect((await callAction(other)).ok).toBe(false);
    // Without the RFC 8058 body nothing happens.
    const token = new URL(url).pathname.split("/u/")[1];
    await expect(
      action({ request: new Request(url, { method: "POST", body: "" }), params: { token }, context: {} }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await db.suppression.count({ where: { shop: s.shop } })).toBe(0);
  });

  it("lifts a one-click suppression only for a stored, dated opt-in newer than it", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const unsubscribedAt = new Date("2026-05-01T10:00:00Z");
    await db.suppression.create({
      data: {
        shop: s.shop,
        emailLower: s.email.toLowerCase(),
        reason: "unsubscribe",
        createdAt: unsubscribedAt,
      },
    });
    const where = { shop_shopifyId: { shop: s.shop, shopifyId: s.customerId } };
    const consent = (marketingUpdatedAt: Date | null, marketingState = "SUBSCRIBED") =>
      db.customer.update({ where, data: { marketingState, marketingUpdatedAt } });
    // The event's own time is when the webhook arrived: always after the unsubscribe here.
    const event = {
      type: "consent_changed" as const,
      shop: s.shop,
      customerShopifyId: s.customerId,
      email: null,
      state: "SUBSCRIBED",
      at: new Date("2026-06-01T10:00:00Z"),
    };
    await consent(null); // subscribed, but undated
    expect(await honourResubscribe(db, event)).toBe(false);
    await consent(new Date("2026-04-30T10:00:00Z")); // dated before the unsubscribe
    expect(await honourResubscribe(db, event)).toBe(false);
    await consent(new Date("2026-05-02T10:00:00Z"), "UNSUBSCRIBED"); // newer, but not an opt-in
    expect(await honourResubscribe(db, event)).toBe(false);
    expect(await db.suppression.count({ where: { shop: s.shop } })).toBe(1);
    await consent(new Date("2026-05-02T10:00:00Z"));
    expect(await honourResubscribe(db, event)).toBe(true);
    expect(await db.suppression.count({ where: { shop: s.shop } })).toBe(0);
    const why = await db.customerEvent.findFirstOrThrow({ where: { shop: s.shop, kind: "resubscribed" } });
    expect(JSON.parse(why.detail)).toEqual({ optedInAt: "2026-05-02T10:00:00.000Z" });
    // A hard bounce is never lifted by consent.
    await db.suppression.create({
      data: {
        shop: s.shop,
        emailLower: s.email.toLowerCase(),
        reason: "hard_bounce",
        createdAt: unsubscribedAt,
      },
    });
    expect(await honourResubscribe(db, event)).toBe(false);
    expect(await db.suppression.count({ where: { shop: s.shop } })).toBe(1);
  });
});

describe("signed click redirect", () => {
  it("records the click and redirects only to the signed URL with UTM parameters", async () => {
    const db = getDb();
    const s = await seedShop(db);
    await sentUnsubscribeUrl(s);
    const mail = smtp.received.find((m) => m.messageId === `<${s.runId}.0@mail.tend.test>`)!;
    const html = mail.raw.replace(/=\r\n/g, "").replace(/=3D/g, "=");
    const token = /https:\/\/tend\.test\/c\/([A-Za-z0-9._-]+)/.exec(html)![1];
    const response = (await clickLoader({
      request: new Request(`${TEST_APP_URL}/c/${token}`),
      params: { token },
      context: {},
    })) as Response;
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("Location")!);
    expect(location.hostname).toBe(s.shop);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      utm_source: "tend",
      utm_medium: "email",
      utm_campaign: "checkout_abandonment",
      utm_content: "checkout_abandonment.reminder",
    });
    const message = await db.message.findFirstOrThrow({ where: { shop: s.shop, runId: s.runId } });
    expect(await db.click.count({ where: { shop: s.shop, messageId: message.id } })).toBe(1);

    const forged = `${token.slice(0, -2)}xx`;
    await expect(
      clickLoader({
        request: new Request(`${TEST_APP_URL}/c/${forged}`),
        params: { token: forged },
        context: {},
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await db.click.count({ where: { shop: s.shop } })).toBe(1);
  });
});
