import { render } from "@react-email/render";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { EmailLayout, type EmailLayoutProps, preheaderParts } from "../../../app/delivery/email-template";
import { renderEmail, safeColor } from "../../../app/delivery/render";
import { renderLayout } from "../../../app/delivery/render-cache";

const copy = {
  subjects: ["Hi {{first_name}}"],
  preheader: "Pre {{shop_name}}",
  headline: "About {{product_title}}",
  paragraphs: ["{{product_title}} costs {{product_price}}"],
  callout: "",
  cta: "Shop",
  text: "Hi {{first_name}}",
};
const base = {
  copy,
  variant: 0,
  values: {
    first_name: "<img src=x onerror=alert(1)>",
    shop_name: "S",
    product_title: "<b>Tent</b>",
    product_price: "$1.00",
  },
  brand: {
    shopName: "S & Co",
    logoUrl: "http://insecure.example/logo.png",
    brandColor: "red;background:url(x)",
    postalAddress: "1 Main St",
    shopLink: "https://s.example",
  },
  products: [
    {
      title: "<i>Tent</i>",
      variantTitle: null,
      quantity: 2,
      price: "$1.00",
      imageUrl: null,
      link: "https://s.example/p",
    },
  ],
  ctaLink: "https://s.example/c",
  unsubscribeUrl: "https://t/u/x",
};

describe("renderEmail", () => {
  it("escapes every customer and product value and keeps unsafe styling out", async () => {
    const out = await renderEmail(base);
    expect(out.html).not.toMatch(/<img src=x|<b>Tent|<i>Tent/);
    expect(out.html).toContain("&lt;b&gt;Tent&lt;/b&gt;");
    expect(out.html).not.toContain("insecure.example");
    expect(out.html).not.toContain("url(x)");
    expect(out.html).toContain(safeColor(null));
    expect(out.html).toContain("1 Main St");
    expect(out.text).toContain("Unsubscribe: https://t/u/x");
    expect(out.subject).toBe("Hi <img src=x onerror=alert(1)>");
  });

  it("fails closed on a missing value or a missing postal address", async () => {
    await expect(renderEmail({ ...base, values: { ...base.values, product_price: "" } })).rejects.toThrow(
      /product_price/,
    );
    await expect(renderEmail({ ...base, brand: { ...base.brand, postalAddress: " " } })).rejects.toThrow(
      /postal address/,
    );
  });
});

describe("renderLayout (one React render per shape)", () => {
  const evil = `<script>alert("x")</script> & 'quotes' \u{1F3D5} \uE0009\uE001`;
  const props = (over: Partial<EmailLayoutProps> = {}): EmailLayoutProps => ({
    ...preheaderParts(`Preview for ${evil}`),
    headline: `Headline ${evil}`,
    paragraphs: [`One ${evil}`, "Two"],
    callout: "",
    cta: "Go",
    ctaLink: "https://s.example/c?a=1&b=2",
    products: [
      {
        title: evil,
        variantTitle: null,
        quantity: 2,
        price: "$1.00",
        imageUrl: 'https://cdn.example/x.png?a=1&b="2"',
        link: "https://s.example/p",
      },
      {
        title: "Plain",
        variantTitle: "Blue",
        quantity: 1,
        price: "$2.00",
        imageUrl: null,
        link: "https://l",
      },
    ],
    brand: {
      shopName: `S & Co ${evil}`,
      logoUrl: null,
      brandColor: "#225588",
      postalAddress: "1 Main St",
      shopLink: "https://s.example",
    },
    unsubscribeUrl: "https://t/u/x",
    ...over,
  });

  it("produces exactly React's own HTML for every shape, values escaped", async () => {
    const cases: EmailLayoutProps[] = [
      props(),
      props({ callout: `Callout ${evil}`, products: [] }),
      props({ ...preheaderParts("x".repeat(200)), paragraphs: ["only"] }),
      props({ brand: { ...props().brand, logoUrl: "https://cdn.example/logo.png" } }),
      props({ headline: "Different text, same shape" }),
    ];
    for (const p of cases) {
      expect(await renderLayout(p)).toBe(await render(createElement(EmailLayout, p)));
    }
    const html = await renderLayout(props());
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quotes&#x27;");
  });

  it("pads the preheader like React Email's Preview", () => {
    expect(preheaderParts("abc").preheaderFill.length).toBe(147 * 7);
    expect(preheaderParts("y".repeat(160))).toEqual({ preheader: "y".repeat(150), preheaderFill: "" });
  });
});
