// bench:process — a flash sale on SQLite, one process: BENCH_DELIVERIES (5,000) Shopify-documented
// checkouts/update + orders/create for BENCH_CUSTOMERS (2,000) customers, with the checkout
// abandonment and post-purchase flows on, so every subscriber does its real work. Measures, in the
// same run and each on a fresh database:
//   1. the one-delivery-at-a-time path (processOneByOne) draining a recorded queue,
//   2. the batched path (processBatch) draining the same queue,
//   3. the batched path under a burst: waves of 200 recorded at intake speed while the processor
//      runs; how long after the last wave the queue is empty.
// SQL statements per delivery are counted at the driver (libsql's execute, BEGIN/COMMIT included).
//   npm run bench:process    (BENCH_DELIVERIES=5000 BENCH_CUSTOMERS=2000 BENCH_WAVE_MS=100)
import { randomUUID } from "node:crypto";
import { Sqlite3Client } from "@libsql/client/sqlite3";
import type { Db } from "../../app/db/client.server";
import { createDb } from "../../app/db/client.server";
import { setFlowEnabled } from "../../app/flows/settings.server";
import { type DeliveryRow, insertDeliveries } from "../../app/ingest/delivery-writer.server";
import { createProcessor, processBatch } from "../../app/ingest/processor.server";
import { processOneByOne } from "../../app/ingest/one-by-one.server";
import { createTestDatabase } from "../support/database";
import { examplePayload, installShop } from "../support/webhooks";

const TOTAL = Number(process.env.BENCH_DELIVERIES ?? 5000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 2000);
const WAVE = 200;
const WAVE_MS = Number(process.env.BENCH_WAVE_MS ?? 100); // 200 per 100 ms: 2,000/s, below intake's ~2,900/s
const SHOP = "bench-flash-sale.myshopify.com";
const START = Date.parse("2026-11-27T09:00:00Z");

// Statements reaching SQLite, whoever sends them (Prisma, direct SQL, transactions).
let statements = 0;
for (const name of ["execute", "batch", "executeMultiple"] as const) {
  const original = Sqlite3Client.prototype[name] as (...a: unknown[]) => Promise<unknown>;
  (Sqlite3Client.prototype as unknown as Record<string, unknown>)[name] = function (
    this: unknown,
    ...args: unknown[]
  ) {
    statements += name === "batch" ? (args[0] as unknown[]).length : 1;
    return original.apply(this, args);
  };
}

const bigId = (prefix: string, n: number) => `${prefix}${String(n).padStart(6, "0")}`;

function customerOf(c: number) {
  const id = bigId("7300000000000", c);
  return {
    ...(examplePayload("checkouts/update").customer as Record<string, unknown>),
    id: Number(id),
    admin_graphql_api_id: `gid://shopify/Customer/${id}`,
    email: `shopper${c}@example.com`,
    first_name: `Shopper${c}`,
  };
}

/** Checkout i then its order, a customer per i modulo CUSTOMERS; the documented payloads restamped. */
export function flashSale(total: number, customers: number): DeliveryRow[] {
  const checkout = examplePayload("checkouts/update");
  const order = examplePayload("orders/create");
  const rows: DeliveryRow[] = [];
  for (let i = 0; rows.length < total; i++) {
    const customer = customerOf(i % customers);
    const token = `flash${i}`;
    const at = new Date(START + i * 1000).toISOString();
    const body = {
      ...checkout,
      token,
      cart_token: `cart${i}`,
      email: customer.email,
      customer,
      abandoned_checkout_url: `https://${SHOP}/checkouts/${token}/recover`,
      created_at: at,
      updated_at: at,
    };
    rows.push(row("checkouts/update", body, at));
    if (rows.length === total) break;
    const id = bigId("8200000000000", i);
    const placed = new Date(START + i * 1000 + 30_000).toISOString();
    rows.push(
      row(
        "orders/create",
        {
          ...order,
          id: Number(id),
          admin_graphql_api_id: `gid://shopify/Order/${id}`,
          name: `#${10_000 + i}`,
          checkout_token: token,
          email: customer.email,
          customer,
          cancelled_at: null,
          processed_at: placed,
          created_at: placed,
          updated_at: placed,
        },
        placed,
      ),
    );
  }
  return rows;
}

function row(topic: string, body: object, at: string): DeliveryRow {
  return {
    shop: SHOP,
    webhookId: randomUUID(),
    eventId: randomUUID(),
    topic,
    apiVersion: "2026-07",
    triggeredAt: new Date(at),
    payload: JSON.stringify(body),
  };
}

async function freshShop(): Promise<Db> {
  const db = createDb(await createTestDatabase("bench-process"));
  await installShop(db, SHOP, { at: new Date(START - 86_400_000) });
  for (const flow of ["checkout_abandonment", "post_purchase"] as const)
    await setFlowEnabled(db, SHOP, flow, true, new Date(START - 3_600_000));
  return db;
}

async function record(db: Db, rows: DeliveryRow[]) {
  for (let i = 0; i < rows.length; i += WAVE) await insertDeliveries(db, rows.slice(i, i + WAVE));
}

/** The store a run leaves behind, for checking both paths agree. */
async function outcome(db: Db) {
  const [processed, orders, checkouts, converted, runs, steps] = await Promise.all([
    db.webhookEvent.count({ where: { shop: SHOP, status: "processed" } }),
    db.order.count({ where: { shop: SHOP } }),
    db.checkout.count({ where: { shop: SHOP } }),
    db.checkout.count({ where: { shop: SHOP, convertedOrderId: { not: null } } }),
    db.flowRun.groupBy({ by: ["flowKey", "status"], where: { shop: SHOP }, _count: { _all: true } }),
    db.dueStep.count({ where: { shop: SHOP } }),
  ]);
  const spent = await db.customer.aggregate({ where: { shop: SHOP }, _sum: { ordersCount: true } });
  return {
    processed,
    orders,
    checkouts,
    converted,
    ordersCounted: spent._sum.ordersCount,
    runs: runs.map((r) => `${r.flowKey}/${r.status}=${r._count._all}`).sort(),
    steps,
  };
}

async function drainWith(
  db: Db,
  step: (db: Db) => Promise<{ processed: number; dead: number; failed: number }>,
) {
  const rows = flashSale(TOTAL, CUSTOMERS);
  await record(db, rows);
  statements = 0;
  const started = performance.now();
  let done = 0;
  for (;;) {
    const r = await step(db);
    if (r.dead || r.failed) throw new Error(`bench deliveries failed: ${JSON.stringify(r)}`);
    if (r.processed === 0) break;
    done += r.processed;
  }
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: done / seconds, seconds, statementsPerDelivery: statements / done, done };
}

async function burst(db: Db) {
  const rows = flashSale(TOTAL, CUSTOMERS);
  const processor = createProcessor(() => db, 1_000);
  await processor.start();
  const started = performance.now();
  for (let i = 0; i < rows.length; i += WAVE) {
    await insertDeliveries(db, rows.slice(i, i + WAVE));
    processor.kick();
    await new Promise((r) => setTimeout(r, WAVE_MS));
  }
  const lastWave = performance.now();
  for (;;) {
    await processor.drain();
    const left = await db.webhookEvent.count({ where: { shop: SHOP, status: { not: "processed" } } });
    if (left === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const finished = performance.now();
  await processor.stop();
  return {
    afterLastWaveSeconds: (finished - lastWave) / 1000,
    perSecond: rows.length / ((finished - started) / 1000),
  };
}

async function main() {
  console.log(
    `bench:process — ${TOTAL} deliveries (checkouts/update + orders/create), ${CUSTOMERS} customers, SQLite`,
  );
  if (process.env.BENCH_ONLY === "batched") {
    const db = await freshShop();
    const r = await drainWith(db, (d) => processBatch(d));
    console.log(
      `batched: ${r.perSecond.toFixed(0)}/s, ${r.statementsPerDelivery.toFixed(1)} statements/delivery`,
      await outcome(db),
    );
    return;
  }
  const legacyDb = await freshShop();
  const legacy = await drainWith(legacyDb, (db) => processOneByOne(db, 200));
  const legacyOutcome = await outcome(legacyDb);
  console.log(
    `one by one: ${legacy.perSecond.toFixed(0)}/s, ${legacy.statementsPerDelivery.toFixed(1)} statements/delivery`,
  );
  const batchDb = await freshShop();
  const batched = await drainWith(batchDb, (db) => processBatch(db));
  const batchOutcome = await outcome(batchDb);
  console.log(
    `batched:    ${batched.perSecond.toFixed(0)}/s, ${batched.statementsPerDelivery.toFixed(1)} statements/delivery`,
  );
  if (JSON.stringify(legacyOutcome) !== JSON.stringify(batchOutcome)) {
    console.error("the two paths left different stores:", legacyOutcome, batchOutcome);
    process.exit(1);
  }
  const burstDb = await freshShop();
  const b = await burst(burstDb);
  const ratio = batched.perSecond / legacy.perSecond;
  console.log(
    JSON.stringify(
      {
        deliveries: TOTAL,
        customers: CUSTOMERS,
        oneByOne: {
          perSecond: Math.round(legacy.perSecond),
          statementsPerDelivery: +legacy.statementsPerDelivery.toFixed(1),
        },
        batched: {
          perSecond: Math.round(batched.perSecond),
          statementsPerDelivery: +batched.statementsPerDelivery.toFixed(1),
        },
        ratio: +ratio.toFixed(1),
        burst: {
          waves: `${WAVE} every ${WAVE_MS} ms`,
          processedSecondsAfterLastWave: +b.afterLastWaveSeconds.toFixed(1),
          perSecond: Math.round(b.perSecond),
        },
        store: batchOutcome,
        targets: {
          ratioAtLeast10: ratio >= 10,
          atLeast750PerSecond: batched.perSecond >= 750,
          burstWithin10s: b.afterLastWaveSeconds <= 10,
        },
      },
      null,
      2,
    ),
  );
  await Promise.all([legacyDb.$disconnect(), batchDb.$disconnect(), burstDb.$disconnect()]);
}

await main();
