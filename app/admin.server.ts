// Who is asking, for which shop: every admin loader and action starts here. In live mode this is
// Shopify's embedded auth (session token, token exchange). In demo mode, and only for requests
// from loopback to a server holding no real Shopify credentials, it is the local store that the
// demo's own entry installed (installLocalAdmin); production code never imports the demo.
import type { AppLoadContext } from "@remix-run/node";
import { DEMO_DEFAULTS, env } from "./env.server";
import { authenticate } from "./shopify.server";

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

/** A local store standing in for Shopify: its identity and an Admin API client per shop. */
export interface LocalAdmin {
  shop: string;
  user: string;
  graphqlFor(shop: string): AdminGraphql;
}

let localAdmin: LocalAdmin | undefined;

/** Plugs a local store in (the demo's entry does). Refused outside demo mode. */
export function installLocalAdmin(admin: LocalAdmin, e = env()): void {
  if (e.TEND_MODE !== "demo") throw new Error("a local Admin API can be installed in demo mode only");
  localAdmin = admin;
}

/** The installed local store, in demo mode only. */
export function installedLocalAdmin(e = env()): LocalAdmin | undefined {
  return e.TEND_MODE === "demo" ? localAdmin : undefined;
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
    const local = installedLocalAdmin();
    if (!local) throw new Error("demo mode without a local store: start it with `npm run demo`");
    return { shop: local.shop, user: local.user, graphql: local.graphqlFor(local.shop), demo: true };
  }
  const { session, admin } = await authenticate.admin(request);
  const user =
    session.onlineAccessInfo?.associated_user?.email ??
    session.onlineAccessInfo?.associated_user?.id?.toString() ??
    "staff";
  return { shop: session.shop, user, graphql: admin.graphql as AdminGraphql, demo: false };
}
