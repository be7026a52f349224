// Unique single-use discount codes, created at send time for a step that offers a discount.
// The code is derived from the message (HMAC), so a retried send asks Shopify for the same code and
// a "code already taken" answer means our earlier attempt created it.
import { createHmac } from "node:crypto";
import type { AdminGraphql } from "../admin.server";
import { adminRequest } from "./admin-client.server";

export const DISCOUNT_CODE_BASIC_CREATE = `#graphql
  mutation TendDiscountCodeBasicCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
      codeDiscountNode {
        id
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`;

interface CreateResult {
  discountCodeBasicCreate: {
    codeDiscountNode: { id: string } | null;
    userErrors: { field: string[] | null; code: string | null; message: string }[];
  } | null;
}

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: codes get typed by hand

/** A code nobody can guess, stable for one message: TEND-XXXXXXXXXX. */
export function discountCodeFor(secret: string, shop: string, messageId: string): string {
  const digest = createHmac("sha256", secret).update(`discount\n${shop}\n${messageId}`).digest();
  let code = "";
  for (let i = 0; i < 10; i++) code += ALPHABET[digest[i] % ALPHABET.length];
  return `TEND-${code}`;
}

export interface DiscountRequest {
  code: string;
  percent: number; // 1..100, already capped by the shop's maximum
  customerShopifyId: string | null;
  startsAt: Date;
  endsAt: Date;
  title: string;
}

export function discountInput(req: DiscountRequest): Record<string, unknown> {
  return {
    title: req.title,
    code: req.code,
    startsAt: req.startsAt.toISOString(),
    endsAt: req.endsAt.toISOString(),
    usageLimit: 1,
    appliesOncePerCustomer: true,
    context: req.customerShopifyId
      ? { customers: { add: [`gid://shopify/Customer/${req.customerShopifyId}`] } }
      : { all: "ALL" },
    customerGets: { value: { percentage: req.percent / 100 }, items: { all: true } },
    combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
  };
}

export class DiscountError extends Error {
  override name = "DiscountError";
}

/** Creates the code; resolves when Shopify holds it (created now, or by an earlier attempt). */
export async function createDiscountCode(graphql: AdminGraphql, req: DiscountRequest): Promise<string> {
  if (!Number.isInteger(req.percent) || req.percent < 1 || req.percent > 100) {
    throw new DiscountError(`discount percent out of range: ${req.percent}`);
  }
  const data = await adminRequest<CreateResult>(graphql, DISCOUNT_CODE_BASIC_CREATE, {
    basicCodeDiscount: discountInput(req),
  });
  const payload = data.discountCodeBasicCreate;
  const errors = payload?.userErrors ?? [];
  if (errors.length === 0 && payload?.codeDiscountNode) return req.code;
  if (
    errors.length > 0 &&
    errors.every((e) => e.code === "TAKEN" || /must be unique|already/i.test(e.message))
  ) {
    return req.code;
  }
  throw new DiscountError(
    `discountCodeBasicCreate: ${errors.map((e) => e.message).join("; ") || "no discount returned"}`,
  );
}
