// A local stand-in for Shopify's servers, speaking their wire format, for tests that go through the
// real auth path: the token exchange endpoint (`POST https://{shop}/admin/oauth/access_token`), the
// Admin GraphQL endpoint (`POST https://{shop}/admin/api/{version}/graphql.json`, answered on the
// REAL Admin schema over a separate "Shopify" database) and bulk operation result files.
// It is installed as the fetch of @shopify/shopify-api and for those hosts in the global fetch
// (the bulk download), so Tend's own code runs unchanged.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { abstractFetch, setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { jwtVerify } from "jose";
import type { Db } from "../../app/db/client.server";
import { bulkFilePath } from "../../app/demo/bulk.server";
import { executeAdmin } from "../../app/demo/admin-execute.server";
import { TEST_API_KEY, TEST_API_SECRET } from "./env";

export interface ShopifyStandIn {
  /** Every request Tend made to "Shopify", in order. */
  calls: Array<{ shop: string; kind: "token" | "graphql" | "bulk"; query?: string }>;
  /** Access tokens issued by token exchange, per shop. */
  tokens: Map<string, string>;
  /** The stand-in's own fetch (Shopify's hosts and the JSONL result files). */
  fetch: typeof fetch;
  /** A session token as App Bridge would send it for `shop`. */
  sessionToken(shop: string): Promise<string>;
  /** Uninstall: Shopify revokes the app's tokens. */
  revoke(shop: string): void;
  restore(): void;
}

const SHOP_HOST = /^([a-z0-9][a-z0-9-]*\.myshopify\.com)$/;

export function startShopifyStandIn(options: { shopifyDb: () => Db; scopes: string }): ShopifyStandIn {
  const previous = abstractFetch;
  const calls: ShopifyStandIn["calls"] = [];
  const tokens = new Map<string, string>();

  async function tokenExchange(shop: string, body: Record<string, string>): Promise<Response> {
    calls.push({ shop, kind: "token" });
    if (body.client_id !== TEST_API_KEY || body.client_secret !== TEST_API_SECRET)
      return Response.json({ error: "invalid_client" }, { status: 401 });
    try {
      const { payload } = await jwtVerify(body.subject_token, new TextEncoder().encode(TEST_API_SECRET));
      if (payload.dest !== `https://${shop}`) throw new Error("wrong shop");
    } catch {
      return Response.json({ error: "invalid_subject_token" }, { status: 400 });
    }
    const token = `shpat_${randomUUID().replace(/-/g, "")}`;
    tokens.set(shop, token);
    return Response.json({
      access_token: token,
      scope: options.scopes,
      expires_in: 86_400,
      refresh_token: `shprt_${randomUUID().replace(/-/g, "")}`,
      refresh_token_expires_in: 90 * 86_400,
    });
  }

  async function graphql(shop: string, headers: Headers, body: { query: string; variables?: object }) {
    calls.push({ shop, kind: "graphql", query: body.query });
    if (!tokens.has(shop) || headers.get("X-Shopify-Access-Token") !== tokens.get(shop))
      return Response.json({ errors: "[API] Invalid API key or access token" }, { status: 401 });
    const result = await executeAdmin(
      options.shopifyDb(),
      shop,
      body.query,
      body.variables as Record<string, unknown>,
    );
    return Response.json(result);
  }

  const standInFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const bulk = /^\/demo\/bulk\/(\d+)$/.exec(url.pathname);
    const shop = SHOP_HOST.exec(url.hostname)?.[1];
    if (bulk) {
      const owner = url.searchParams.get("shop") ?? [...tokens.keys()][0] ?? "";
      calls.push({ shop: owner, kind: "bulk" });
      return new Response(readFileSync(bulkFilePath(owner, bulk[1])));
    }
    if (!shop) throw new Error(`the Shopify stand-in does not serve ${request.url}`);
    if (url.pathname === "/admin/oauth/access_token")
      return tokenExchange(shop, (await request.json()) as Record<string, string>);
    if (/^\/admin\/api\/[\w-]+\/graphql\.json$/.test(url.pathname))
      return graphql(shop, request.headers, (await request.json()) as { query: string; variables?: object });
    return new Response("Not Found", { status: 404 });
  };
  setAbstractFetchFunc(standInFetch as typeof fetch);
  // Tend downloads bulk results with the global fetch (the backfill runner): route Shopify's hosts
  // and result files to the stand-in too, everything else to the real network stack.
  const globalFetch = globalThis.fetch;
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const ours = /^\/demo\/bulk\/\d+$/.test(url.pathname) || SHOP_HOST.test(url.hostname);
    return ours ? standInFetch(input, init) : globalFetch(input, init);
  }) as typeof fetch;

  return {
    calls,
    tokens,
    fetch: standInFetch as typeof fetch,
    async sessionToken(shop) {
      const store = shop.replace(/\.myshopify\.com$/, ""); // getJwt takes the store's name
      return (await getJwt(store, TEST_API_KEY, TEST_API_SECRET, { jti: randomUUID(), sid: randomUUID() }))
        .token;
    },
    revoke(shop) {
      tokens.delete(shop);
    },
    restore() {
      setAbstractFetchFunc(previous);
      globalThis.fetch = globalFetch;
    },
  };
}
