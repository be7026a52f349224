// A shop's installation, as Shopify drives it: afterAuth (first install, reinstall, scope change)
// creates or revives the Shop row from the Admin API's `shop` query, proposes settings, activates
// the Web Pixel and starts the history backfill. Idempotent: a second run changes nothing.
import type { AdminGraphql } from "../admin.server";
import type { Db } from "../db/client.server";
import { logger } from "../logger.server";
import { adminRequest } from "./admin-client.server";
import { startBackfill } from "./backfill.server";
import { activatePixel } from "./pixel";
import { SHOP_PROFILE_QUERY, type ShopProfile, shopProfileFromNode, shopProfileNode } from "./shop-profile";

export interface InstallOptions {
  now: Date;
  /** Where the pixel posts (the app's public URL). */
  appUrl: string;
  /** Signs the pixel's per-shop token. */
  pixelSecret: string;
  /** The granted scopes of the offline session. */
  scope?: string | null;
}

export interface InstallResult {
  shop: string;
  /** "installed" the first time, "reinstalled" after an uninstall, "unchanged" otherwise. */
  outcome: "installed" | "reinstalled" | "unchanged" | "updated";
  pixel: { ok: boolean; errors?: string[] };
  backfillStarted: boolean;
}

export async function fetchShopProfile(admin: AdminGraphql): Promise<ShopProfile> {
  const data = await adminRequest<{ shop: unknown }>(admin, SHOP_PROFILE_QUERY);
  return shopProfileFromNode(shopProfileNode.parse(data.shop));
}

const PROFILE_FIELDS = [
  "shopifyShopId",
  "name",
  "email",
  "currency",
  "timeZone",
  "plan",
  "primaryDomain",
] as const;

/** Writes the profile onto the Shop row, reviving an uninstalled shop; writes nothing when equal. */
export async function upsertShopProfile(
  db: Db,
  shop: string,
  profile: ShopProfile,
  at: Date,
  scope?: string | null,
): Promise<InstallResult["outcome"]> {
  const fields = Object.fromEntries(PROFILE_FIELDS.map((k) => [k, profile[k]]));
  const row = await db.shop.findUnique({ where: { shop } });
  if (!row) {
    await db.shop.create({ data: { shop, ...fields, scope: scope ?? null, installedAt: at } });
    return "installed";
  }
  const changed: Record<string, unknown> = {};
  for (const k of PROFILE_FIELDS) if (profile[k] !== null && row[k] !== profile[k]) changed[k] = profile[k];
  if (scope && row.scope !== scope) changed.scope = scope;
  // A reinstall inside the redaction window keeps the shop's settings, copy and history.
  if (row.uninstalledAt) Object.assign(changed, { uninstalledAt: null, installedAt: at });
  if (Object.keys(changed).length === 0) return "unchanged";
  await db.shop.update({ where: { shop }, data: changed });
  return row.uninstalledAt ? "reinstalled" : "updated";
}

/** A new shop's settings start from its own profile; the merchant's later edits are never overwritten. */
async function proposeSettings(db: Db, shop: string, profile: ShopProfile): Promise<void> {
  const existing = await db.shopSettings.findUnique({ where: { shop }, select: { shop: true } });
  if (existing) return;
  await db.shopSettings.create({
    data: {
      shop,
      senderName: profile.name.slice(0, 100),
      replyTo: profile.email,
      postalAddress: profile.postalAddress,
    },
  });
}

export async function installShop(
  db: Db,
  shop: string,
  admin: AdminGraphql,
  options: InstallOptions,
): Promise<InstallResult> {
  const log = logger.child({ shop });
  const profile = await fetchShopProfile(admin);
  const outcome = await upsertShopProfile(db, shop, profile, options.now, options.scope);
  await proposeSettings(db, shop, profile);
  // Pixel and backfill talk to Shopify again: a failure there must not fail the merchant's login.
  const pixel = await activatePixel(shop, admin, {
    appUrl: options.appUrl,
    secret: options.pixelSecret,
  }).catch((error: unknown) => ({
    ok: false as const,
    errors: [error instanceof Error ? error.message : String(error)],
  }));
  if (!pixel.ok) log.warn({ errors: pixel.errors }, "web pixel not activated");
  const before = await db.backfillJob.count({ where: { shop } });
  await startBackfill(db, shop, admin, { now: options.now }).catch((error: unknown) =>
    log.warn({ err: error }, "backfill could not start"),
  );
  const backfillStarted = (await db.backfillJob.count({ where: { shop } })) > before;
  log.info({ outcome, pixel: pixel.ok, backfillStarted, timeZone: profile.timeZone }, "shop install checked");
  return {
    shop,
    outcome,
    pixel: pixel.ok ? { ok: true } : { ok: false, errors: pixel.errors },
    backfillStarted,
  };
}
