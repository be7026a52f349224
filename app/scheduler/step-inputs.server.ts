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

export async function loadBatchFacts(db: Db, steps: ClaimedStep[], now: Date): Promise<BatchFacts> {
  const runIds = [...new Set(steps.map((s) => s.runId))];
  const [runRows, messageRows] = await Promise.all([
    db.flowRun.findMany({
      where: { id: { in: runIds } },
      select: {
        id: true,
        shop: true,
        flowKey: true,
        flowVersion: true,
        status: true,
        holdout: true,
        startedAt: true,
        customerShopifyId: true,
        email: true,
        context: true,
      },
    }),
    db.message.findMany({
      where: { runId: { in: runIds } },
      select: { runId: true, stepIndex: true, status: true },
    }),
  ]);
  const runs = new Map<string, LoadedRun>(
    runRows.map((r) => [r.id, { ...r, context: parseContext(r.context) }]),
  );
  const messages = new Map(messageRows.map((m) => [`${m.runId}:${m.stepIndex}`, m.status]));
  const definitions = new Map<string, FlowDefinition | null>();
  for (const r of runs.values()) {
    // Scoped by the run's own shop: the definition is the version the run started with.
    const shop = runRows.find((x) => x.id === r.id)!.shop;
    definitions.set(r.id, await getDefinition(db, shop, r.flowKey, r.flowVersion));
  }

  const shops = new Map<string, { policy: ShopFlowPolicy; enabled: Set<string> }>();
  const customers = new Map<string, { marketingState: string; timeZone: string | null }>();
  const suppressed = new Set<string>();
  const sends = new Map<string, Array<{ flowKey: string; sentAt: Date }>>();
  const pending = new Map<string, Array<{ runId: string; flowKey: string; dueAt: Date }>>();
  const ordered = new Map<string, Date[]>();
  const completedCheckouts = new Set<string>();
  const stock: Record<string, boolean | undefined> = {};
  const scannedToday = new Map<string, number>();

  const byShop = new Map<string, LoadedRun[]>();
  for (const r of runRows) byShop.set(r.shop, [...(byShop.get(r.shop) ?? []), runs.get(r.id)!]);

  for (const [shop, shopRuns] of byShop) {
    const [policy, settings] = await Promise.all([
      loadShopPolicy(db, shop),
      db.flowSetting.findMany({ where: { shop, enabled: true }, select: { flowKey: true } }),
    ]);
    shops.set(shop, { policy, enabled: new Set(settings.map((s) => s.flowKey)) });
    const customerIds = [
      ...new Set(shopRuns.map((r) => r.customerShopifyId).filter((x): x is string => Boolean(x))),
    ];
    const emails = [...new Set(shopRuns.map((r) => r.email).filter((x): x is string => Boolean(x)))];
    const tokens = [
      ...new Set(shopRuns.map((r) => r.context.checkoutToken).filter((x): x is string => Boolean(x))),
    ];
    const productIds = [...new Set(shopRuns.flatMap((r) => r.context.productShopifyIds ?? []))];
    const earliest = new Date(Math.min(...shopRuns.map((r) => r.startedAt.getTime())));
    const capSince = new Date(now.getTime() - policy.frequencyCapDays * DAY_MS);
    const horizon = new Date(now.getTime() + policy.frequencyCapDays * DAY_MS);
    const [cs, sups, msgs, others, orders, checkouts, products, today] = await Promise.all([
      db.customer.findMany({
        where: { shop, shopifyId: { in: customerIds } },
        select: { shopifyId: true, marketingState: true, timeZone: true },
      }),
      db.suppression.findMany({ where: { shop, emailLower: { in: emails } }, select: { emailLower: true } }),
      db.message.findMany({
        where: { shop, customerShopifyId: { in: customerIds }, status: "sent", sentAt: { gt: capSince } },
        select: { customerShopifyId: true, flowKey: true, sentAt: true },
      }),
      db.flowRun.findMany({
        where: {
          shop,
          customerShopifyId: { in: customerIds },
          status: "active",
          holdout: false,
          nextStepAt: { lte: horizon },
        },
        select: { id: true, customerShopifyId: true, flowKey: true, nextStepAt: true },
      }),
      db.order.findMany({
        where: { shop, customerShopifyId: { in: customerIds }, processedAt: { gte: earliest } },
        select: { customerShopifyId: true, processedAt: true },
      }),
      tokens.length
        ? db.checkout.findMany({
            where: { shop, token: { in: tokens } },
            select: { token: true, completedAt: true, convertedOrderId: true },
          })
        : Promise.resolve([]),
      productIds.length
        ? db.product.findMany({
            where: { shop, shopifyId: { in: productIds } },
            select: { shopifyId: true, variants: true, status: true, deletedAt: true },
          })
        : Promise.resolve([]),
      db.message.count({
        where: {
          shop,
          flowKey: { in: SCANNED_FLOWS },
          status: "sent",
          sentAt: { gte: startOfLocalDay(now, safeTimeZone(policy.timeZone)) },
        },
      }),
    ]);
    scannedToday.set(shop, today);
    for (const c of cs)
      customers.set(key(shop, c.shopifyId), { marketingState: c.marketingState, timeZone: c.timeZone });
    for (const s of sups) suppressed.add(key(shop, s.emailLower));
    for (const m of msgs)
      if (m.sentAt)
        sends.set(key(shop, m.customerShopifyId), [
          ...(sends.get(key(shop, m.customerShopifyId)) ?? []),
          { flowKey: m.flowKey, sentAt: m.sentAt },
        ]);
    for (const o of others)
      if (o.nextStepAt)
        pending.set(key(shop, o.customerShopifyId), [
          ...(pending.get(key(shop, o.customerShopifyId)) ?? []),
          { runId: o.id, flowKey: o.flowKey, dueAt: o.nextStepAt },
        ]);
    for (const o of orders)
      ordered.set(key(shop, o.customerShopifyId), [
        ...(ordered.get(key(shop, o.customerShopifyId)) ?? []),
        o.processedAt,
      ]);
    for (const c of checkouts)
      if (c.completedAt || c.convertedOrderId) completedCheckouts.add(key(shop, c.token));
    for (const p of products)
      stock[key(shop, p.shopifyId)] = productAvailable(p.variants, p.status, Boolean(p.deletedAt));
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
    if (stepDef?.type === "lapsed_customer" && run.customerShopifyId)
      products.lastOrder = await orderProducts(db, step.shop, run.customerShopifyId, "desc");
    if (stepDef?.type === "first_order_note" && run.customerShopifyId)
      products.firstOrder = await orderProducts(db, step.shop, run.customerShopifyId, "asc");
    const localStock: Record<string, boolean | undefined> = {};
    for (const id of [...(run.context.productShopifyIds ?? []), ...products.crossSell])
      localStock[id] = stock[key(step.shop, id)];
    let hour: number | null = null;
    if (shopFacts.policy.sendTimeOptimisation && run.customerShopifyId) {
      const recent = await db.order.findMany({
        where: { shop: step.shop, customerShopifyId: run.customerShopifyId },
        orderBy: { processedAt: "desc" },
        take: 20,
        select: { processedAt: true },
      });
      const zone = safeTimeZone(customers.get(ck)?.timeZone ?? shopFacts.policy.timeZone);
      hour = engagedHour(
        recent.map((o) => o.processedAt),
        zone,
      );
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

/** Products of the customer's first or last order (anniversary / win-back copy names them). */
async function orderProducts(
  db: Db,
  shop: string,
  customerShopifyId: string,
  order: "asc" | "desc",
): Promise<string[]> {
  const o = await db.order.findFirst({
    where: { shop, customerShopifyId, cancelledAt: null },
    orderBy: { processedAt: order },
    select: { lines: { select: { productShopifyId: true, priceMinor: true } } },
  });
  return [
    ...new Set(
      (o?.lines ?? [])
        .sort((a, b) => b.priceMinor - a.priceMinor)
        .map((l) => l.productShopifyId)
        .filter((x): x is string => Boolean(x)),
    ),
  ];
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
