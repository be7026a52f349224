// Loads, for a batch of claimed steps, everything the engine's due-step decision needs, with a
// fixed number of queries per shop rather than per step.
import type { Db } from "../db/client.server";
import { type FlowDefinition, SCANNED_FLOWS } from "../flows/catalog";
import type { DueRun, DueStepInput } from "../flows/due-step";
import { engagedHour, productAvailable } from "../flows/policies";
import { safeTimeZone, startOfLocalDay } from "../flows/time";
import { parseContext } from "../flows/triggers.server";
import { getDefinition, loadShopPolicy, type ShopFlowPolicy } from "../flows/versions.server";
import type { ClaimedStep } from "./claim.server";
import { fillPixelCartContext } from "./pixel-context.server";
import { asBool, asDate, type Sql } from "./sql.server";

interface RunRow {
  id: string;
  shop: string;
  flowKey: string;
  flowVersion: number | bigint;
  status: string;
  holdout: unknown;
  startedAt: unknown;
  customerShopifyId: string | null;
  email: string | null;
  context: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export interface LoadedRun extends DueRun {
  flowVersion: number;
}

export interface BatchFacts {
  runs: Map<string, LoadedRun>;
  definitions: Map<string, FlowDefinition | null>; // runId → definition
  shops: Map<string, { policy: ShopFlowPolicy; enabled: Set<string> }>;
  /** `${runId}:${stepIndex}` → status of the Message delivery already wrote. */
  messages: Map<string, string>;
  inputFor(step: ClaimedStep, now: Date): Promise<DueStepInput | null>;
  /** Keeps the cap honest inside one batch: a send counts for the customer's next step at once. */
  noteSent(shop: string, customerShopifyId: string | null, flowKey: string, at: Date): void;
}

const key = (shop: string, id: string | null | undefined) => `${shop}|${id ?? ""}`;

/** Shop policy and switches change rarely; a short cache keeps them off the per-batch path. */
const shopCache = new Map<string, { at: number; value: { policy: ShopFlowPolicy; enabled: Set<string> } }>();
const SHOP_CACHE_MS = 15_000;

async function shopFacts(db: Db, sql: Sql, shop: string) {
  const hit = shopCache.get(shop);
  if (hit && Date.now() - hit.at < SHOP_CACHE_MS) return hit.value;
  const [policy, enabled] = await Promise.all([
    loadShopPolicy(db, shop),
    sql.all<{ flowKey: string }>(
      `SELECT "flowKey" FROM "FlowSetting" WHERE "shop" = ? AND "enabled" = ?`,
      shop,
      true,
    ),
  ]);
  const value = { policy, enabled: new Set(enabled.map((e) => e.flowKey)) };
  shopCache.set(shop, { at: Date.now(), value });
  return value;
}

export async function loadBatchFacts(db: Db, sql: Sql, steps: ClaimedStep[], now: Date): Promise<BatchFacts> {
  const runIds = [...new Set(steps.map((s) => s.runId))];
  const [runRows, messageRows] = await Promise.all([
    sql.all<RunRow>(
      `SELECT "id", "shop", "flowKey", "flowVersion", "status", "holdout", "startedAt", "customerShopifyId", "email", "context"
       FROM "FlowRun" WHERE "id" IN (${sql.list(runIds.length)})`,
      ...runIds,
    ),
    sql.all<{ runId: string; stepIndex: number; status: string }>(
      `SELECT "runId", "stepIndex", "status" FROM "Message" WHERE "runId" IN (${sql.list(runIds.length)})`,
      ...runIds,
    ),
  ]);
  const runs = new Map<string, LoadedRun>();
  const runShop = new Map<string, string>();
  for (const r of runRows) {
    runShop.set(r.id, r.shop);
    runs.set(r.id, {
      id: r.id,
      flowKey: r.flowKey,
      flowVersion: Number(r.flowVersion),
      status: r.status,
      holdout: asBool(r.holdout),
      startedAt: asDate(r.startedAt)!,
      customerShopifyId: r.customerShopifyId,
      email: r.email,
      context: parseContext(r.context),
    });
  }
  const messages = new Map(messageRows.map((m) => [`${m.runId}:${Number(m.stepIndex)}`, m.status]));
  const definitions = new Map<string, FlowDefinition | null>();
  for (const r of runs.values())
    definitions.set(r.id, await getDefinition(db, runShop.get(r.id)!, r.flowKey, r.flowVersion));

  const shops = new Map<string, { policy: ShopFlowPolicy; enabled: Set<string> }>();
  const customers = new Map<string, { marketingState: string; timeZone: string | null }>();
  const firstProducts = new Map<string, string[]>();
  const lastProducts = new Map<string, string[]>();
  const engaged = new Map<string, Date[]>();
  const suppressed = new Set<string>();
  const sends = new Map<string, Array<{ flowKey: string; sentAt: Date }>>();
  const pending = new Map<string, Array<{ runId: string; flowKey: string; dueAt: Date }>>();
  const ordered = new Map<string, Date[]>();
  const completedCheckouts = new Set<string>();
  const stock: Record<string, boolean | undefined> = {};
  const scannedToday = new Map<string, number>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => m.set(k, [...(m.get(k) ?? []), v]);

  const byShop = new Map<string, LoadedRun[]>();
  for (const r of runs.values()) push(byShop, runShop.get(r.id)!, r);

  for (const [shop, shopRuns] of byShop) {
    await fillPixelCartContext(db, shop, shopRuns, now);
    const facts = await shopFacts(db, sql, shop);
    const { policy } = facts;
    shops.set(shop, facts);
    const ids = [...new Set(shopRuns.map((r) => r.customerShopifyId).filter((x): x is string => Boolean(x)))];
    const emails = [...new Set(shopRuns.map((r) => r.email).filter((x): x is string => Boolean(x)))];
    const tokens = [
      ...new Set(shopRuns.map((r) => r.context.checkoutToken).filter((x): x is string => Boolean(x))),
    ];
    const productIds = [...new Set(shopRuns.flatMap((r) => r.context.productShopifyIds ?? []))];
    const earliest = new Date(Math.min(...shopRuns.map((r) => r.startedAt.getTime())));
    const capSince = new Date(now.getTime() - policy.frequencyCapDays * DAY_MS);
    const horizon = new Date(now.getTime() + policy.frequencyCapDays * DAY_MS);
    const none = Promise.resolve([]);
    const inIds = sql.list(ids.length);
    const [cs, sups, msgs, others, orders, checkouts, products, today, clicks] = await Promise.all([
      ids.length
        ? sql.all<{
            shopifyId: string;
            marketingState: string;
            timeZone: string | null;
            firstOrderAt: unknown;
            lastOrderAt: unknown;
          }>(
            `SELECT "shopifyId", "marketingState", "timeZone", "firstOrderAt", "lastOrderAt" FROM "Customer" WHERE "shop" = ? AND "shopifyId" IN (${inIds})`,
            shop,
            ...ids,
          )
        : none,
      emails.length
        ? sql.all<{ emailLower: string }>(
            `SELECT "emailLower" FROM "Suppression" WHERE "shop" = ? AND "emailLower" IN (${sql.list(emails.length)})`,
            shop,
            ...emails,
          )
        : none,
      ids.length
        ? sql.all<{ customerShopifyId: string; flowKey: string; sentAt: unknown }>(
            `SELECT "customerShopifyId", "flowKey", "sentAt" FROM "Message" WHERE "shop" = ? AND "customerShopifyId" IN (${inIds}) AND "status" = 'sent' AND "sentAt" > ?`,
            shop,
            ...ids,
            capSince,
          )
        : none,
      ids.length
        ? sql.all<{ id: string; customerShopifyId: string; flowKey: string; nextStepAt: unknown }>(
            `SELECT "id", "customerShopifyId", "flowKey", "nextStepAt" FROM "FlowRun" WHERE "shop" = ? AND "customerShopifyId" IN (${inIds}) AND "status" = 'active' AND "holdout" = ? AND "nextStepAt" <= ?`,
            shop,
            ...ids,
            false,
            horizon,
          )
        : none,
      ids.length
        ? sql.all<{ customerShopifyId: string; processedAt: unknown }>(
            `SELECT "customerShopifyId", "processedAt" FROM "Order" WHERE "shop" = ? AND "customerShopifyId" IN (${inIds}) AND "processedAt" >= ?`,
            shop,
            ...ids,
            policy.sendTimeOptimisation
              ? new Date(Math.min(earliest.getTime(), now.getTime() - 365 * DAY_MS))
              : earliest,
          )
        : none,
      tokens.length
        ? sql.all<{ token: string; completedAt: unknown; convertedOrderId: string | null }>(
            `SELECT "token", "completedAt", "convertedOrderId" FROM "Checkout" WHERE "shop" = ? AND "token" IN (${sql.list(tokens.length)})`,
            shop,
            ...tokens,
          )
        : none,
      productIds.length
        ? sql.all<{ shopifyId: string; variants: string; status: string; deletedAt: unknown }>(
            `SELECT "shopifyId", "variants", "status", "deletedAt" FROM "Product" WHERE "shop" = ? AND "shopifyId" IN (${sql.list(productIds.length)})`,
            shop,
            ...productIds,
          )
        : none,
      sql.all<{ n: number | bigint }>(
        `SELECT COUNT(*) AS n FROM "Message" WHERE "shop" = ? AND "status" = 'sent' AND "flowKey" IN (${sql.list(SCANNED_FLOWS.length)}) AND "sentAt" >= ?`,
        shop,
        ...SCANNED_FLOWS,
        startOfLocalDay(now, safeTimeZone(policy.timeZone)),
      ),
      // Clicks count as engagement for send-time optimisation, beside order times.
      ids.length && policy.sendTimeOptimisation
        ? sql.all<{ customerShopifyId: string; at: unknown }>(
            `SELECT m."customerShopifyId", c."at" FROM "Click" c JOIN "Message" m ON m."id" = c."messageId" WHERE c."shop" = ? AND m."shop" = ? AND m."customerShopifyId" IN (${inIds}) AND c."at" >= ?`,
            shop,
            shop,
            ...ids,
            new Date(now.getTime() - 365 * DAY_MS),
          )
        : none,
    ]);
    scannedToday.set(shop, Number(today[0]?.n ?? 0));
    for (const c of cs)
      customers.set(key(shop, c.shopifyId), { marketingState: c.marketingState, timeZone: c.timeZone });
    for (const x of sups) suppressed.add(key(shop, x.emailLower));
    for (const m of msgs)
      if (m.sentAt)
        push(sends, key(shop, m.customerShopifyId), { flowKey: m.flowKey, sentAt: asDate(m.sentAt)! });
    for (const o of others)
      if (o.nextStepAt)
        push(pending, key(shop, o.customerShopifyId), {
          runId: o.id,
          flowKey: o.flowKey,
          dueAt: asDate(o.nextStepAt)!,
        });
    for (const o of orders) {
      push(ordered, key(shop, o.customerShopifyId), asDate(o.processedAt)!);
      push(engaged, key(shop, o.customerShopifyId), asDate(o.processedAt)!);
    }
    for (const c of clicks) push(engaged, key(shop, c.customerShopifyId), asDate(c.at)!);
    for (const c of checkouts)
      if (c.completedAt || c.convertedOrderId) completedCheckouts.add(key(shop, c.token));
    for (const p of products)
      stock[key(shop, p.shopifyId)] = productAvailable(p.variants, p.status, Boolean(p.deletedAt));
    // Products of first/last orders for the scanned flows' steps, in one query per shop.
    const wanted = new Set(
      shopRuns
        .filter((r) => r.flowKey === "win_back" || r.flowKey === "anniversary")
        .map((r) => r.customerShopifyId),
    );
    const anchors = cs
      .filter((c) => wanted.has(c.shopifyId))
      .flatMap((c) => [asDate(c.firstOrderAt), asDate(c.lastOrderAt)])
      .filter((d): d is Date => Boolean(d));
    if (anchors.length) {
      const lines = await sql.all<{
        customerShopifyId: string;
        processedAt: unknown;
        productShopifyId: string | null;
        priceMinor: number;
      }>(
        `SELECT o."customerShopifyId", o."processedAt", l."productShopifyId", l."priceMinor" FROM "Order" o JOIN "OrderLine" l ON l."orderId" = o."id"
         WHERE o."shop" = ? AND o."customerShopifyId" IN (${sql.list(wanted.size)}) AND o."processedAt" IN (${sql.list(anchors.length)})`,
        shop,
        ...[...wanted],
        ...anchors,
      );
      for (const c of cs) {
        const pick = (at: Date | null) =>
          at
            ? mainProducts(
                lines.filter(
                  (l) =>
                    l.customerShopifyId === c.shopifyId && asDate(l.processedAt)?.getTime() === at.getTime(),
                ),
              )
            : [];
        firstProducts.set(key(shop, c.shopifyId), pick(asDate(c.firstOrderAt)));
        lastProducts.set(key(shop, c.shopifyId), pick(asDate(c.lastOrderAt)));
      }
    }
  }

  async function inputFor(step: ClaimedStep, at: Date): Promise<DueStepInput | null> {
    const run = runs.get(step.runId);
    const definition = definitions.get(step.runId);
    const shopFacts = shops.get(step.shop);
    if (!run || !definition || !shopFacts) return null;
    const ck = key(step.shop, run.customerShopifyId);
    const stepDef = definition.steps[step.stepIndex];
    const products = { crossSell: [] as string[], lastOrder: [] as string[], firstOrder: [] as string[] };
    if (stepDef?.type === "cross_sell")
      products.crossSell = await crossSellFor(db, step.shop, run.context.productShopifyIds ?? []);
    if (stepDef?.type === "lapsed_customer") products.lastOrder = lastProducts.get(ck) ?? [];
    if (stepDef?.type === "first_order_note") products.firstOrder = firstProducts.get(ck) ?? [];
    const localStock: Record<string, boolean | undefined> = {};
    for (const id of [...(run.context.productShopifyIds ?? []), ...products.crossSell])
      localStock[id] = stock[key(step.shop, id)];
    let hour: number | null = null;
    if (shopFacts.policy.sendTimeOptimisation && run.customerShopifyId) {
      const zone = safeTimeZone(customers.get(ck)?.timeZone ?? shopFacts.policy.timeZone);
      hour = engagedHour(engaged.get(ck) ?? [], zone);
    }
    return {
      now: at,
      run,
      definition,
      stepIndex: step.stepIndex,
      flowEnabled: shopFacts.enabled.has(run.flowKey),
      shop: shopFacts.policy,
      customer: run.customerShopifyId
        ? (customers.get(ck) ?? { marketingState: "NOT_SUBSCRIBED", timeZone: null })
        : null,
      suppressed: run.email ? suppressed.has(key(step.shop, run.email.toLowerCase())) : false,
      orderedSinceStart: (ordered.get(ck) ?? []).some((d) => d.getTime() >= run.startedAt.getTime()),
      checkoutCompleted: run.context.checkoutToken
        ? completedCheckouts.has(key(step.shop, run.context.checkoutToken))
        : false,
      recentSends: sends.get(ck) ?? [],
      pendingOthers: (pending.get(ck) ?? []).filter((p) => p.runId !== run.id),
      scannedSentToday: scannedToday.get(step.shop) ?? 0,
      stock: localStock,
      products,
      engagedHour: hour,
    };
  }

  function noteSent(shop: string, customerShopifyId: string | null, flowKey: string, at: Date) {
    const ck = key(shop, customerShopifyId);
    sends.set(ck, [...(sends.get(ck) ?? []), { flowKey, sentAt: at }]);
    if (SCANNED_FLOWS.includes(flowKey as (typeof SCANNED_FLOWS)[number]))
      scannedToday.set(shop, (scannedToday.get(shop) ?? 0) + 1);
  }

  return { runs, definitions, shops, messages, inputFor, noteSent };
}

/** An order's products, most expensive line first (the copy names the main one). */
function mainProducts(lines: Array<{ productShopifyId: string | null; priceMinor: number }>): string[] {
  const sorted = [...lines].sort((a, b) => b.priceMinor - a.priceMinor);
  return [...new Set(sorted.map((l) => l.productShopifyId).filter((x): x is string => Boolean(x)))];
}

/** What buyers of these products most often bought in other orders; else the same product type. */
async function crossSellFor(db: Db, shop: string, bought: string[]): Promise<string[]> {
  if (bought.length === 0) return [];
  const rows = await db.$queryRaw<Array<{ productShopifyId: string; n: number | bigint }>>`
    SELECT other."productShopifyId" AS "productShopifyId", COUNT(*) AS n
    FROM "OrderLine" mine
    JOIN "Order" o1 ON o1."id" = mine."orderId"
    JOIN "Order" o2 ON o2."shop" = o1."shop" AND o2."customerShopifyId" = o1."customerShopifyId"
    JOIN "OrderLine" other ON other."orderId" = o2."id"
    WHERE mine."shop" = ${shop} AND mine."productShopifyId" = ${bought[0]}
      AND other."productShopifyId" IS NOT NULL AND other."productShopifyId" <> ${bought[0]}
    GROUP BY other."productShopifyId"
    ORDER BY n DESC
    LIMIT 5`;
  const picks = rows.map((r) => r.productShopifyId).filter((id) => !bought.includes(id));
  if (picks.length) return picks.slice(0, 1);
  const product = await db.product.findUnique({
    where: { shop_shopifyId: { shop, shopifyId: bought[0] } },
    select: { productType: true },
  });
  if (!product?.productType) return [];
  const same = await db.product.findFirst({
    where: {
      shop,
      productType: product.productType,
      status: "ACTIVE",
      deletedAt: null,
      shopifyId: { notIn: bought },
    },
    select: { shopifyId: true },
  });
  return same ? [same.shopifyId] : [];
}
