// shopifyApp() configuration: the only module that knows the app's keys, scopes and API version.
import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import type { AdminGraphql } from "./admin.server";
import { getDb } from "./db.server";
import { env } from "./env.server";

/** One Admin API version everywhere: shopify.app.toml, codegen and the contract tests use it too. */
export const API_VERSION = ApiVersion.October26;

function createShopify() {
  const e = env();
  return shopifyApp({
    apiKey: e.SHOPIFY_API_KEY,
    apiSecretKey: e.SHOPIFY_API_SECRET ?? "",
    apiVersion: API_VERSION,
    scopes: e.SCOPES?.split(","),
    appUrl: e.SHOPIFY_APP_URL ?? "",
    authPathPrefix: "/auth",
    sessionStorage: new PrismaSessionStorage(getDb()),
    distribution: AppDistribution.AppStore,
    future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: true },
    hooks: {
      // Runs after token exchange stores a new offline session: install, reinstall, scope change.
      afterAuth: async ({ session, admin }) => {
        const { installFromSession } = await import("./shopify/after-auth.server");
        await installFromSession(session, admin.graphql as AdminGraphql);
      },
    },
    ...(e.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [e.SHOP_CUSTOM_DOMAIN] } : {}),
  });
}

type ShopifyApp = ReturnType<typeof createShopify>;
let instance: ShopifyApp | undefined;

/** Created on first use so that env validation errors surface at boot, not at import. */
export function shopify(): ShopifyApp {
  instance ??= createShopify();
  return instance;
}

export const authenticate = {
  admin: (request: Request) => shopify().authenticate.admin(request),
  webhook: (request: Request) => shopify().authenticate.webhook(request),
  public: {
    appProxy: (request: Request) => shopify().authenticate.public.appProxy(request),
  },
};
export const unauthenticated = {
  admin: (shop: string) => shopify().unauthenticated.admin(shop),
};
export const login = (request: Request) => shopify().login(request);
export const addDocumentResponseHeaders = (request: Request, headers: Headers) =>
  shopify().addDocumentResponseHeaders(request, headers);
export const sessionStorage = () => shopify().sessionStorage;
