// The afterAuth hook's body: installs (or revives) the shop the new offline session belongs to.
import type { AdminGraphql } from "../admin.server";
import { now } from "../clock.server";
import { getDb } from "../db.server";
import { env } from "../env.server";
import { pixelSigningSecret } from "../pixel/wiring.server";
import { installShop } from "./install.server";

export async function installFromSession(session: { shop: string; scope?: string }, admin: AdminGraphql) {
  return installShop(getDb(), session.shop, admin, {
    now: now(),
    appUrl: env().SHOPIFY_APP_URL ?? "",
    pixelSecret: pixelSigningSecret(),
    scope: session.scope ?? null,
  });
}
