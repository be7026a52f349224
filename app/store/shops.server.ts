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

const PROFILE_AT_KEY = "shop.profileUpdatedAt";

/** shop/update: keeps name, email, currency, time zone, plan and domain current; older news is ignored. */
export async function applyShopUpdate(
  db: Tx,
  shop: string,
  p: {
    name?: string | null;
    email?: string | null;
    customer_email?: string | null;
    iana_timezone?: string | null;
    currency?: string | null;
    plan_display_name?: string | null;
    domain?: string | null;
  },
  at: Date,
): Promise<{ applied: boolean; zoneChanged: boolean }> {
  const last = await db.appState.findUnique({ where: { shop_key: { shop, key: PROFILE_AT_KEY } } });
  if (last && Date.parse(last.value) > at.getTime()) return { applied: false, zoneChanged: false };
  const before = await db.shop.findUnique({ where: { shop }, select: { timeZone: true } });
  const zone = validTimeZone(p.iana_timezone);
  await updateShopDetails(db, shop, {
    name: p.name,
    email: p.customer_email || p.email,
    timeZone: zone,
    currency: p.currency,
  });
  const extra: Record<string, string> = {};
  if (p.plan_display_name) extra.plan = p.plan_display_name;
  if (p.domain) extra.primaryDomain = p.domain;
  if (Object.keys(extra).length) await db.shop.updateMany({ where: { shop }, data: extra });
  const value = at.toISOString();
  await db.appState.upsert({
    where: { shop_key: { shop, key: PROFILE_AT_KEY } },
    create: { shop, key: PROFILE_AT_KEY, value },
    update: { value },
  });
  return { applied: true, zoneChanged: zone !== null && before !== null && before.timeZone !== zone };
}

/** An IANA name the runtime knows, or null (a bad zone must never reach quiet-hours maths). */
export function validTimeZone(zone: string | null | undefined): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}
