// Seeds due steps that really end in an email: shops with a postal address and no quiet hours,
// subscribed customers, the anniversary flow switched on with approved generic copy (the drafting
// module's resolveCopy finds it), and one run per customer whose first step is due now.
import type { Db } from "../../app/db/client.server";
import type { CopyContent } from "../../app/domain/copy";
import { setFlowEnabled } from "../../app/flows/settings.server";

export const ANNIVERSARY_COPY: CopyContent = {
  subjects: ["A year already, {{first_name}}", "Happy anniversary from {{shop_name}}"],
  preheader: "A note from everyone at {{shop_name}}",
  headline: "One year together",
  paragraphs: ["Hi {{first_name}}, a year ago you placed your first order with {{shop_name}}. Thank you."],
  callout: "We are glad you are here.",
  cta: "Visit the shop",
  text: "Hi {{first_name}}, a year ago you placed your first order with {{shop_name}}. Thank you: {{shop_url}}\n",
};

export interface DueSendsSeed {
  shops: string[];
  total: number;
}

/** `total` due sends spread round-robin over `shops` shops named `<prefix>-<i>.myshopify.com`. */
export async function seedDueSends(
  db: Db,
  options: { total: number; shops: number; prefix: string; now: Date },
): Promise<DueSendsSeed> {
  const { total, now, prefix } = options;
  const shops = await seedSendingShops(db, options);
  await seedDueWave(db, { shops, prefix, from: 0, count: total, now });
  return { shops, total };
}

/** The shops alone: address, no quiet hours, anniversary on with approved generic copy. */
export async function seedSendingShops(
  db: Db,
  options: { shops: number; prefix: string; now: Date },
): Promise<string[]> {
  const { now, prefix } = options;
  const shops = Array.from({ length: options.shops }, (_, i) => `${prefix}-${i}.myshopify.com`);
  for (const shop of shops) {
    await db.shop.create({ data: { shop, name: `Shop ${shop.split(".")[0]}`, currency: "USD" } });
    await db.shopSettings.create({
      data: {
        shop,
        senderName: "Pine & Peak Outfitters",
        replyTo: "hello@pineandpeak.example",
        postalAddress: "12 Alder Street, Portland, OR 97201, USA",
        quietHoursStart: 0,
        quietHoursEnd: 0,
        holdoutPercent: 0,
        frequencyCapCount: 100,
        dailySendLimit: 10_000_000,
      },
    });
    await setFlowEnabled(db, shop, "anniversary", true, new Date(now.getTime() - 86_400_000));
    await db.draft.create({
      data: {
        shop,
        flowKey: "anniversary",
        stepKey: "anniversary.note",
        productShopifyId: null,
        status: "approved",
        content: JSON.stringify(ANNIVERSARY_COPY),
        author: "template",
        promptVersion: "template-v1",
        approvedBy: "owner@pineandpeak.example",
        approvedAt: now,
      },
    });
  }
  return shops;
}

/**
 * `count` more due sends for shops from seedSendingShops, customers numbered from `from` on (runs
 * `<prefix>-run<n>`, Message-ID `<prefix>-run<n>.0@…`), round-robin over the shops.
 */
export async function seedDueWave(
  db: Db,
  options: { shops: string[]; prefix: string; from: number; count: number; now: Date },
): Promise<void> {
  const { shops, prefix, from, count, now } = options;
  const CHUNK = 1_000;
  for (let i = from; i < from + count; i += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, from + count - i) }, (_, k) => i + k);
    const shopOf = (n: number) => shops[n % shops.length];
    await db.customer.createMany({
      data: ids.map((n) => ({
        shop: shopOf(n),
        shopifyId: `c${n}`,
        email: `c${n}@x.test`,
        emailLower: `c${n}@x.test`,
        firstName: `Customer${n}`,
        marketingState: "SUBSCRIBED",
      })),
    });
    await db.flowRun.createMany({
      data: ids.map((n) => ({
        id: `${prefix}-run${n}`,
        shop: shopOf(n),
        flowKey: "anniversary",
        flowVersion: 1,
        enrollKey: `anniversary:c${n}:${now.getUTCFullYear()}`,
        customerShopifyId: `c${n}`,
        email: `c${n}@x.test`,
        startedAt: now,
        nextStepAt: now,
      })),
    });
    await db.dueStep.createMany({
      data: ids.map((n) => ({
        shop: shopOf(n),
        runId: `${prefix}-run${n}`,
        stepIndex: 0,
        dueAt: new Date(now.getTime() - 1_000 - (n - from)),
      })),
    });
  }
}
