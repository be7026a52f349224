// What Tend's Web Pixel posts to the collector: one customer event per request, with the shop and
// the shop's signed token from the pixel's settings. Strict: unknown names and oversized fields are
// refused, so nothing unexpected reaches the store.
import { z } from "zod";

export const PIXEL_BODY_LIMIT_BYTES = 4_096;
export const PIXEL_EVENT_NAMES = ["product_viewed", "product_added_to_cart", "checkout_started"] as const;
export type PixelEventName = (typeof PIXEL_EVENT_NAMES)[number];

const shopifyRef = z
  .union([z.string().max(120), z.number().int().nonnegative()])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined || v === "") return null;
    const m = /(\d+)$/.exec(String(v));
    return m ? m[1] : null;
  });

export const pixelPayloadSchema = z.strictObject({
  shop: z
    .string()
    .max(120)
    .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "shop must be a myshopify domain"),
  token: z.string().min(10).max(200),
  event: z.strictObject({
    id: z.string().min(1).max(100),
    name: z.enum(PIXEL_EVENT_NAMES),
    timestamp: z.iso.datetime({ offset: true }),
    customerId: shopifyRef,
    productId: shopifyRef,
    variantId: shopifyRef,
    checkoutToken: z
      .string()
      .max(100)
      .regex(/^[A-Za-z0-9_-]+$/)
      .nullish(),
    /** Shopify's per-browser id (every standard event carries it). */
    clientId: z
      .string()
      .max(100)
      .regex(/^[A-Za-z0-9_.:-]+$/)
      .nullish(),
    quantity: z.number().int().min(1).max(999).nullish(),
  }),
});

export type PixelPayload = z.infer<typeof pixelPayloadSchema>;
