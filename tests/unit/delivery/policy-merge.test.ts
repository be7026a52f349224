import { describe, expect, it } from "vitest";
import { displayName, headerSafe, senderIdentity, unsubscribeHeaders } from "../../../app/delivery/headers";
import { fillMergeFields, UnfilledMergeFieldError, fillAll } from "../../../app/delivery/merge";
import {
  classifySmtpError,
  discountPercentFor,
  eligibility,
  retryDelayMs,
} from "../../../app/delivery/policy";
import { textEncodingFor } from "../../../app/delivery/transport.server";

const ok = {
  holdout: false,
  email: "a@b.c",
  marketingState: "SUBSCRIBED",
  redacted: false,
  suppression: null,
  checkoutCompleted: false,
  orderedSinceTrigger: false,
};

describe("eligibility", () => {
  it("allows only subscribed, unsuppressed customers with an open purpose", () => {
    expect(eligibility(ok)).toEqual({ ok: true });
    expect(eligibility({ ...ok, holdout: true, suppression: "unsubscribe" })).toMatchObject({
      ok: false,
      reason: "holdout",
    });
    expect(eligibility({ ...ok, marketingState: "PENDING" })).toMatchObject({ reason: "not_subscribed" });
    expect(eligibility({ ...ok, marketingState: null })).toMatchObject({ reason: "not_subscribed" });
    expect(eligibility({ ...ok, suppression: "hard_bounce" })).toMatchObject({ reason: "suppressed" });
    expect(eligibility({ ...ok, checkoutCompleted: true })).toMatchObject({ reason: "checkout_completed" });
    expect(eligibility({ ...ok, orderedSinceTrigger: true })).toMatchObject({
      reason: "ordered_since_trigger",
    });
  });
});

describe("SMTP outcomes", () => {
  it("retries only what provably was not accepted", () => {
    expect(classifySmtpError({ responseCode: 451, command: "RCPT TO", message: "try later" }).kind).toBe(
      "transient",
    );
    expect(
      classifySmtpError({ responseCode: 550, command: "RCPT TO", message: "no such user" }),
    ).toMatchObject({ kind: "rejected", hardBounce: true });
    expect(
      classifySmtpError({ responseCode: 554, command: "DATA", message: "content rejected" }),
    ).toMatchObject({ kind: "rejected", hardBounce: false });
    expect(classifySmtpError({ code: "ESOCKET", syscall: "connect", message: "ECONNREFUSED" }).kind).toBe(
      "transient",
    );
    // A connection dropped mid-transaction may have delivered: never retried.
    expect(
      classifySmtpError({ code: "ECONNECTION", command: "CONN", message: "Connection closed unexpectedly" })
        .kind,
    ).toBe("unknown");
  });

  it("backs off exponentially up to an hour", () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000]);
    expect(retryDelayMs(20)).toBe(3_600_000);
  });

  it("never offers more than the shop's cap", () => {
    expect(discountPercentFor(10, 15)).toBe(10);
    expect(discountPercentFor(40, 15)).toBe(15);
    expect(discountPercentFor(10, 0)).toBe(0);
    expect(discountPercentFor(null, 15)).toBe(0);
  });
});

describe("merge fields", () => {
  it("fill known fields and report unknown or empty ones", () => {
    expect(fillMergeFields("Hi {{ first_name }}!", { first_name: "Ann" })).toEqual({
      text: "Hi Ann!",
      missing: [],
    });
    expect(fillMergeFields("{{nope}} {{discount_code}}", {}).missing).toEqual(["nope", "discount_code"]);
    expect(() => fillAll({ a: "{{order_name}}", b: ["ok"] }, {})).toThrow(UnfilledMergeFieldError);
  });

  it("never re-expands a value that itself looks like a placeholder", () => {
    expect(fillMergeFields("{{first_name}}", { first_name: "{{shop_name}}" }).text).toBe("{{shop_name}}");
  });
});

describe("headers", () => {
  it("strip header injection and build RFC 8058 headers", () => {
    expect(headerSafe("a\r\nBcc: x@y.z")).toBe("a Bcc: x@y.z");
    expect(displayName('Evil "Name" <x@y>')).toBe("Evil Name x@y");
    const id = senderIdentity({
      shop: "pine-peak.myshopify.com",
      senderName: null,
      shopName: "Pine",
      replyTo: "not an email",
      mailFromDomain: "mail.t",
    });
    expect(id).toEqual({ name: "Pine", address: "pine-peak@mail.t", replyTo: null });
    expect(unsubscribeHeaders({ unsubscribeUrl: "https://t/u/x" })).toEqual({
      "List-Unsubscribe": "<https://t/u/x>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });
});

describe("textEncodingFor", () => {
  it("picks quoted-printable for mostly-Latin mail and base64 otherwise, like nodemailer", () => {
    expect(textEncodingFor("<p>Hello there, Dana</p>", "Ünïcödé a little")).toBe("quoted-printable");
    expect(textEncodingFor("こんにちは、お買い物かごに商品が残っています")).toBe("base64");
  });
});
