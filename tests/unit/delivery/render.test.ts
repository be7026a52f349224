import { describe, expect, it } from "vitest";
import { renderEmail, safeColor } from "../../../app/delivery/render";

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
