// The shop's own profile from the Admin API (`shop` query): what install and shop/update keep on
// the Shop row, and what a new shop's settings are proposed from.
import { z } from "zod";
import { shopifyId } from "../store/values";

export const SHOP_PROFILE_QUERY = `#graphql
  query TendShopProfile {
    shop {
      id
      name
      email
      contactEmail
      myshopifyDomain
      currencyCode
      ianaTimezone
      plan { publicDisplayName }
      primaryDomain { host }
      shopAddress { formatted }
    }
  }
`;

const text = z.string().nullish();

export const shopProfileNode = z.object({
  id: z.string(),
  name: z.string(),
  email: text,
  contactEmail: text,
  myshopifyDomain: z.string(),
  currencyCode: z.string(),
  ianaTimezone: z.string(),
  plan: z.object({ publicDisplayName: text }).nullish(),
  primaryDomain: z.object({ host: z.string() }).nullish(),
  shopAddress: z.object({ formatted: z.array(z.string()).nullish() }).nullish(),
});

export interface ShopProfile {
  shopifyShopId: string | null;
  name: string;
  email: string | null;
  currency: string;
  timeZone: string;
  plan: string | null;
  primaryDomain: string | null;
  /** The postal address proposed for email footers (the merchant confirms it in Settings). */
  postalAddress: string | null;
}

export function shopProfileFromNode(node: z.infer<typeof shopProfileNode>): ShopProfile {
  const address = (node.shopAddress?.formatted ?? []).map((l) => l.trim()).filter(Boolean);
  return {
    shopifyShopId: shopifyId(node.id),
    name: node.name,
    email: node.contactEmail || node.email || null,
    currency: node.currencyCode,
    timeZone: node.ianaTimezone,
    plan: node.plan?.publicDisplayName ?? null,
    primaryDomain: node.primaryDomain?.host ?? null,
    postalAddress: address.length ? address.join(", ") : null,
  };
}
