// Child process for the kill -9 test: sends one step for every run of SHOP through sendStep to the
// test SMTP server, a few at a time, printing progress. The parent kills it mid-way and restarts it.
import { createDb } from "../../../app/db/client.server";
import { createSender } from "../../../app/delivery/send-step.server";
import { createSmtpTransport } from "../../../app/delivery/transport.server";
import { approvedCopy, CONFIG, fakeAdmin, THANK_YOU } from "./fixtures";

const { DATABASE_URL, SMTP_URL, SHOP } = process.env;
if (!DATABASE_URL || !SMTP_URL || !SHOP) throw new Error("DATABASE_URL, SMTP_URL and SHOP are required");

const db = createDb(DATABASE_URL);
const transport = createSmtpTransport({ url: SMTP_URL, maxConnections: 4 });
const sender = createSender({
  db,
  transport,
  resolveCopy: approvedCopy(THANK_YOU),
  admin: fakeAdmin().admin,
  config: CONFIG,
});

const runs = await db.flowRun.findMany({
  where: { shop: SHOP },
  select: { id: true, email: true, customerShopifyId: true },
  orderBy: { id: "asc" },
});
const tally: Record<string, number> = {};
let next = 0;
async function worker() {
  while (next < runs.length) {
    const run = runs[next++];
    const result = await sender.sendStep({
      shop: SHOP!,
      runId: run.id,
      stepIndex: 0,
      flowKey: "post_purchase",
      stepKey: "post_purchase.thank_you",
      customerShopifyId: run.customerShopifyId,
      email: run.email!,
      productShopifyIds: [],
      context: {},
      discountPercent: null,
      holdout: false,
      now: new Date(),
    });
    tally[result.status] = (tally[result.status] ?? 0) + 1;
  }
}
await Promise.all(Array.from({ length: 8 }, worker));
await transport.close();
await db.$disconnect();
process.stdout.write(`${JSON.stringify(tally)}\n`);
