// Customers of one shop: profile, consent and order statistics (ordersCount, first/last order,
// total spent) that win-back and anniversary scans read. Batch-oriented: a webhook is a batch of one.
import type { Prisma } from "@prisma/client";
import { createOrConflict, expectOne } from "./conflict";
import { type CustomerMerge, mergeCustomer } from "./merge";
import { recomputeBatch } from "./order-stats.server";
import { validTimeZone } from "./shops.server";
import type { CustomerInput } from "./types";

/** The shop's IANA zone (anniversaries are its local dates); UTC when unknown or invalid. */
async function shopZone(db: Tx, shop: string): Promise<string> {
  const row = await db.shop.findUnique({ where: { shop }, select: { timeZone: true } });
  return validTimeZone(row?.timeZone) ?? "UTC";
}

export type Tx = Prisma.TransactionClient;

export interface CustomerChange {
  shopifyId: string;
  /** Position of the input this change came from (a batch maps changes back to deliveries). */
  input: number;
  created: boolean;
  profileApplied: boolean;
  consent: { state: string; email: string | null; at: Date | null } | null;
}

const CLOCK_SELECT = {
  shopifyId: true,
  email: true,
  firstName: true,
  lastName: true,
  locale: true,
  countryCode: true,
  timeZone: true,
  tags: true,
  marketingState: true,
  marketingUpdatedAt: true,
  sourceUpdatedAt: true,
  redactedAt: true,
} as const;

type Stored = Prisma.CustomerGetPayload<{ select: typeof CLOCK_SELECT }>;

/** Applies customer facts in order; later inputs in the same batch see earlier ones. */
export async function applyCustomers(
  db: Tx,
  shop: string,
  inputs: CustomerInput[],
  options: { strict?: boolean } = {},
): Promise<CustomerChange[]> {
  if (inputs.length === 0) return [];
  const ids = [...new Set(inputs.map((i) => i.shopifyId))];
  const rows = await db.customer.findMany({ where: { shop, shopifyId: { in: ids } }, select: CLOCK_SELECT });
  const original = new Map<string, Stored>(rows.map((r) => [r.shopifyId, r]));
  const known = new Map<string, Stored>(original);
  const creates = new Map<string, Record<string, unknown>>();
  const updates = new Map<string, Record<string, unknown>>();
  const changes: CustomerChange[] = [];
  for (const [index, input] of inputs.entries()) {
    const stored = known.get(input.shopifyId) ?? null;
    const merge: CustomerMerge | null = mergeCustomer(stored, input, options.strict);
    if (!merge) continue;
    const isNew = !stored && !creates.has(input.shopifyId);
    const pending = creates.get(input.shopifyId);
    if (isNew || pending) creates.set(input.shopifyId, { ...(pending ?? {}), ...merge.data });
    else updates.set(input.shopifyId, { ...(updates.get(input.shopifyId) ?? {}), ...merge.data });
    const next = {
      ...blankClock(),
      ...(stored ?? {}),
      ...(merge.data as Partial<Stored>),
      shopifyId: input.shopifyId,
    };
    known.set(input.shopifyId, next as Stored);
    changes.push({
      shopifyId: input.shopifyId,
      input: index,
      created: isNew,
      profileApplied: merge.profileApplied,
      consent:
        merge.consentChangedFrom !== null
          ? { state: next.marketingState, email: next.email, at: next.marketingUpdatedAt }
          : null,
    });
  }
  if (creates.size) {
    await createOrConflict("customer", () =>
      db.customer.createMany({
        data: [...creates].map(
          ([shopifyId, data]) => ({ ...data, shop, shopifyId }) as Prisma.CustomerCreateManyInput,
        ),
      }),
    );
  }
  for (const [shopifyId, data] of updates) {
    const seen = original.get(shopifyId) as Stored;
    // Conditional on the clocks we read: a concurrent newer write makes this a retry, not a loss.
    const result = await db.customer.updateMany({
      where: {
        shop,
        shopifyId,
        redactedAt: null,
        sourceUpdatedAt: seen.sourceUpdatedAt,
        marketingUpdatedAt: seen.marketingUpdatedAt,
      },
      data,
    });
    expectOne("customer", result);
  }
  return changes;
}

function blankClock(): Stored {
  return {
    shopifyId: "",
    email: null,
    firstName: null,
    lastName: null,
    locale: null,
    countryCode: null,
    timeZone: null,
    tags: "",
    marketingState: "NOT_SUBSCRIBED",
    marketingUpdatedAt: null,
    sourceUpdatedAt: null,
    redactedAt: null,
  };
}

/**
 * Recomputes order statistics from the orders table (cancelled orders excluded), so the result
 * never depends on the order deliveries arrived in. Creates a bare row for a customer only
 * known from orders so the statistics have somewhere to live. Set-based: a constant number of
 * statements per STATS_BATCH customers (app/store/order-stats.server.ts).
 */
export async function recomputeOrderStats(
  db: Tx,
  shop: string,
  customerIds: Iterable<string | null>,
): Promise<void> {
  const ids = [...new Set([...customerIds].filter((x): x is string => !!x))];
  if (ids.length === 0) return;
  const zone = await shopZone(db, shop);
  for (let i = 0; i < ids.length; i += STATS_BATCH) {
    await recomputeBatch(db, shop, ids.slice(i, i + STATS_BATCH), zone);
  }
}

/**
 * Customers per set-based batch. 500 keeps each batch's JSON text (~75 KB) under V8's large-object
 * size: at 1,000 the backfill child's peak RSS rose ~20 MB while recomputing 100k customers.
 */
export const STATS_BATCH = 500;
