// The local demo store's identity and its stand-in for Shopify's Admin GraphQL API. Operations run
// on the REAL Admin 2026-10 schema (graphql-js) with resolvers over the seeded database; anything
// invalid against that schema is refused with Shopify-shaped GraphQL errors, so the demo catches
// the same mistakes a real store would.
import type { AdminGraphql } from "../admin.server";
import { type Db, getDb } from "../db.server";
import { executeAdmin } from "./admin-execute.server";

export const DEMO_SHOP = "tend-demo.myshopify.com";
export const DEMO_USER = "owner@tend-demo.example";

export function localAdminGraphql(shop: string, db: () => Db = getDb): AdminGraphql {
  return async (query, options) => {
    const body = await executeAdmin(db(), shop, query, options?.variables);
    return Response.json(body, { status: 200, headers: { "X-Tend-Local-Admin": "1" } });
  };
}
