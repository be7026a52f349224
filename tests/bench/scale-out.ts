// Scale-out benchmark (`npm run bench:scale`): Tend on PostgreSQL with several web processes and
// several workers, for a 100,000-customer shop. For each topology it measures
//   - webhook ingest: signed checkouts/create accepted per second by the web processes, and
//     processed per second end to end (recorded → applied → flows enrolled, by the workers);
//   - due-step lateness (scheduled → sent) p50/p99/max and messages per second, with a wave of
//     abandonment reminders falling due together;
//   - peak RSS (VmHWM) of every process.
//   - processing's limit: CPU seconds of the workers, the web processes and this database's
//     PostgreSQL backends while the deliveries are processed (/proc/<pid>/stat, cpu-share.ts).
// Deliveries are recorded straight into the table by default (BENCH_INTAKE=direct), so processed/s
// measures the workers alone; BENCH_INTAKE=http sends them signed through the web processes.
// Env: BENCH_CUSTOMERS (100000), BENCH_INGEST (3000), BENCH_DISPATCH (3000; 0 skips dispatch),
//      BENCH_TOPOLOGIES ("1x1,1x2,1x3" = web x workers), TEST_POSTGRES_URL (else .ci/start-postgres.sh).
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createDb, type Db } from "../../app/db/client.server";
import { draftCatalog } from "../../app/drafting/catalog.server";
import { checkoutPayload } from "../../app/demo/webhook-payloads";
import { bulkApprove } from "../../app/drafting/lifecycle.server";
import { setFlowEnabled } from "../../app/flows/settings.server";
import { ensureProductionBuild, freePort } from "../support/app-server";
import { createTestDatabase } from "../support/database";
import { cpuBetween, sampleCpu } from "./cpu-share";
import {
  peakRssMiB,
  percentile,
  pool,
  postgresServerUrl,
  ROOT,
  seedLargeShop,
  signedCheckoutRequest,
  startTend,
  stopTend,
  type TendProcess,
  waitHealthy,
} from "./scale-out-support";

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const INGEST = Number(process.env.BENCH_INGEST ?? 3_000);
const DISPATCH = Number(process.env.BENCH_DISPATCH ?? 3_000);
const INTAKE = process.env.BENCH_INTAKE ?? "direct";
const TOPOLOGIES = (process.env.BENCH_TOPOLOGIES ?? "1x1,1x2,1x3").split(",").map((t) => {
  const [web, workers] = t.split("x").map(Number);
  return { web, workers };
});
const SHOP = "bench-outfitters.myshopify.com";
const SECRET = "bench-api-secret-0123456789abcdef";
const MINUTE = 60_000;

type Customer = {
  shopifyId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  marketingState: string;
};

async function waitUntil(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function sendCheckouts(
  webUrls: string[],
  customers: Customer[],
  lines: ReturnType<typeof productLines>,
  updatedAt: (i: number) => Date,
  tag: string,
) {
  const statuses: number[] = [];
  const started = performance.now();
  await pool(
    customers.map((customer, i) => async () => {
      const req = signedCheckoutRequest({
        baseUrl: webUrls[i % webUrls.length],
        shop: SHOP,
        secret: SECRET,
        token: `bench${tag}${i}${randomUUID().slice(0, 8)}`,
        customer,
        lines: [lines[i % lines.length]],
        updatedAt: updatedAt(i),
        webhookId: randomUUID(),
      });
      const res = await fetch(req);
      await res.arrayBuffer();
      statuses.push(res.status);
    }),
    32,
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    accepted: statuses.filter((s) => s === 200).length,
    refused: statuses.filter((s) => s !== 200).length,
  };
}

/**
 * Fallback when HTTP intake fails on this database: the rows the web process would have recorded
 * after verifying the signature, inserted directly, so the workers' side can still be measured.
 */
async function recordCheckouts(
  db: Db,
  customers: Customer[],
  lines: ReturnType<typeof productLines>,
  updatedAt: (i: number) => Date,
  tag: string,
) {
  const started = performance.now();
  const rows = customers.map((customer, i) => {
    const at = updatedAt(i);
    const payload = checkoutPayload({
      token: `bench${tag}${i}${randomUUID().slice(0, 8)}`,
      customer,
      lines: [lines[i % lines.length]],
      at,
      recoveryBaseUrl: "http://127.0.0.1",
      currency: "USD",
    });
    return {
      shop: SHOP,
      webhookId: randomUUID(),
      eventId: null,
      topic: "checkouts/create",
      apiVersion: "2026-10",
      triggeredAt: at,
      payload: JSON.stringify(payload),
      status: "received",
    };
  });
  for (let i = 0; i < rows.length; i += 500)
    await db.webhookEvent.createMany({ data: rows.slice(i, i + 500) });
  return { seconds: (performance.now() - started) / 1000, accepted: rows.length, refused: 0 };
}

function productLines(products: { shopifyId: string; title: string; variants: string }[]) {
  return products.map((p) => {
    const v = (JSON.parse(p.variants) as { id: string; title: string; priceMinor: number }[])[0];
    return {
      productId: p.shopifyId,
      variantId: v.id,
      title: p.title,
      variantTitle: null,
      priceMinor: v.priceMinor,
      quantity: 1,
    };
  });
}

async function runTopology(
  db: Db,
  databaseUrl: string,
  topology: { web: number; workers: number },
  pools: { ingest: Customer[]; dispatch: Customer[] },
  lines: ReturnType<typeof productLines>,
) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    TEND_MODE: "live",
    SHOPIFY_API_KEY: "bench-api-key",
    SHOPIFY_API_SECRET: SECRET,
    DATABASE_URL: databaseUrl,
    TEND_WORKER: "off",
    TEND_SKIP_AUTO_MIGRATE: "1",
    LOG_LEVEL: "warn",
  };
  const processes: TendProcess[] = [];
  const webUrls: string[] = [];
  for (let i = 0; i < topology.web; i++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // Production requires an https app URL (links in email); the bench talks to the port directly.
    const proc = startTend("web", { ...env, SHOPIFY_APP_URL: "https://tend-bench.example" }, port);
    processes.push(proc);
    await waitHealthy(url, proc);
    webUrls.push(url);
  }
  for (let i = 0; i < topology.workers; i++)
    processes.push(startTend("worker", { ...env, SHOPIFY_APP_URL: "https://tend-bench.example" }));
  // Workers answer no health check: give them time to boot so processed/s does not count start-up.
  await new Promise((r) => setTimeout(r, Number(process.env.BENCH_WORKER_BOOT_MS ?? 8_000)));
  try {
    // 1. Ingest: checkouts abandoned two days ago (their reminders have expired, so this measures intake).
    const before = await db.webhookEvent.count({ where: { shop: SHOP } });
    const roles = Object.fromEntries(processes.map((p) => [p.child.pid as number, p.role]));
    const cpuBefore = await sampleCpu(db, Object.keys(roles).map(Number));
    let t0 = Date.now();
    const twoDaysAgo = () => new Date(Date.now() - 2 * 24 * 60 * MINUTE);
    const ingest =
      INTAKE === "http"
        ? await sendCheckouts(webUrls, pools.ingest, lines, twoDaysAgo, "i")
        : { seconds: 0, accepted: 0, refused: 0 };
    let intake = INTAKE === "http" ? "http" : "direct-db";
    let intakeError: string | null = null;
    if (INTAKE === "http" && ingest.accepted === 0) {
      intake = "direct-db";
      intakeError =
        /"message":"([^"]*)/.exec(processes[0].logs.join(""))?.[1]?.replace(/\\n/g, " ").trim() ?? "refused";
      console.log(
        `HTTP intake refused every webhook (${intakeError}); measuring the workers with directly recorded deliveries`,
      );
      t0 = Date.now();
    }
    const send = (who: Customer[], at: (i: number) => Date, tag: string) =>
      intake === "http"
        ? sendCheckouts(webUrls, who, lines, at, tag)
        : recordCheckouts(db, who, lines, at, tag);
    const ingestUsed =
      intake === "http"
        ? ingest
        : await send(pools.ingest, () => new Date(Date.now() - 2 * 24 * 60 * MINUTE), "j");
    const allProcessed = await waitUntil(
      async () =>
        // Finished, not merely claimed ("processing").
        (await db.webhookEvent.count({
          where: { shop: SHOP, status: { in: ["processed", "dead", "failed"] } },
        })) >=
        before + ingestUsed.accepted,
      300_000,
    );
    const processedSeconds = (Date.now() - t0) / 1000;
    const cpu = cpuBetween(cpuBefore, await sampleCpu(db, Object.keys(roles).map(Number)), roles);
    if (DISPATCH === 0) {
      return {
        topology: `${topology.web} web x ${topology.workers} workers`,
        ingest: {
          intake,
          webhooks: ingestUsed.accepted,
          processedPerSecond: allProcessed ? Math.round(ingestUsed.accepted / processedSeconds) : null,
        },
        cpu,
      };
    }

    // 2. Dispatch: a wave of reminders due together, a little after intake is expected to finish.
    const processedRate = ingestUsed.accepted / processedSeconds;
    const margin = Math.ceil((DISPATCH / Math.max(1, processedRate)) * 1.5) * 1000 + 15_000;
    const waveStart = Date.now() + margin;
    const dueAt = (i: number) => new Date(waveStart + (i % 30) * 1000 - 60 * MINUTE); // reminder = updated_at + 1 h
    const dispatchStarted = new Date();
    await send(pools.dispatch, dueAt, "d");
    const steps = () =>
      db.dueStep.findMany({
        where: {
          shop: SHOP,
          stepIndex: 0,
          dueAt: { gte: new Date(waveStart - 1000) },
          createdAt: { gte: dispatchStarted },
        },
        select: { runId: true, dueAt: true, status: true },
      });
    await waitUntil(async () => {
      const s = await steps();
      return (
        s.length > 0 &&
        Date.now() > waveStart + 30_000 &&
        s.every((x) => x.status !== "pending" && x.status !== "claimed")
      );
    }, margin + 240_000);
    const due = await steps();
    const messages = await db.message.findMany({
      where: { shop: SHOP, stepIndex: 0, runId: { in: due.map((d) => d.runId) }, sentAt: { not: null } },
      select: { runId: true, sentAt: true },
    });
    const dueByRun = new Map(due.map((d) => [d.runId, d.dueAt.getTime()]));
    const lateness = messages
      .map((m) => (m.sentAt!.getTime() - (dueByRun.get(m.runId) ?? 0)) / 1000)
      .sort((a, b) => a - b);
    const sentTimes = messages.map((m) => m.sentAt!.getTime()).sort((a, b) => a - b);
    const span =
      sentTimes.length > 1
        ? (sentTimes[sentTimes.length - 1] - Math.min(...due.map((d) => d.dueAt.getTime()))) / 1000
        : Number.NaN;
    const rss = processes.map((p) => ({ role: p.role, peakRssMiB: peakRssMiB(p.child.pid) }));
    return {
      topology: `${topology.web} web x ${topology.workers} workers`,
      ingest: {
        intake,
        intakeError,
        webhooks: ingestUsed.accepted,
        refusedOverHttp: ingest.refused,
        acceptedPerSecond: intake === "http" ? Math.round(ingest.accepted / ingest.seconds) : null,
        processedPerSecond: allProcessed ? Math.round(ingestUsed.accepted / processedSeconds) : null,
      },
      cpu,
      dispatch: {
        stepsDue: due.length,
        sent: messages.length,
        statuses: Object.fromEntries(
          [...new Set(due.map((d) => d.status))].map((s) => [s, due.filter((d) => d.status === s).length]),
        ),
        latenessP50s: percentile(lateness, 50),
        latenessP99s: percentile(lateness, 99),
        latenessMaxS: lateness[lateness.length - 1] ?? null,
        messagesPerSecond: Number.isFinite(span) && span > 0 ? Math.round(messages.length / span) : null,
      },
      rss,
    };
  } finally {
    for (const p of processes) await stopTend(p);
  }
}

async function main() {
  // This process drafts copy through the app's modules, which read the validated environment.
  Object.assign(process.env, {
    TEND_MODE: "live",
    SHOPIFY_API_KEY: "bench-api-key",
    SHOPIFY_API_SECRET: SECRET,
    SHOPIFY_APP_URL: "http://127.0.0.1",
    LOG_LEVEL: "warn",
  });
  postgresServerUrl();
  process.env.TEST_DB = "postgresql";
  ensureProductionBuild();
  const databaseUrl = await createTestDatabase("scale");
  const db = createDb(databaseUrl);
  const anchor = new Date();
  const seedStarted = performance.now();
  const seeded = await seedLargeShop(db, databaseUrl, SHOP, CUSTOMERS, anchor);
  const seedSeconds = Math.round((performance.now() - seedStarted) / 1000);
  console.log(`seeded ${JSON.stringify(seeded)} on PostgreSQL in ${seedSeconds} s`);
  // Sending at any hour, no daily ceiling, no frequency cap in the way: the bench measures the pipeline.
  await db.shopSettings.upsert({
    where: { shop: SHOP },
    create: {
      shop: SHOP,
      senderName: "Bench",
      postalAddress: "1 Bench Road, Testville",
      quietHoursStart: 0,
      quietHoursEnd: 0,
      dailySendLimit: 1_000_000,
      frequencyCapCount: 100,
    },
    update: { quietHoursStart: 0, quietHoursEnd: 0, dailySendLimit: 1_000_000, frequencyCapCount: 100 },
  });
  await setFlowEnabled(
    db,
    SHOP,
    "checkout_abandonment",
    true,
    new Date(anchor.getTime() - 3 * 24 * 60 * MINUTE),
  );
  await draftCatalog(db, SHOP, {
    flowKeys: ["checkout_abandonment"],
    limit: 10,
    actor: "bench",
    now: anchor,
  });
  const pending = await db.draft.findMany({ where: { shop: SHOP, status: "pending" }, select: { id: true } });
  await bulkApprove(
    db,
    SHOP,
    pending.map((d) => d.id),
    "bench",
    anchor,
  );
  const approvedDrafts = await db.draft.count({ where: { shop: SHOP, status: "approved" } });
  if (approvedDrafts === 0) throw new Error("no approved copy: the reminders would all be held");

  const subscribed = (await db.customer.findMany({
    where: { shop: SHOP, marketingState: "SUBSCRIBED", email: { not: null } },
    select: { shopifyId: true, email: true, firstName: true, lastName: true, marketingState: true },
    orderBy: { shopifyId: "asc" },
  })) as Customer[];
  const products = await db.product.findMany({
    where: { shop: SHOP },
    orderBy: { shopifyId: "asc" },
    take: 10,
  });
  const lines = productLines(products);
  const results: Awaited<ReturnType<typeof runTopology>>[] = [];
  let offset = 0;
  for (const topology of TOPOLOGIES) {
    const ingest = subscribed.slice(offset, offset + INGEST);
    const dispatch = subscribed.slice(offset + INGEST, offset + INGEST + DISPATCH);
    offset += INGEST + DISPATCH;
    if (dispatch.length < DISPATCH || ingest.length < INGEST)
      throw new Error("not enough subscribed customers for another topology");
    console.log(`running ${topology.web} web x ${topology.workers} workers ...`);
    const result = await runTopology(db, databaseUrl, topology, { ingest, dispatch }, lines);
    console.log(JSON.stringify(result, null, 2));
    results.push(result);
  }
  // Same-run ratios: processed/s of each topology against the first (one worker).
  const rate = (r: (typeof results)[number]) => r.ingest.processedPerSecond ?? 0;
  const base = rate(results[0]) || 1;
  console.log("\nprocessed/s (ratio to the first topology) and CPU cores busy while processing:");
  for (const r of results) {
    const busy = Object.entries(r.cpu)
      .map(([role, c]) => `${role} ${c.coresBusy}`)
      .join(", ");
    console.log(`  ${r.topology}: ${rate(r)}/s (${(rate(r) / base).toFixed(2)}x); ${busy}`);
  }
  const report = {
    at: new Date().toISOString(),
    cores: (await import("node:os")).cpus().length,
    customers: CUSTOMERS,
    seedSeconds,
    results,
  };
  const out = path.join(ROOT, "tests/.artifacts/bench-scale-out.json");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 2));
  console.log(`\nwritten ${path.relative(ROOT, out)}`);
  await db.$disconnect();
}

await main();
