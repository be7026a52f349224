// Shopify Web Pixels standard events, built by hand from the documented fields (id, clientId, name,
// seq, timestamp, type, context, data) and data shapes (ProductVariant, CartLine, Checkout).
export interface StorefrontProduct {
  productId: string;
  variantId: string;
  title: string;
  price: number; // 249.0
}

export interface StorefrontBrowser {
  shop: string;
  clientId: string;
  seq: number;
}

export function storefrontBrowser(shop: string, clientId: string): StorefrontBrowser {
  return { shop, clientId, seq: 0 };
}

const money = (amount: number) => ({ amount, currencyCode: "USD" });

function variant(p: StorefrontProduct) {
  return {
    id: p.variantId,
    title: "Default Title",
    untranslatedTitle: "Default Title",
    sku: `SKU-${p.variantId}`,
    price: money(p.price),
    image: { src: `https://cdn.shopify.com/s/files/${p.productId}.jpg` },
    product: {
      id: p.productId,
      title: p.title,
      untranslatedTitle: p.title,
      type: "Camping",
      vendor: "Ridge Supply",
      url: `/products/${p.title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
    },
  };
}

function envelope(b: StorefrontBrowser, name: string, at: Date, path: string, data: unknown) {
  b.seq++;
  return {
    id: `sh-${b.clientId}-${b.seq}`,
    clientId: b.clientId,
    name,
    seq: b.seq,
    timestamp: at.toISOString(),
    type: "standard",
    context: {
      document: {
        location: { href: `https://${b.shop}${path}`, host: b.shop, pathname: path, protocol: "https:" },
        referrer: "",
        title: "Ridge Supply",
        characterSet: "UTF-8",
      },
      navigator: { language: "en-US", cookieEnabled: true, userAgent: "Mozilla/5.0 (sandbox)" },
      window: { innerWidth: 1280, innerHeight: 800, location: { href: `https://${b.shop}${path}` } },
    },
    data,
  };
}

export const pageViewed = (b: StorefrontBrowser, at: Date) => envelope(b, "page_viewed", at, "/", {});

export const productViewed = (b: StorefrontBrowser, at: Date, p: StorefrontProduct) =>
  envelope(b, "product_viewed", at, variant(p).product.url, { productVariant: variant(p) });

export const productAddedToCart = (b: StorefrontBrowser, at: Date, p: StorefrontProduct, quantity: number) =>
  envelope(b, "product_added_to_cart", at, variant(p).product.url, {
    cartLine: { cost: { totalAmount: money(p.price * quantity) }, merchandise: variant(p), quantity },
  });

export const checkoutStarted = (
  b: StorefrontBrowser,
  at: Date,
  token: string,
  lines: Array<{ product: StorefrontProduct; quantity: number }>,
) =>
  envelope(b, "checkout_started", at, `/checkouts/cn/${token}`, {
    checkout: {
      token,
      currencyCode: "USD",
      email: null,
      attributes: [],
      discountApplications: [],
      lineItems: lines.map((l, i) => ({
        id: `line-${i + 1}`,
        title: l.product.title,
        quantity: l.quantity,
        variant: variant(l.product),
        finalLinePrice: money(l.product.price * l.quantity),
        discountAllocations: [],
      })),
      subtotalPrice: money(lines.reduce((s, l) => s + l.product.price * l.quantity, 0)),
      totalPrice: money(lines.reduce((s, l) => s + l.product.price * l.quantity, 0)),
    },
  });

/** `init` as the storefront renders it: logged-in customer (or null), the cart, the shop. */
export function pixelInit(b: StorefrontBrowser, customerId: string | null) {
  return {
    context: { document: { location: { href: `https://${b.shop}/` } } },
    data: {
      customer: customerId ? { id: customerId, email: null, firstName: null } : null,
      cart: null,
      shop: {
        name: "Ridge Supply",
        myshopifyDomain: b.shop,
        storefrontUrl: `https://${b.shop}`,
        paymentSettings: { currencyCode: "USD" },
      },
      purchasingCompany: null,
    },
    customerPrivacy: {
      analyticsProcessingAllowed: true,
      marketingAllowed: true,
      preferencesProcessingAllowed: false,
      saleOfDataAllowed: false,
    },
  };
}
