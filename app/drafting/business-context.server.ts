// The business context's storage: each save is a new version (unique per shop and version), drafts
// record the version they were written from, and a shop's first version is proposed from its own
// sales and catalog (business-context-proposal.ts) when the history import finishes or the
// merchant first opens the page, whichever comes first.
import type { Db } from "../db/client.server";
import {
  type BusinessContextData,
  businessContextInputSchema,
  type ContextFields,
  type ContextSource,
  fieldErrors,
} from "./business-context";
import { proposeBusinessContext, type ShopDataSummary } from "./business-context-proposal";

export const PROPOSER = "Tend (from your data)";

const SELECT = {
  version: true,
  bestCustomers: true,
  whatTheyBuy: true,
  shopStandsFor: true,
  neverSay: true,
  seasonalMoments: true,
  shippingReturns: true,
  source: true,
  createdAt: true,
  createdBy: true,
} as const;

type Row = {
  [K in keyof typeof SELECT]: K extends "version"
    ? number
    : K extends "createdAt"
      ? Date
      : K extends "createdBy"
        ? string | null
        : string;
};

function toData(row: Row): BusinessContextData {
  return { ...row, source: row.source === "proposed" ? "proposed" : "merchant" };
}

/** The shop's latest version, or null before one is proposed or written. */
export async function getBusinessContext(db: Db, shop: string): Promise<BusinessContextData | null> {
  const row = await db.businessContext.findFirst({
    where: { shop },
    orderBy: { version: "desc" },
    select: SELECT,
  });
  return row ? toData(row) : null;
}

export async function getBusinessContextVersion(
  db: Db,
  shop: string,
  version: number,
): Promise<BusinessContextData | null> {
  const row = await db.businessContext.findUnique({
    where: { shop_version: { shop, version } },
    select: SELECT,
  });
  return row ? toData(row) : null;
}

export async function listBusinessContextVersions(db: Db, shop: string, take = 20) {
  return db.businessContext.findMany({
    where: { shop },
    orderBy: { version: "desc" },
    take,
    select: { version: true, source: true, createdAt: true, createdBy: true },
  });
}

export type SaveContextResult =
  | { ok: true; context: BusinessContextData }
  | { ok: false; fieldErrors: Record<string, string[]> };

export async function saveBusinessContext(
  db: Db,
  shop: string,
  input: unknown,
  actor: string,
  options: { source?: ContextSource; now: Date; onlyAsFirst?: boolean },
): Promise<SaveContextResult> {
  const parsed = businessContextInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error) };
  const fields: ContextFields = parsed.data;
  const source = options.source ?? "merchant";
  // Two saves racing for the same version: the unique (shop, version) index refuses one; retry it.
  for (let attempt = 0; ; attempt++) {
    const last = await db.businessContext.findFirst({
      where: { shop },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const version = (last?.version ?? 0) + 1;
    const existing = options.onlyAsFirst && last ? await getBusinessContext(db, shop) : null;
    if (existing) return { ok: true, context: existing };
    try {
      const row = await db.businessContext.create({
        data: { shop, version, ...fields, source, createdBy: actor, createdAt: options.now },
        select: SELECT,
      });
      return { ok: true, context: toData(row) };
    } catch (error) {
      // A first proposal racing another (two tabs opening the page): the one that landed stands.
      const landed = options.onlyAsFirst ? await getBusinessContext(db, shop) : null;
      if (landed) return { ok: true, context: landed };
      if (attempt >= 2) throw error;
    }
  }
}

const DAY = 86_400_000;

/** Shop-wide aggregates the proposal is written from: counts and sums, no customer's details. */
export async function summarizeShopData(db: Db, shop: string, now: Date): Promise<ShopDataSummary> {
  const live = { shop, cancelledAt: null };
  const [shopRow, orders, buyers, repeatBuyers, lines, types, catalogTypes, countries] = await Promise.all([
    db.shop.findUnique({ where: { shop }, select: { currency: true } }),
    db.order.aggregate({ where: live, _count: { _all: true }, _avg: { totalMinor: true } }),
    db.customer.count({ where: { shop, ordersCount: { gte: 1 }, redactedAt: null } }),
    db.customer.count({ where: { shop, ordersCount: { gte: 2 }, redactedAt: null } }),
    db.orderLine.groupBy({
      by: ["title"],
      where: { shop, order: { cancelledAt: null } },
      _sum: { quantity: true },
      orderBy: { _sum: { quantity: "desc" } },
      take: 5,
    }),
    db.orderLine.groupBy({
      by: ["productType"],
      where: { shop, productType: { not: null }, order: { cancelledAt: null } },
      _sum: { quantity: true },
      orderBy: { _sum: { quantity: "desc" } },
      take: 5,
    }),
    db.product.groupBy({
      by: ["productType"],
      where: { shop, deletedAt: null, status: "ACTIVE", productType: { not: null } },
      _count: { _all: true },
      orderBy: { _count: { productType: "desc" } },
      take: 5,
    }),
    db.customer.groupBy({
      by: ["countryCode"],
      where: { shop, ordersCount: { gte: 1 }, countryCode: { not: null }, redactedAt: null },
      _count: { _all: true },
      orderBy: { _count: { countryCode: "desc" } },
      take: 3,
    }),
  ]);
  // Twelve indexed counts ([shop, processedAt]) instead of reading every order's date.
  const ordersByMonth = Array<number>(12).fill(0);
  const start = new Date(now.getTime() - 365 * DAY);
  const months: Array<{ month: number; from: Date; to: Date }> = [];
  for (let i = 0; i < 12; i++) {
    const from = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i + 1, 1));
    const to = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i + 2, 1));
    months.push({ month: from.getUTCMonth(), from, to });
  }
  const counts = await Promise.all(
    months.map((m) => db.order.count({ where: { ...live, processedAt: { gte: m.from, lt: m.to } } })),
  );
  months.forEach((m, i) => {
    ordersByMonth[m.month] = counts[i];
  });
  const nonEmpty = (t: string | null): t is string => !!t?.trim();
  const soldTypes = types.filter((t) => nonEmpty(t.productType));
  return {
    currency: shopRow?.currency ?? "USD",
    orders: orders._count._all,
    buyers,
    repeatBuyers,
    averageOrderMinor:
      orders._count._all > 0 && orders._avg.totalMinor !== null ? Math.round(orders._avg.totalMinor) : null,
    topProducts: lines.map((l) => ({ title: l.title, units: l._sum.quantity ?? 0 })),
    topTypes: soldTypes.length
      ? soldTypes.map((t) => ({ type: t.productType as string, count: t._sum.quantity ?? 0 }))
      : catalogTypes
          .filter((t) => nonEmpty(t.productType))
          .map((t) => ({ type: t.productType as string, count: t._count._all })),
    topCountries: countries.map((c) => ({ code: c.countryCode as string, buyers: c._count._all })),
    ordersByMonth,
  };
}

/**
 * Saves a proposal from the shop's data as the next version (with onlyAsFirst: only as the shop's
 * first, else the version already there); null when there is nothing to say.
 */
export async function proposeFromShopData(
  db: Db,
  shop: string,
  now: Date,
  onlyAsFirst = false,
): Promise<BusinessContextData | null> {
  const proposal = proposeBusinessContext(await summarizeShopData(db, shop, now));
  if (!proposal) return null;
  const saved = await saveBusinessContext(db, shop, proposal, PROPOSER, {
    source: "proposed",
    now,
    onlyAsFirst,
  });
  return saved.ok ? saved.context : null;
}

/** The latest version; for a shop without one, a first version proposed from its data. */
export async function ensureBusinessContext(
  db: Db,
  shop: string,
  now: Date,
): Promise<BusinessContextData | null> {
  return (await getBusinessContext(db, shop)) ?? proposeFromShopData(db, shop, now, true);
}

/**
 * After the history import: proposes again unless the merchant has written their own (a page
 * opened mid-import may have proposed from part of the history). Redelivery proposes nothing new.
 */
export async function refreshProposal(db: Db, shop: string, now: Date): Promise<BusinessContextData | null> {
  const latest = await getBusinessContext(db, shop);
  if (latest && latest.source !== "proposed") return latest;
  const proposal = proposeBusinessContext(await summarizeShopData(db, shop, now));
  if (!proposal) return latest;
  if (latest && sameFields(latest, proposal)) return latest;
  const saved = await saveBusinessContext(db, shop, proposal, PROPOSER, { source: "proposed", now });
  return saved.ok ? saved.context : latest;
}

function sameFields(a: ContextFields, b: ContextFields): boolean {
  return (Object.keys(b) as Array<keyof ContextFields>).every((k) => a[k].trim() === b[k].trim());
}
