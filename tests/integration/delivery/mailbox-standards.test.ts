// What a mailbox provider checks on a real Tend email, received through a real SMTP server: the DKIM
// signature (verified by mailauth, an independent implementation) covers List-Unsubscribe and
// List-Unsubscribe-Post (RFC 8058 §4); List-Unsubscribe offers only the https one-click URL; headers
// carry no internal ids; and the one-click POST accepts both body encodings RFC 8058 §3.1 allows.
import { generateKeyPairSync } from "node:crypto";
import { dkimVerify } from "mailauth/lib/dkim/verify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { createSmtpTransport, type DkimConfig } from "../../../app/delivery/transport.server";
import { action } from "../../../app/routes/u.$token";
import { TEST_API_SECRET, TEST_APP_URL } from "../../support/env";
import { headerBlock } from "../../support/journey";
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import { type Seeded, seedShop, stepRequest, testSender } from "./fixtures";

// The unsubscribe route signs and reads with the process configuration.
const CONFIG = { appUrl: TEST_APP_URL, signingSecret: TEST_API_SECRET, mailFromDomain: "mail.tend.test" };
const SELECTOR = "tend2026";

let smtp: TestSmtpServer;
let dkim: DkimConfig;
let resolver: (name: string, rr: string) => Promise<string[][]>;

beforeAll(async () => {
  smtp = await startSmtpServer({ parse: true });
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  dkim = {
    domainName: CONFIG.mailFromDomain,
    keySelector: SELECTOR,
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
  const publicDer = publicKey.export({ type: "spki", format: "der" }).toString("base64");
  resolver = async (name, rr) => {
    if (rr === "TXT" && name === `${SELECTOR}._domainkey.${CONFIG.mailFromDomain}`)
      return [[`v=DKIM1; k=rsa; p=${publicDer}`]];
    throw Object.assign(new Error(`no ${rr} record for ${name}`), { code: "ENOTFOUND" });
  };
});

afterAll(() => smtp.close());

/** Sends step 0 of the seeded run through SMTP with DKIM and returns what arrived. */
async function sendSigned(s: Seeded): Promise<ReceivedMail> {
  const transport = createSmtpTransport({ url: smtp.url, maxConnections: 1, dkim });
  try {
    expect((await testSender(transport, { config: CONFIG }).sendStep(stepRequest(s))).status).toBe("sent");
  } finally {
    await transport.close();
  }
  const mail = smtp.received.find((m) => m.messageId === `<${s.runId}.0@${CONFIG.mailFromDomain}>`);
  if (!mail) throw new Error("the message did not arrive");
  return mail;
}

function header(mail: ReceivedMail, name: string): string | null {
  const line = headerBlock(mail.raw)
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : null;
}

function unsubscribeToken(mail: ReceivedMail): { url: string; token: string } {
  const url = /^<(https:\/\/[^>]+)>$/.exec(header(mail, "List-Unsubscribe") ?? "")?.[1];
  if (!url) throw new Error("no https List-Unsubscribe URL");
  return { url, token: decodeURIComponent(new URL(url).pathname.split("/u/")[1]) };
}

async function post(url: string, token: string, init: RequestInit): Promise<number> {
  try {
    const result = await action({
      request: new Request(url, { method: "POST", ...init }),
      params: { token },
      context: {},
    });
    return (result as { init?: { status?: number } }).init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("a real sent message", () => {
  it("is DKIM-signed over List-Unsubscribe and List-Unsubscribe-Post, and verifies", async () => {
    const s = await seedShop(getDb());
    const mail = await sendSigned(s);

    const verified = await dkimVerify(Buffer.from(mail.raw), { resolver });
    expect(verified.results).toHaveLength(1);
    const [result] = verified.results;
    expect(result.status.result).toBe("pass");
    expect(result.signingDomain).toBe(CONFIG.mailFromDomain);

    const dkimHeader = header(mail, "DKIM-Signature") ?? "";
    const signed = (/\bh=([^;]+)/.exec(dkimHeader)?.[1] ?? "").replace(/\s+/g, "").toLowerCase().split(":");
    for (const name of ["list-unsubscribe", "list-unsubscribe-post"]) expect(signed).toContain(name);
    for (const name of [
      "from",
      "to",
      "subject",
      "date",
      "message-id",
      "mime-version",
      "content-type",
      "reply-to",
    ])
      expect(signed).toContain(name);

    // A relay that rewrites the one-click header breaks the signature.
    const rewritten = mail.raw.replace(
      "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
      "List-Unsubscribe-Post: List-Unsubscribe=One-Clack",
    );
    expect(rewritten).not.toBe(mail.raw);
    const broken = await dkimVerify(Buffer.from(rewritten), { resolver });
    expect(broken.results[0].status.result).not.toBe("pass");
  });

  it("offers only the https one-click URL and carries no internal ids in its extra headers", async () => {
    const db = getDb();
    const s = await seedShop(db);
    const mail = await sendSigned(s);
    expect(header(mail, "List-Unsubscribe")).toMatch(/^<https:\/\/tend\.test\/u\/[^>]+>$/);
    expect(header(mail, "List-Unsubscribe")).not.toMatch(/mailto:/i);
    expect(header(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");

    const message = await db.message.findFirstOrThrow({ where: { shop: s.shop, runId: s.runId } });
    const internal = [s.runId, message.id, s.customerId];
    const lines = headerBlock(mail.raw).split(/\r?\n/);
    const extra = lines.filter((l) => /^(x-[^:]*|idempotency-key):/i.test(l));
    expect(extra.length).toBeGreaterThan(0); // X-Tend-Flow and Idempotency-Key are there
    for (const line of extra) for (const id of internal) expect(line).not.toContain(id);
  });
});

describe("one-click POST bodies", () => {
  async function sentTo(): Promise<{ s: Seeded; url: string; token: string }> {
    const s = await seedShop(getDb());
    return { s, ...unsubscribeToken(await sendSigned(s)) };
  }

  async function suppressed(s: Seeded): Promise<boolean> {
    const db = getDb();
    const row = await db.suppression.findUnique({
      where: { shop_emailLower: { shop: s.shop, emailLower: s.email.toLowerCase() } },
    });
    const customer = await db.customer.findUniqueOrThrow({
      where: { shop_shopifyId: { shop: s.shop, shopifyId: s.customerId } },
    });
    if (row) expect(customer.marketingState).toBe("UNSUBSCRIBED");
    return row?.reason === "unsubscribe" && row.source === "one_click";
  }

  it("accepts application/x-www-form-urlencoded", async () => {
    const { s, url, token } = await sentTo();
    const status = await post(url, token, {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(status).toBe(200);
    expect(await suppressed(s)).toBe(true);
  });

  it("accepts multipart/form-data, as built by FormData and as curl -F sends it", async () => {
    const first = await sentTo();
    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    expect(await post(first.url, first.token, { body: form })).toBe(200);
    expect(await suppressed(first.s)).toBe(true);

    const second = await sentTo();
    const boundary = "------------------------d74496d66958873e";
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="List-Unsubscribe"',
      "",
      "One-Click",
      `--${boundary}--`,
      "",
    ].join("\r\n");
    const status = await post(second.url, second.token, {
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(status).toBe(200);
    expect(await suppressed(second.s)).toBe(true);
  });

  it("refuses a bad body with 400 and changes nothing", async () => {
    const { s, url, token } = await sentTo();
    const bad: RequestInit[] = [
      { headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=Yes" },
      { headers: { "Content-Type": "application/json" }, body: '{"List-Unsubscribe":"One-Click"}' },
      { headers: { "Content-Type": "multipart/form-data; boundary=x" }, body: "not multipart at all" },
      { headers: { "Content-Type": "multipart/form-data; boundary=abc" }, body: "--abc--\r\n" },
      {
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: `List-Unsubscribe=One-Click&pad=${"x".repeat(20_000)}`,
      },
    ];
    const form = new FormData();
    form.set("List-Unsubscribe", new Blob(["One-Click"]), "file.txt"); // a file, not the field
    bad.push({ body: form });
    for (const init of bad) expect(await post(url, token, init)).toBe(400);
    expect(await suppressed(s)).toBe(false);
    const customer = await getDb().customer.findUniqueOrThrow({
      where: { shop_shopifyId: { shop: s.shop, shopifyId: s.customerId } },
    });
    expect(customer.marketingState).toBe("SUBSCRIBED");
    expect(await getDb().customerEvent.count({ where: { shop: s.shop, kind: "unsubscribed" } })).toBe(0);
  });
});
