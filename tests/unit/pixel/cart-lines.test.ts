import { describe, expect, it } from "vitest";
import { cartLines, cartPermalink, readVariants } from "../../../app/scheduler/cart-lines";

describe("cart rebuilt from add-to-cart events", () => {
  it("sums quantities per variant in first-added order and skips events without a product", () => {
    const lines = cartLines([
      { productShopifyId: "1", variantShopifyId: "11", quantity: 1 },
      { productShopifyId: "2", variantShopifyId: "21", quantity: null },
      { productShopifyId: null, variantShopifyId: "99", quantity: 4 },
      { productShopifyId: "1", variantShopifyId: "11", quantity: 2 },
    ]);
    expect(lines).toEqual([
      { productId: "1", variantId: "11", quantity: 3 },
      { productId: "2", variantId: "21", quantity: 1 },
    ]);
  });

  it("builds the shop's cart permalink from lines with a variant, or none at all", () => {
    const lines = [
      { productId: "1", variantId: "11", quantity: 3 },
      { productId: "2", variantId: null, quantity: 1 },
      { productId: "3", variantId: "31", quantity: 1 },
    ];
    expect(cartPermalink("a.myshopify.com", lines)).toBe("https://a.myshopify.com/cart/11:3,31:1");
    expect(cartPermalink("a.myshopify.com", [lines[1]])).toBeNull();
  });

  it("reads Product.variants JSON and treats garbage as no variants", () => {
    expect(readVariants('[{"id":11,"title":"Forest","priceMinor":24900}]')).toEqual([
      { id: "11", title: "Forest", priceMinor: 24900 },
    ]);
    expect(readVariants("{not json")).toEqual([]);
    expect(readVariants('{"id":1}')).toEqual([]);
  });
});
