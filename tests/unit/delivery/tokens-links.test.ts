import { describe, expect, it } from "vitest";
import { trackedLink, withUtm } from "../../../app/delivery/links";
import {
  readUnsubscribeToken,
  signClickToken,
  signUnsubscribeToken,
  verifyClickToken,
  verifyUnsubscribeToken,
} from "../../../app/delivery/tokens";

const SECRET = "unit-secret-0123456789abcdef";

describe("unsubscribe tokens", () => {
  const token = signUnsubscribeToken(SECRET, {
    shop: "a.myshopify.com",
    email: "Ann@Example.com",
    messageId: "m1",
  });

  it("verify against the message's email, case-insensitively, and keep the email out of the URL", () => {
    expect(verifyUnsubscribeToken(SECRET, token, "ann@example.com")).toEqual({
      shop: "a.myshopify.com",
      messageId: "m1",
    });
    expect(token.toLowerCase()).not.toContain("ann");
    expect(Buffer.from(token.split(".")[1], "base64url").toString()).not.toContain("@");
  });

  it("refuse another email, another secret, a flipped signature and a swapped payload", () => {
    expect(verifyUnsubscribeToken(SECRET, token, "bob@example.com")).toBeNull();
    expect(verifyUnsubscribeToken("another-secret-0123456789", token, "ann@example.com")).toBeNull();
    const [v, payload, sig] = token.split(".");
    expect(
      verifyUnsubscribeToken(
        SECRET,
        `${v}.${payload}.${sig[0] === "A" ? "B" : "A"}${sig.slice(1)}`,
        "ann@example.com",
      ),
    ).toBeNull();
    const other = Buffer.from(JSON.stringify({ s: "a.myshopify.com", m: "m2" })).toString("base64url");
    expect(verifyUnsubscribeToken(SECRET, `${v}.${other}.${sig}`, "ann@example.com")).toBeNull();
  });

  it("read nothing from malformed tokens", () => {
    for (const bad of ["", "v1", "v1..", "v2.abc.def", "v1.!!!.abc", "v1.bm90anNvbg.abc"])
      expect(readUnsubscribeToken(bad)).toBeNull();
  });
});

describe("click tokens and links", () => {
  it("round-trip the exact URL and reject tampering", () => {
    const token = signClickToken(SECRET, {
      shop: "a.myshopify.com",
      messageId: "m1",
      url: "https://a.myshopify.com/products/x",
    });
    expect(verifyClickToken(SECRET, token)?.url).toBe("https://a.myshopify.com/products/x");
    const forged = signClickToken("attacker-secret-0123456789", {
      shop: "a.myshopify.com",
      messageId: "m1",
      url: "https://evil.example",
    });
    expect(verifyClickToken(SECRET, forged)).toBeNull();
  });

  it("add UTM parameters, keep existing ones, and refuse non-http links", () => {
    const url = new URL(
      withUtm("https://shop.example/cart?key=1&utm_source=old", "win_back", "win_back.first_touch"),
    );
    expect(url.searchParams.get("key")).toBe("1");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      utm_source: "tend",
      utm_medium: "email",
      utm_campaign: "win_back",
      utm_content: "win_back.first_touch",
    });
    const ctx = {
      appUrl: "https://tend.test/",
      secret: SECRET,
      shop: "a",
      messageId: "m",
      flowKey: "f",
      stepKey: "s",
    };
    expect(trackedLink(ctx, "https://shop.example/")).toMatch(/^https:\/\/tend\.test\/c\/v1\./);
    expect(() => trackedLink(ctx, "javascript:alert(1)")).toThrow();
  });
});
