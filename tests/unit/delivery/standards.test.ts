// The standards a recipient's mailbox checks, at the unit level: the List-Unsubscribe headers, the
// opaque idempotency key, the headers DKIM covers, the hidden preheader, and https links in production.
import { render } from "@react-email/render";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { EmailLayout, preheaderParts } from "../../../app/delivery/email-template";
import { idempotencyKey, marketingHeaders, unsubscribeHeaders } from "../../../app/delivery/headers";
import { DKIM_SIGNED_HEADERS } from "../../../app/delivery/transport.server";
import { parseEnv } from "../../../app/env.server";

const LIVE = {
  TEND_MODE: "live",
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret-0123456789abcdef",
};

describe("unsubscribe and marketing headers", () => {
  it("offer only the https one-click URL, no mailto", () => {
    const headers = unsubscribeHeaders({ unsubscribeUrl: "https://tend.example/u/tok" });
    expect(headers["List-Unsubscribe"]).toBe("<https://tend.example/u/tok>");
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(JSON.stringify(headers)).not.toMatch(/mailto:/i);
  });

  it("carry no run id, shop or step in clear", () => {
    const runId = "cmrun1234567890abcdef";
    const headers = marketingHeaders({
      shop: "pine-peak.myshopify.com",
      runId,
      stepIndex: 2,
      unsubscribeUrl: "https://tend.example/u/tok",
      flowKey: "checkout_abandonment",
    });
    const extra = Object.entries(headers).filter(([name]) => !name.startsWith("List-"));
    for (const [, value] of extra) {
      expect(value).not.toContain(runId);
      expect(value).not.toContain("pine-peak");
    }
    // Still stable per (shop, run, step), and distinct across steps.
    expect(headers["Idempotency-Key"]).toBe(idempotencyKey("pine-peak.myshopify.com", runId, 2));
    expect(idempotencyKey("pine-peak.myshopify.com", runId, 3)).not.toBe(headers["Idempotency-Key"]);
  });

  it("are all covered by the DKIM header list, List-Unsubscribe-Post included", () => {
    const signed = DKIM_SIGNED_HEADERS.toLowerCase().split(":");
    for (const name of ["from", "to", "subject", "date", "message-id", "mime-version", "content-type"])
      expect(signed).toContain(name);
    for (const name of ["reply-to", "list-id", "list-unsubscribe", "list-unsubscribe-post"])
      expect(signed).toContain(name);
  });
});

describe("preheader", () => {
  it("is hidden for Outlook (mso-hide) and for clients that drop display:none", async () => {
    const html = await render(
      createElement(EmailLayout, {
        ...preheaderParts("Your cart is saved"),
        headline: "h",
        paragraphs: ["p"],
        callout: "",
        cta: "Shop",
        ctaLink: "https://s.example/c",
        products: [],
        brand: {
          shopName: "S",
          logoUrl: null,
          brandColor: "#123456",
          postalAddress: "1 Main St",
          shopLink: "https://s.example",
        },
        unsubscribeUrl: "https://t/u/x",
      }),
    );
    const style = /<div style="([^"]*)"[^>]*>Your cart is saved/.exec(html)?.[1] ?? "";
    expect(style).toContain("display:none");
    expect(style).toContain("mso-hide:all");
    expect(style).toContain("max-height:0");
    expect(style).toContain("overflow:hidden");
    expect(style).toContain("opacity:0");
    expect(style).toContain("visibility:hidden");
  });
});

describe("app URL in production", () => {
  it("refuses to boot with an http app URL, naming the variable", () => {
    expect(() =>
      parseEnv({ ...LIVE, NODE_ENV: "production", SHOPIFY_APP_URL: "http://tend.example.com" }),
    ).toThrow(/SHOPIFY_APP_URL: must be an https:\/\/ URL in production/);
  });

  it("accepts https in production and http in development", () => {
    expect(
      parseEnv({ ...LIVE, NODE_ENV: "production", SHOPIFY_APP_URL: "https://tend.example.com" })
        .SHOPIFY_APP_URL,
    ).toBe("https://tend.example.com");
    expect(
      parseEnv({ ...LIVE, NODE_ENV: "development", SHOPIFY_APP_URL: "http://localhost:3000" })
        .SHOPIFY_APP_URL,
    ).toBe("http://localhost:3000");
  });
});
