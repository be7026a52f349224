// Who is asking, for which shop: every admin loader and action starts here. In live mode this is
// Shopify's embedded auth (session token, token exchange). In demo mode, and only for requests
// from loopback to a server holding no real Shopify credentials, it is the local demo store.
import type { AppLoadContext } from "@remix-run/node";
import { DEMO_DEFAULTS, env } from "./env.server";
import { authenticate } from "./shopify.server";
import { DEMO_SHOP, DEMO_USER, localAdminGraphql } from "./demo/local-admin.server";

export type AdminGraphql = (
  query: string,
  options?: { variables?: Record<string, unknown> },
) => Promise<Response>;

export interface AdminContext {
  shop: string;
  /** Who acted, for audit trails (staff email or user id). */
  user: string;
  graphql: AdminGraphql;
  demo: boolean;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** The bypass is possible only in demo mode, without real credentials, and from loopback. */
export function demoBypassAllowed(context: AppLoadContext | undefined, e = env()): boolean {
  if (e.TEND_MODE !== "demo") return false;
  if (e.SHOPIFY_API_SECRET !== DEMO_DEFAULTS.SHOPIFY_API_SECRET) return false;
  const remote = (context as { remoteAddress?: string } | undefined)?.remoteAddress ?? "";
  return LOOPBACK.test(remote);
}

export async function requireAdmin(request: Request, context?: AppLoadContext): Promise<AdminContext> {
  if (demoBypassAllowed(context)) {
    return { shop: DEMO_SHOP, user: DEMO_USER, graphql: localAdminGraphql(DEMO_SHOP), demo: true };
  }
  const { session, admin } = await authenticate.admin(request);
  const user =
    session.onlineAccessInfo?.associated_user?.email ??
    session.onlineAccessInfo?.associated_user?.id?.toString() ??
    "staff";
  return { shop: session.shop, user, graphql: admin.graphql as AdminGraphql, demo: false };
}
