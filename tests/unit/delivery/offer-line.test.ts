// A discount switched on for a step whose approved copy offers none (the welcome series' first-order
// discount) is stated by Tend in the email; copy that already offers the code is left alone.
import { describe, expect, it } from "vitest";
import { offerLine, renderEmail } from "../../../app/delivery/render";

const copy = {
  subjects: ["Welcome to {{shop_name}}"],
  preheader: "Hello",
  headline: "Welcome",
  paragraphs: ["Thanks for subscribing."],
  callout: "",
  cta: "Visit the shop",
  text: "Thanks for subscribing.",
};
const brand = {
  shopName: "Ridge Supply",
  logoUrl: null,
  brandColor: "#123456",
  postalAddress: "48 Cedar Lane",
  shopLink: "https://ridge.example",
};
const input = (values: Record<string, string>, c = copy) => ({
  copy: c,
  variant: 0,
  values: { first_name: "Ada", shop_name: "Ridge Supply", shop_url: "https://ridge.example", ...values },
  brand,
  products: [],
  ctaLink: "https://ridge.example/c",
  unsubscribeUrl: "https://tend.test/u/x",
});

describe("offer line", () => {
  it("states the code in HTML and plain text when the copy does not", async () => {
    const out = await renderEmail(input({ discount_code: "TEND-ABCDEFGHJK", discount_percent: "10%" }));
    expect(out.html).toContain("Use code TEND-ABCDEFGHJK for 10% off your order.");
    expect(out.text).toContain("Use code TEND-ABCDEFGHJK for 10% off your order.");
  });

  it("adds nothing without a discount, or when the copy already offers {{discount_code}}", async () => {
    const plain = await renderEmail(input({}));
    expect(plain.html).not.toContain("Use code");
    const offering = { ...copy, paragraphs: ["Use {{discount_code}} for {{discount_percent}} off."] };
    const values = { discount_code: "TEND-ABCDEFGHJK", discount_percent: "10%" };
    expect(offerLine({ copy: offering, values })).toBe("");
    const out = await renderEmail(input(values, offering));
    expect(out.html.match(/TEND-ABCDEFGHJK/g)).toHaveLength(1);
  });
});
