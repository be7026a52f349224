// Data the admin browser tests and the benchmark seed straight into the server's SQLite file.
import type { Db } from "../../app/db/client.server";
import type { CopyContent } from "../../app/domain/copy";

export async function seedShop(db: Db, shop: string, settings: { complete?: boolean } = {}): Promise<void> {
  await db.shop.upsert({
    where: { shop },
    create: { shop, name: "Tend Demo Outfitters", currency: "USD" },
    update: {},
  });
  await db.shopSettings.upsert({
    where: { shop },
    create: settings.complete
      ? {
          shop,
          senderName: "Tend Demo Outfitters",
          replyTo: "hello@tend-demo.example",
          postalAddress: "12 Pine Road, Portland, OR 97201, USA",
        }
      : { shop },
    update: {},
  });
  // The store's history counts as imported, so no test starts a backfill against the local Admin API.
  const done = new Date();
  await db.backfillJob.createMany({
    data: [
      ["customers", 1240],
      ["products", 4],
      ["orders", 3180],
    ].map(([resource, objectCount]) => ({
      shop,
      resource: String(resource),
      status: "completed",
      objectCount: Number(objectCount),
      linesDone: Number(objectCount),
      finishedAt: done,
    })),
  });
}

export const PRODUCTS = [
  { shopifyId: "9001", title: "Trail Tent 2P", minPriceMinor: 24900, handle: "trail-tent-2p" },
  { shopifyId: "9002", title: "Down Sleeping Bag", minPriceMinor: 18900, handle: "down-sleeping-bag" },
  { shopifyId: "9003", title: "Camp Stove", minPriceMinor: 6900, handle: "camp-stove" },
  { shopifyId: "9004", title: "Headlamp 400", minPriceMinor: 3900, handle: "headlamp-400" },
];

export async function seedProducts(db: Db, shop: string): Promise<void> {
  for (const p of PRODUCTS) {
    await db.product.upsert({
      where: { shop_shopifyId: { shop, shopifyId: p.shopifyId } },
      create: { shop, ...p, description: `${p.title}: sturdy and light.`, contentHash: `h-${p.shopifyId}` },
      update: {},
    });
  }
}

/** Subjects stay unique per row without digits (the guardrails refuse numbers the product does not state). */
const TAGS = [
  "Alder",
  "Birch",
  "Cedar",
  "Dogwood",
  "Elm",
  "Fir",
  "Ginkgo",
  "Hazel",
  "Ivy",
  "Juniper",
  "Larch",
  "Maple",
];

export function copyFor(title: string, n = 0): CopyContent {
  const tag = `${TAGS[n % TAGS.length]}${n >= TAGS.length ? ` ${TAGS[Math.floor(n / TAGS.length) % TAGS.length].toLowerCase()}` : ""}`;
  return {
    subjects: [`Your ${title} is still waiting, ${tag} edition`, `Still thinking about the ${title}?`],
    preheader: "We saved your checkout for you.",
    headline: `Hi {{first_name}}, your ${title} is ready when you are`,
    paragraphs: [
      `You left the ${title} in your checkout. We kept it there for you.`,
      "Questions? Just reply to this email.",
    ],
    callout: `${title}: built for long trails.`,
    cta: "Finish checkout",
    text: `Hi {{first_name}},\n\nYou left the ${title} in your checkout. Finish here: {{recovery_url}}`,
  };
}

const STEPS = [
  "checkout_abandonment.reminder",
  "checkout_abandonment.nudge",
  "checkout_abandonment.last_call",
];

/** `count` drafts spread over flows' steps and the seeded products; returns their ids, newest first. */
export async function seedDrafts(
  db: Db,
  shop: string,
  count: number,
  options: { status?: string; findings?: unknown[] } = {},
): Promise<string[]> {
  const base = Date.now() - count * 1000;
  const rows = Array.from({ length: count }, (_, i) => {
    const product = PRODUCTS[i % PRODUCTS.length];
    return {
      shop,
      flowKey: "checkout_abandonment",
      stepKey: STEPS[i % STEPS.length],
      productShopifyId: product.shopifyId,
      status: options.status ?? "pending",
      content: JSON.stringify(copyFor(product.title, i)),
      findings: JSON.stringify(
        options.findings ??
          (i % 5 === 0
            ? [
                {
                  source: "voice",
                  rule: "exclamation_marks",
                  severity: "warn",
                  message: "Two exclamation marks; your guide prefers calm copy.",
                },
              ]
            : []),
      ),
      voiceScore: 70 + (i % 30),
      author: "template",
      promptVersion: "test-1",
      createdAt: new Date(base + i * 1000),
    };
  });
  for (let i = 0; i < rows.length; i += 500) {
    await db.draft.createMany({ data: rows.slice(i, i + 500) });
  }
  const ids = await db.draft.findMany({
    where: { shop },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: { id: true },
  });
  return ids.map((d) => d.id);
}

export async function seedMessages(db: Db, shop: string): Promise<void> {
  const emails = ["ana@example.com", "ben@example.com", "cleo@example.com"];
  const statuses = ["sent", "sent", "failed", "unknown"];
  let n = 0;
  for (const email of emails) {
    const run = await db.flowRun.create({
      data: {
        shop,
        flowKey: "checkout_abandonment",
        flowVersion: 1,
        enrollKey: `seed-${email}`,
        email,
        status: "active",
        currentStep: 1,
        nextStepAt: new Date(Date.now() + 3_600_000),
      },
    });
    await db.customerEvent.create({
      data: {
        shop,
        email,
        runId: run.id,
        flowKey: "checkout_abandonment",
        kind: "enrolled",
        reason: "Checkout abandoned with 1 item",
      },
    });
    const status = statuses[n++ % statuses.length];
    const message = await db.message.create({
      data: {
        shop,
        runId: run.id,
        stepIndex: 0,
        flowKey: "checkout_abandonment",
        email,
        status,
        messageIdHeader: `<seed-${run.id}@tend.test>`,
        subject: "Your Trail Tent 2P is still waiting",
        error: status === "failed" ? "550 mailbox unavailable" : null,
        transport: "outbox",
        html: "<p>Hello</p>",
        text: "Hello",
        sentAt: status === "sent" ? new Date() : null,
      },
    });
    await db.dueStep.create({
      data: { shop, runId: run.id, stepIndex: 1, dueAt: new Date(Date.now() + 3_600_000) },
    });
    if (status === "sent" && email === "ana@example.com") {
      // Ana bought through the email: the order is credited to the checkout flow.
      await db.attribution.create({
        data: {
          shop,
          orderShopifyId: "7001",
          messageId: message.id,
          flowKey: "checkout_abandonment",
          stepIndex: 0,
          via: "click",
          revenueMinor: 24900,
          currency: "USD",
          orderedAt: new Date(),
        },
      });
    }
  }
}
