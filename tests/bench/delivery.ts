// Delivery throughput to a local SMTP server, in one run: raw nodemailer (pooled, prebuilt message)
// vs Tend's transport (render + envelope + pooled SMTP) vs the full sendStep (re-check, claim,
// render, send, record in SQLite). Run with `npm run bench:delivery` (N=2000 by default).
import nodemailer from "nodemailer";
import { createSender } from "../../app/delivery/send-step.server";
import { createSmtpTransport, noDelaySocket } from "../../app/delivery/transport.server";
import { renderEmail } from "../../app/delivery/render";
import { createTestDatabase, openTestDb } from "../support/database";
import { startSmtpServer } from "../support/smtp-server";
import { approvedCopy, CONFIG, fakeAdmin, seedShop, THANK_YOU } from "../integration/delivery/fixtures";

const N = Number(process.env.N ?? 2000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const CONNECTIONS = 4;

async function pool<T>(count: number, fn: (i: number) => Promise<T>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

/**
 * Wall-clock msg/s, and this process's CPU per message (user + system). On a shared, loaded machine
 * the wall rate swings with other work; CPU per message does not, and both pipelines are CPU-bound
 * here (the SMTP server runs in this process too, costing both the same).
 */
async function timed(label: string, fn: () => Promise<void>): Promise<{ rate: number; cpuMs: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(cpu);
  const perSecond = N / ((performance.now() - start) / 1000);
  const cpuMs = (used.user + used.system) / 1000 / N;
  console.log(
    `${label.padEnd(34)} ${perSecond.toFixed(0).padStart(6)} msg/s   ${cpuMs.toFixed(2).padStart(6)} ms CPU/msg`,
  );
  return { rate: perSecond, cpuMs };
}

const smtp = await startSmtpServer();
const db = await openTestDb(await createTestDatabase("bench"));
const seeded = await seedShop(db);
await db.flowRun.createMany({
  data: Array.from({ length: N }, (_, i) => ({
    shop: seeded.shop,
    flowKey: "post_purchase",
    flowVersion: 1,
    enrollKey: `b:${i}`,
    customerShopifyId: seeded.customerId,
    email: seeded.email,
  })),
});
const runs = await db.flowRun.findMany({
  where: { shop: seeded.shop, flowKey: "post_purchase" },
  select: { id: true },
  take: N,
});

// A representative body for the raw baseline: the same template, rendered once.
const sample = await renderEmail({
  copy: THANK_YOU,
  variant: 0,
  values: { first_name: "Dana", shop_name: "Pine & Peak", shop_url: "https://example.com" },
  brand: {
    shopName: "Pine & Peak",
    logoUrl: null,
    brandColor: "#225588",
    postalAddress: "12 Alder Street",
    shopLink: "https://example.com",
  },
  products: [],
  ctaLink: "https://example.com",
  unsubscribeUrl: "https://tend.test/u/x",
});

// Same pool size and socket setting (Nagle off) as Tend's transport, so the comparison is fair.
const raw = nodemailer.createTransport({
  host: "127.0.0.1",
  port: smtp.port,
  secure: false,
  pool: true,
  maxConnections: CONNECTIONS,
  maxMessages: 500,
  getSocket: noDelaySocket,
} as nodemailer.TransportOptions);
const rawRate = await timed("raw nodemailer (prebuilt)", () =>
  pool(N, (i) =>
    raw
      .sendMail({
        from: "a@mail.tend.test",
        to: seeded.email,
        subject: sample.subject,
        html: sample.html,
        text: sample.text,
        messageId: `<raw.${i}@b>`,
      })
      .then(() => undefined),
  ),
);
raw.close();

const transport = createSmtpTransport({ url: smtp.url, maxConnections: CONNECTIONS });
const sender = createSender({
  db,
  transport,
  resolveCopy: approvedCopy(THANK_YOU),
  admin: fakeAdmin().admin,
  config: CONFIG,
});
const stepRate = await timed("sendStep (check+claim+render+record)", () =>
  pool(N, async (i) => {
    const r = await sender.sendStep({
      shop: seeded.shop,
      runId: runs[i].id,
      stepIndex: 0,
      flowKey: "post_purchase",
      stepKey: "post_purchase.thank_you",
      customerShopifyId: seeded.customerId,
      email: seeded.email,
      productShopifyIds: [],
      context: {},
      discountPercent: null,
      holdout: false,
      now: new Date(),
    });
    if (r.status !== "sent") throw new Error(`unexpected ${r.status}: ${r.reason}`);
  }),
);
await transport.close();
console.log(
  `sendStep / raw = ${((stepRate.rate / rawRate.rate) * 100).toFixed(0)}% by wall clock, ${((rawRate.cpuMs / stepRate.cpuMs) * 100).toFixed(0)}% by CPU per message (target >= 50%); received ${smtp.received.length}`,
);
await db.$disconnect();
await smtp.close();
