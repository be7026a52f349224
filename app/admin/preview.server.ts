// Previews for the merchant: approved-or-not copy rendered exactly as delivery would render it,
// for a sample customer and product of this shop. Nothing here is sent or stored.
import type { Db } from "../db.server";
import type { CopyContent } from "../domain/copy";
import { MERGE_FIELDS } from "../domain/copy";
import { formatMoney } from "../delivery/merge";
import { renderEmail } from "../delivery/render";

export interface Preview {
  subject: string;
  preheader: string;
  html: string;
  text: string;
  error: string | null;
}

export interface SampleContext {
  shopName: string;
  postalAddress: string;
  brandColor: string;
  logoUrl: string | null;
  firstName: string;
  product: {
    shopifyId: string | null;
    title: string;
    priceMinor: number;
    imageUrl: string | null;
    handle: string | null;
  };
  currency: string;
}

/** A real product and customer of the shop when there are some; a plausible stand-in otherwise. */
export async function sampleContext(
  db: Db,
  shop: string,
  productShopifyId?: string | null,
): Promise<SampleContext> {
  const [shopRow, settings, product, customer] = await Promise.all([
    db.shop.findUnique({ where: { shop }, select: { name: true, currency: true } }),
    db.shopSettings.findUnique({
      where: { shop },
      select: { postalAddress: true, brandColor: true, logoUrl: true },
    }),
    db.product.findFirst({
      where: productShopifyId
        ? { shop, shopifyId: productShopifyId }
        : { shop, status: "ACTIVE", deletedAt: null },
      select: { shopifyId: true, title: true, minPriceMinor: true, imageUrl: true, handle: true },
      orderBy: { updatedAt: "desc" },
    }),
    db.customer.findFirst({ where: { shop, firstName: { not: null } }, select: { firstName: true } }),
  ]);
  return {
    shopName: shopRow?.name ?? shop.replace(/\.myshopify\.com$/, ""),
    postalAddress: settings?.postalAddress || "(your postal address goes here: add it in Settings)",
    brandColor: settings?.brandColor ?? "#1f5132",
    logoUrl: settings?.logoUrl ?? null,
    firstName: customer?.firstName ?? "Alex",
    product: product
      ? {
          shopifyId: product.shopifyId,
          title: product.title,
          priceMinor: product.minPriceMinor,
          imageUrl: product.imageUrl,
          handle: product.handle,
        }
      : {
          shopifyId: null,
          title: "Trail Tent 2P",
          priceMinor: 24900,
          imageUrl: null,
          handle: "trail-tent-2p",
        },
    currency: shopRow?.currency ?? "USD",
  };
}

export async function renderPreview(
  copy: CopyContent,
  sample: SampleContext,
  shop: string,
  discountPercent?: number | null,
) {
  const shopLink = `https://${shop}`;
  const productLink = `${shopLink}/products/${sample.product.handle ?? "sample"}`;
  const price = formatMoney(sample.product.priceMinor, sample.currency);
  const values: Record<string, string> = Object.fromEntries(MERGE_FIELDS.map((f) => [f, ""]));
  Object.assign(values, {
    first_name: sample.firstName,
    shop_name: sample.shopName,
    product_title: sample.product.title,
    product_price: price,
    items: `${sample.product.title} × 1 — ${price}`,
    recovery_url: `${shopLink}/checkouts/sample`,
    product_url: productLink,
    shop_url: shopLink,
    discount_code: discountPercent ? "TEND-SAMPLE" : "",
    discount_percent: discountPercent ? String(discountPercent) : "",
    order_name: "#1001",
    first_product_title: sample.product.title,
  });
  try {
    const email = await renderEmail({
      copy,
      variant: 0,
      values,
      brand: {
        shopName: sample.shopName,
        logoUrl: sample.logoUrl,
        brandColor: sample.brandColor,
        postalAddress: sample.postalAddress,
        shopLink,
      },
      products: [
        {
          title: sample.product.title,
          variantTitle: null,
          quantity: 1,
          price,
          imageUrl: sample.product.imageUrl,
          link: productLink,
        },
      ],
      ctaLink: productLink,
      unsubscribeUrl: `${shopLink}/unsubscribe-preview`,
    });
    return { ...email, error: null } satisfies Preview;
  } catch (error) {
    // A preview that cannot render says why (usually a merge field the copy must not use).
    const message = error instanceof Error ? error.message : String(error);
    return {
      subject: copy.subjects[0] ?? "",
      preheader: copy.preheader,
      html: "",
      text: copy.text,
      error: message,
    };
  }
}
