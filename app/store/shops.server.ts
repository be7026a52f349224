// The installed-shop row and its sessions: install, uninstall and scope changes.
import type { Tx } from "./customers.server";

export async function ensureShop(db: Tx, shop: string, at: Date): Promise<void> {
  await db.shop.upsert({ where: { shop }, create: { shop, installedAt: at }, update: {} });
}

/** Uninstall: sessions are useless now (the token is revoked) and the shop stops being served. */
export async function markUninstalled(db: Tx, shop: string, at: Date): Promise<void> {
  await db.session.deleteMany({ where: { shop } });
  await db.shop.upsert({
    where: { shop },
    create: { shop, uninstalledAt: at },
    update: { uninstalledAt: at },
  });
}

/** A reinstall (first admin load after an uninstall) clears the mark. */
export async function markInstalled(db: Tx, shop: string, at: Date): Promise<void> {
  await db.shop.upsert({
    where: { shop },
    create: { shop, installedAt: at },
    update: { uninstalledAt: null, installedAt: at },
  });
}

export async function updateScope(db: Tx, shop: string, scope: string): Promise<void> {
  await db.shop.upsert({ where: { shop }, create: { shop, scope }, update: { scope } });
  await db.session.updateMany({ where: { shop }, data: { scope } });
}

export async function updateShopDetails(
  db: Tx,
  shop: string,
  details: {
    name?: string | null;
    email?: string | null;
    timeZone?: string | null;
    currency?: string | null;
  },
): Promise<void> {
  const data: Record<string, string> = {};
  if (details.name) data.name = details.name;
  if (details.email) data.email = details.email;
  if (details.timeZone) data.timeZone = details.timeZone;
  if (details.currency) data.currency = details.currency;
  if (Object.keys(data).length === 0) return;
  await db.shop.updateMany({ where: { shop }, data });
}
