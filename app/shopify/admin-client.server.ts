// An Admin GraphQL client for background work (no request): the shop's offline session in live
// mode, the local stand-in the demo installed in demo mode. Operations live in app/shopify/*.ts as
// #graphql strings.
import { type AdminGraphql, installedLocalAdmin } from "../admin.server";
import { env } from "../env.server";
import { unauthenticated } from "../shopify.server";

export async function adminFor(shop: string): Promise<AdminGraphql> {
  if (env().TEND_MODE === "demo") {
    const local = installedLocalAdmin();
    if (!local) throw new Error("demo mode without a local store: start it with `npm run demo`");
    return local.graphqlFor(shop);
  }
  const { admin } = await unauthenticated.admin(shop);
  return admin.graphql as AdminGraphql;
}

/** Runs an operation and returns `data`, throwing with Shopify's messages on GraphQL errors. */
export async function adminRequest<T>(
  graphql: AdminGraphql,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const response = await graphql(query, variables ? { variables } : undefined);
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`Admin API: ${body.errors.map((e) => e.message).join("; ")}`);
  if (!body.data) throw new Error("Admin API: empty response");
  return body.data;
}
