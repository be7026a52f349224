// Activates Tend's Web Pixel on a shop: webPixelCreate with the collector URL and the shop's
// signed token as settings (the fields declared in extensions/tend-pixel/shopify.extension.toml).
// A shop that already has the pixel gets its settings updated instead.
import type { AdminGraphql } from "../admin.server";
import { env } from "../env.server";
import { pixelToken } from "../pixel/token";
import { pixelSigningSecret } from "../pixel/wiring.server";

export const WEB_PIXEL_CREATE = `#graphql
  mutation TendWebPixelCreate($webPixel: WebPixelInput!) {
    webPixelCreate(webPixel: $webPixel) {
      webPixel { id settings }
      userErrors { code field message }
    }
  }
`;

export const WEB_PIXEL_CURRENT = `#graphql
  query TendWebPixelCurrent {
    webPixel { id settings }
  }
`;

export const WEB_PIXEL_UPDATE = `#graphql
  mutation TendWebPixelUpdate($id: ID!, $webPixel: WebPixelInput!) {
    webPixelUpdate(id: $id, webPixel: $webPixel) {
      webPixel { id settings }
      userErrors { code field message }
    }
  }
`;

export interface PixelSettings {
  collectorUrl: string;
  shopDomain: string;
  shopToken: string;
}

export function pixelSettings(shop: string, appUrl: string, secret: string): PixelSettings {
  return {
    collectorUrl: new URL("/api/pixel", appUrl).toString(),
    shopDomain: shop,
    shopToken: pixelToken(shop, secret),
  };
}

export type PixelActivation =
  | { ok: true; webPixelId: string; updated: boolean }
  | { ok: false; errors: string[] };

interface UserError {
  code?: string | null;
  message: string;
}
interface GraphqlBody<T> {
  data?: T;
  errors?: { message: string }[];
}
type Mutated = { webPixel: { id: string } | null; userErrors: UserError[] };

async function call<T>(
  admin: AdminGraphql,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphqlBody<T>> {
  const response = await admin(query, variables ? { variables } : undefined);
  return (await response.json()) as GraphqlBody<T>;
}

/** Call on install (and on every admin load, cheaply idempotent): the pixel then sends to this app. */
export async function activatePixel(
  shop: string,
  admin: AdminGraphql,
  options: { appUrl: string; secret: string } = {
    appUrl: env().SHOPIFY_APP_URL ?? "",
    secret: pixelSigningSecret(),
  },
): Promise<PixelActivation> {
  const webPixel = { settings: JSON.stringify(pixelSettings(shop, options.appUrl, options.secret)) };
  const created = await call<{ webPixelCreate: Mutated }>(admin, WEB_PIXEL_CREATE, { webPixel });
  if (created.errors?.length) return { ok: false, errors: created.errors.map((e) => e.message) };
  const result = created.data?.webPixelCreate;
  if (result?.webPixel) return { ok: true, webPixelId: result.webPixel.id, updated: false };
  // TAKEN: the app's pixel already exists on this shop; refresh its settings instead.
  if (!result?.userErrors.some((e) => e.code === "TAKEN")) {
    return {
      ok: false,
      errors: result?.userErrors.map((e) => e.message) ?? ["webPixelCreate returned nothing"],
    };
  }
  const current = await call<{ webPixel: { id: string } | null }>(admin, WEB_PIXEL_CURRENT);
  const id = current.data?.webPixel?.id;
  if (!id)
    return { ok: false, errors: current.errors?.map((e) => e.message) ?? ["existing web pixel not found"] };
  const updated = await call<{ webPixelUpdate: Mutated }>(admin, WEB_PIXEL_UPDATE, { id, webPixel });
  const u = updated.data?.webPixelUpdate;
  if (u?.webPixel) return { ok: true, webPixelId: u.webPixel.id, updated: true };
  return { ok: false, errors: [...(updated.errors ?? []), ...(u?.userErrors ?? [])].map((e) => e.message) };
}
