// What the store accepts, whatever the source (webhook, bulk backfill, reconciliation): plain,
// already-normalised records. Mapping from each wire format lives beside that source.

export interface ConsentInput {
  state: string; // SUBSCRIBED, UNSUBSCRIBED, PENDING, NOT_SUBSCRIBED, REDACTED, INVALID
  optInLevel: string | null;
  /** When the consent last changed; newer wins. */
  updatedAt: Date | null;
}

export interface CustomerInput {
  shopifyId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  locale: string | null;
  tags: string;
  countryCode: string | null;
  timeZone: string | null;
  consent: ConsentInput | null;
  /** Shopify's updated_at; null for customer stubs embedded in orders and checkouts. */
  updatedAt: Date | null;
}

export interface OrderLineInput {
  shopifyId: string | null;
  productShopifyId: string | null;
  variantShopifyId: string | null;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  productType: string | null;
  quantity: number;
  priceMinor: number;
}

export interface OrderInput {
  shopifyId: string;
  name: string | null;
  customerShopifyId: string | null;
  email: string | null;
  checkoutToken: string | null;
  currency: string;
  subtotalMinor: number;
  totalMinor: number;
  refundedMinor: number;
  financialStatus: string | null;
  discountCodes: string[];
  landingSite: string | null;
  sourceName: string | null;
  processedAt: Date;
  cancelledAt: Date | null;
  updatedAt: Date | null;
  lines: OrderLineInput[];
}

export interface CheckoutLineInput {
  productId: string | null;
  variantId: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  priceMinor: number;
  imageUrl: string | null;
}

export interface CheckoutInput {
  token: string;
  cartToken: string | null;
  customerShopifyId: string | null;
  email: string | null;
  abandonedCheckoutUrl: string | null;
  buyerAcceptsMarketing: boolean;
  currency: string;
  totalMinor: number;
  lines: CheckoutLineInput[];
  completedAt: Date | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface VariantInput {
  id: string;
  title: string;
  priceMinor: number;
  inventoryQuantity: number | null;
  available: boolean;
}

export interface ProductInput {
  shopifyId: string;
  title: string;
  handle: string | null;
  description: string; // plain text
  productType: string | null;
  vendor: string | null;
  tags: string;
  status: string; // ACTIVE, DRAFT, ARCHIVED
  imageUrl: string | null;
  imageAlt: string | null;
  variants: VariantInput[];
  updatedAt: Date | null;
}
