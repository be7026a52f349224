// Seeds due steps for scheduler benchmarks: N anniversary runs (one step each) with consenting
// customers, across a few shops, all due now.
import type { Db } from "../../app/db/client.server";
import { setFlowEnabled } from "../../app/flows/settings.server";

export async function seedDueSteps(db: Db, total: number, shops = 4): Promise<string[]> {
  const names = Array.from({ length: shops }, (_, i) => `bench-${i}.myshopify.com`);
  const now = new Date();
  for (const shop of names) {
    await db.shop.create({ data: { shop } });
    await db.shopSettings.create({
      data: {
        shop,
        quietHoursStart: 0,
        quietHoursEnd: 0,
        holdoutPercent: 0,
        frequencyCapCount: 100,
        dailySendLimit: 10_000_000,
      },
    });
    await setFlowEnabled(db, shop, "anniversary", true, new Date(now.getTime() - 86_400_000));
  }
  const CHUNK = 2_000;
  for (let i = 0; i < total; i += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, total - i) }, (_, k) => i + k);
    const shopOf = (n: number) => names[n % shops];
    await db.customer.createMany({
      data: ids.map((n) => ({
        shop: shopOf(n),
        shopifyId: `c${n}`,
        email: `c${n}@x.test`,
        emailLower: `c${n}@x.test`,
        marketingState: "SUBSCRIBED",
      })),
    });
    await db.flowRun.createMany({
      data: ids.map((n) => ({
        id: `run${n}`,
        shop: shopOf(n),
        flowKey: "anniversary",
        flowVersion: 1,
        enrollKey: `anniversary:c${n}:2026`,
        customerShopifyId: `c${n}`,
        email: `c${n}@x.test`,
        startedAt: now,
        nextStepAt: now,
      })),
    });
    await db.dueStep.createMany({
      data: ids.map((n) => ({
        shop: shopOf(n),
        runId: `run${n}`,
        stepIndex: 0,
        dueAt: new Date(now.getTime() - 1000 - n),
      })),
    });
  }
  return names;
}
