// A synthetic shop with a known effect: enrollments in one flow, a holdout, and orders generated
// from a seeded RNG with a chosen conversion rate per group. Noise the report must ignore is mixed
// in: orders before enrollment, orders after the window closes and cancelled orders.
import type { Db } from "../../../app/db/client.server";
import { mulberry32, orderValueMinor } from "../../unit/insights/rng";

export interface SyntheticShopSpec {
  shop: string;
  seed: number;
  flowKey: string;
  windowDays: number;
  enrollments: number;
  holdoutShare: number;
  baselineConversion: number;
  injectedLift: number; // added to the conversion rate of emailed (treated) enrollments
  meanOrderMinor: number;
  now: Date;
}

const DAY = 86_400_000;

export async function createSyntheticShop(
  db: Db,
  spec: SyntheticShopSpec,
): Promise<{ treated: number; holdout: number }> {
  const random = mulberry32(spec.seed);
  const runs: Array<Record<string, unknown>> = [];
  const orders: Array<Record<string, unknown>> = [];
  let treated = 0;
  let holdout = 0;
  const addOrder = (customer: string, at: Date, cancelled = false) => {
    orders.push({
      shop: spec.shop,
      shopifyId: `o${orders.length + 1}`,
      customerShopifyId: customer,
      email: `${customer}@example.com`,
      totalMinor: orderValueMinor(random, spec.meanOrderMinor),
      processedAt: at,
      cancelledAt: cancelled ? at : null,
    });
  };
  for (let i = 0; i < spec.enrollments; i++) {
    const customer = `cust${i}`;
    const isHoldout = random() < spec.holdoutShare;
    if (isHoldout) holdout++;
    else treated++;
    // Started between 300 and windowDays + 2 days ago: every window has closed.
    const startedAt = new Date(
      spec.now.getTime() - (spec.windowDays + 2 + random() * (298 - spec.windowDays)) * DAY,
    );
    runs.push({
      shop: spec.shop,
      flowKey: spec.flowKey,
      flowVersion: 1,
      enrollKey: `${spec.flowKey}:${customer}:${i}`,
      customerShopifyId: customer,
      email: `${customer}@example.com`,
      status: "completed",
      holdout: isHoldout,
      startedAt,
    });
    const p = spec.baselineConversion + (isHoldout ? 0 : spec.injectedLift);
    if (random() < p)
      addOrder(customer, new Date(startedAt.getTime() + (0.05 + random() * (spec.windowDays - 0.1)) * DAY));
    // Noise outside the outcome: never counted whatever the group.
    if (random() < 0.1) addOrder(customer, new Date(startedAt.getTime() - (1 + random() * 30) * DAY));
    if (random() < 0.1)
      addOrder(customer, new Date(startedAt.getTime() + (spec.windowDays + 0.5 + random() * 20) * DAY));
    if (random() < 0.05)
      addOrder(customer, new Date(startedAt.getTime() + random() * spec.windowDays * DAY), true);
  }
  // biome-ignore lint/suspicious/noExplicitAny: createMany input built generically above
  await db.flowRun.createMany({ data: runs as any });
  // biome-ignore lint/suspicious/noExplicitAny: as above
  await db.order.createMany({ data: orders as any });
  return { treated, holdout };
}
