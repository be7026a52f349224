// Shared setup for delivery integration tests: a shop with settings, a subscribed customer, an open
// checkout whose product title contains HTML, a run with a due step, approved copy and a fake Admin API.
import type { AdminGraphql } from "../../../app/admin.server";
import type { Db } from "../../../app/db/client.server";
import type { CopyContent, CopyResolution } from "../../../app/domain/copy";
import type { StepSendRequest } from "../../../app/domain/delivery";
import type { DeliveryConfig } from "../../../app/delivery/config.server";
import { createSender, type SenderDeps } from "../../../app/delivery/send-step.server";
import type { Transport } from "../../../app/delivery/transport.server";
import { getDb } from "../../../app/db.server";
import { uniqueShop } from "../../support/database";

export const CONFIG: DeliveryConfig = {
  appUrl: "https://tend.test",
  signingSecret: "delivery-test-secret-0123456789",
  mailFromDomain: "mail.tend.test",
};

export const EVIL_TITLE = `<b>Trail</b> Tent & "Co" <script>alert(1)</script>`;

export const APPROVED: CopyContent = {
  subjects: ["{{first_name}}, your {{product_title}} is waiting", "Still thinking about it, {{first_name}}?"],
  preheader: "Your cart at {{shop_name}} is saved",
  headline: "You left something behind",
  paragraphs: ["Hi {{first_name}}, here is what you picked: {{items}}.", "Finish here: {{recovery_url}}"],
  callout: "Free returns within 30 days.",
  cta: "Return to checkout",
  text: "Hi {{first_name}},\n\nYou left {{items}} in your checkout.\nFinish here: {{recovery_url}}\n",
};

export const WITH_DISCOUNT: CopyContent = {
  ...APPROVED,
  paragraphs: [...APPROVED.paragraphs, "Use {{discount_code}} for {{discount_percent}} off."],
  text: `${APPROVED.text}Use {{discount_code}} for {{discount_percent}} off.\n`,
};

export function approvedCopy(content: CopyContent = APPROVED) {
  return async (): Promise<CopyResolution> => ({
    kind: "copy",
    draftId: "draft-1",
    draftVersion: 1,
    content,
    generic: false,
  });
}

export interface FakeAdmin {
  admin: (shop: string) => Promise<AdminGraphql>;
  calls: { query: string; variables: Record<string, unknown> | undefined }[];
  failWith: string | null;
}

/** Answers the operations delivery sends with Shopify-shaped payloads and records every call. */
export function fakeAdmin(): FakeAdmin {
  const state: FakeAdmin = {
    calls: [],
    failWith: null,
    admin: async () => async (query, options) => {
      state.calls.push({ query, variables: options?.variables });
      if (state.failWith) return Response.json({ errors: [{ message: state.failWith }] });
      if (query.includes("discountCodeBasicCreate")) {
        return Response.json({
          data: {
            discountCodeBasicCreate: {
              codeDiscountNode: { id: "gid://shopify/DiscountCodeNode/1" },
              userErrors: [],
            },
          },
        });
      }
      if (query.includes("customerEmailMarketingConsentUpdate")) {
        return Response.json({
          data: {
            customerEmailMarketingConsentUpdate: {
              customer: { id: "gid://shopify/Customer/1" },
              userErrors: [],
            },
          },
        });
      }
      return Response.json({ errors: [{ message: "unexpected operation" }] });
    },
  };
  return state;
}

export interface Seeded {
  shop: string;
  email: string;
  customerId: string;
  runId: string;
  checkoutToken: string;
  productId: string;
}

let counter = 0;

export async function seedShop(
  db: Db,
  options: { marketingState?: string; runs?: number } = {},
): Promise<Seeded> {
  const shop = uniqueShop("dlv");
  counter++;
  const email = `Shopper.${counter}@Example.com`;
  const customerId = String(7000 + counter);
  const productId = String(9000 + counter);
  const checkoutToken = `tok-${shop}`;
  await db.shop.create({ data: { shop, name: "Pine & Peak", currency: "USD" } });
  await db.shopSettings.create({
    data: {
      shop,
      senderName: "Pine & Peak Outfitters",
      replyTo: "hello@pineandpeak.example",
      postalAddress: "12 Alder Street, Portland, OR 97201, USA",
      logoUrl: "https://cdn.example.com/logo.png",
      brandColor: "#225588",
      maxDiscountPercent: 15,
    },
  });
  await db.customer.create({
    data: {
      shop,
      shopifyId: customerId,
      email,
      emailLower: email.toLowerCase(),
      firstName: "Dana",
      marketingState: options.marketingState ?? "SUBSCRIBED",
    },
  });
  await db.product.create({
    data: {
      shop,
      shopifyId: productId,
      title: EVIL_TITLE,
      handle: "trail-tent",
      imageUrl: "https://cdn.example.com/tent.jpg",
      minPriceMinor: 19900,
    },
  });
  await db.checkout.create({
    data: {
      shop,
      token: checkoutToken,
      customerShopifyId: customerId,
      email,
      emailLower: email.toLowerCase(),
      abandonedCheckoutUrl: `https://${shop}/checkouts/${checkoutToken}/recover?key=abc`,
      currency: "USD",
      totalMinor: 19900,
      lines: JSON.stringify([
        {
          productId,
          variantId: "1",
          title: EVIL_TITLE,
          variantTitle: "2-person",
          quantity: 1,
          priceMinor: 19900,
          imageUrl: "https://cdn.example.com/tent.jpg",
        },
      ]),
    },
  });
  const run = await db.flowRun.create({
    data: {
      shop,
      flowKey: "checkout_abandonment",
      flowVersion: 1,
      enrollKey: `ca:${customerId}:${checkoutToken}`,
      customerShopifyId: customerId,
      email,
      context: JSON.stringify({ checkoutToken }),
      startedAt: new Date(Date.now() - 3_600_000),
    },
  });
  return { shop, email, customerId, runId: run.id, checkoutToken, productId };
}

export function stepRequest(s: Seeded, overrides: Partial<StepSendRequest> = {}): StepSendRequest {
  return {
    shop: s.shop,
    runId: s.runId,
    stepIndex: 0,
    flowKey: "checkout_abandonment",
    stepKey: "checkout_abandonment.reminder",
    customerShopifyId: s.customerId,
    email: s.email,
    productShopifyIds: [s.productId],
    context: { checkoutToken: s.checkoutToken },
    discountPercent: null,
    holdout: false,
    now: new Date(),
    ...overrides,
  };
}

/** Copy a run without checkout items can fill (post-purchase thank-you). */
export const THANK_YOU: CopyContent = {
  subjects: ["Thank you, {{first_name}}"],
  preheader: "A note from {{shop_name}}",
  headline: "Thank you for your order",
  paragraphs: ["Hi {{first_name}}, thank you for shopping at {{shop_name}}."],
  callout: "",
  cta: "Visit the shop",
  text: "Hi {{first_name}}, thank you for shopping at {{shop_name}}: {{shop_url}}\n",
};

/** A sender over `transport` with approved copy, a fake Admin API and the test configuration. */
export function testSender(transport: Transport, overrides: Partial<SenderDeps> = {}) {
  return createSender({
    db: getDb(),
    transport,
    resolveCopy: approvedCopy(),
    admin: fakeAdmin().admin,
    config: CONFIG,
    ...overrides,
  });
}
