// The local demo store's identity and its stand-in for Shopify's Admin GraphQL API.
// The stand-in is completed in the demo store work (issue 9); until then it answers every
// operation with a GraphQL error so callers take their "Admin API unavailable" path.
import type { AdminGraphql } from "../admin.server";

export const DEMO_SHOP = "tend-demo.myshopify.com";
export const DEMO_USER = "owner@tend-demo.example";

export function localAdminGraphql(_shop: string): AdminGraphql {
  return async () =>
    Response.json({ errors: [{ message: "The local Admin API stand-in does not answer this operation." }] }, { status: 200 });
}
