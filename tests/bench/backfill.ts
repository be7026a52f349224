// bench:backfill — a bulk result of 100,000 customers and 300,000 orders (with their line items)
// served over local HTTP, ingested in a child process whose peak RSS is measured; then the same
// ingestion killed with SIGKILL halfway through the orders and resumed must end with exactly the
// same rows as the uninterrupted run.   BENCH_CUSTOMERS=100000 BENCH_ORDERS=300000 npm run bench:backfill
// (BENCH_PARTS=stats: ingestion and the statistics comparison only, without the kill and resume).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { migrate } from "../../app/db/migrate.server";
import { customersJsonl, ordersJsonl } from "../integration/ingest/jsonl";

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 300_000);
const SHOP = "bench-backfill.myshopify.com";
const dir = mkdtempSync(path.join(tmpdir(), "tend-bench-backfill-"));

async function writeFile(name: string, lines: Iterable<string>): Promise<number> {
  const file = path.join(dir, name);
  const out = createWriteStream(file);
  let count = 0;
  for (const line of lines) {
    count++;
    if (!out.write(line)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(r));
  return count;
}

/** Serves the result files with Range support, like the storage Shopify links to. */
function serve(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const file = path.join(dir, path.basename(req.url ?? ""));
    const size = statSync(file).size;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    const start = m ? Number(m[1]) : 0;
    res.writeHead(m ? 206 : 200, { "Content-Length": size - start });
    createReadStream(file, { start }).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function prepareDb(name: string, base: string): Promise<string> {
  const url = `file:${path.join(dir, `${name}.sqlite`)}`;
  await migrate(url);
  const db = createClient({ url });
  const now = Date.now();
  // A zoned shop: first-order month-days are local dates (one Intl format per customer).
  await db.execute({
    sql: `INSERT INTO "Shop" ("shop","timeZone","installedAt","createdAt","updatedAt") VALUES (?,?,?,?,?)`,
    args: [SHOP, "America/Los_Angeles", ...Array(3).fill(new Date(now).toISOString())],
  });
  for (const [i, resource] of ["customers", "orders"].entries()) {
    await db.execute({
      sql: `INSERT INTO "BackfillJob" ("id","shop","resource","status","url","linesDone","bytesDone","startedAt","updatedAt") VALUES (?,?,?,?,?,0,0,?,?)`,
      args: [
        `${name}-${resource}`,
        SHOP,
        resource,
        "downloading",
        `${base}/${resource}.jsonl`,
        new Date(now + i).toISOString(),
        new Date(now).toISOString(),
      ],
    });
  }
  db.close();
  return url;
}

interface ChildRun {
  /** RSS with the code loaded and the database open, before the first line is read. */
  baselineRss: number;
  /** Highest RSS while reading lines, and while recomputing customer statistics afterwards. */
  peakLinesRss: number;
  peakStatsRss: number;
  peakHeapUsed: number;
  /** Highest RSS over the whole process (sampled from /proc, and getrusage at the end). */
  peakRss: number;
  /** Seconds spent recomputing customer statistics after the last order line. */
  statsSeconds: number;
  /** Attempts that failed and were resumed from the last committed line (e.g. a dropped download). */
  retries: string[];
  killed: boolean;
  seconds: number;
}

/**
 * How the child runs. "bundle" (default): plain node over an esbuild bundle of the child and the app
 * code it imports (packages stay external), as the production worker runs plain node over the
 * build. "tsx": node --import tsx over the TypeScript sources (the loader adds ~35 MB of RSS).
 */
const RUNTIME = process.env.BENCH_CHILD === "tsx" ? "tsx" : "bundle";
/** V8 old-space limit for the child, in MB ("0": node's default, sized from the machine's memory). */
const HEAP_MB = Number(process.env.BENCH_HEAP_MB ?? 128);

async function childCommand(): Promise<string[]> {
  const heap = HEAP_MB > 0 ? [`--max-old-space-size=${HEAP_MB}`] : [];
  if (RUNTIME === "tsx") return [...heap, "--import", "tsx", "tests/bench/backfill-child.ts"];
  // esbuild comes with tsx and vite; inside node_modules so the bundle resolves packages from here.
  const { build } = await import("esbuild");
  const outfile = path.resolve("node_modules/.cache/tend-bench/backfill-child.mjs");
  await build({
    entryPoints: ["tests/bench/backfill-child.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    packages: "external",
    outfile,
    logLevel: "warning",
  });
  return [...heap, outfile];
}

/** Runs the child; samples its RSS from /proc; optionally SIGKILLs it once orders pass `killAt` lines. */
function runChild(command: string[], url: string, killAt?: number, mode?: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...command, url, SHOP, ...(mode ? [mode] : [])], {
      env: { ...process.env, TEND_MODE: "demo", LOG_LEVEL: "warn", NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const run: ChildRun = {
      baselineRss: 0,
      peakLinesRss: 0,
      peakStatsRss: 0,
      peakHeapUsed: 0,
      peakRss: 0,
      statsSeconds: 0,
      retries: [],
      killed: false,
      seconds: 0,
    };
    let phase: "start" | "lines" | "statistics" = "start";
    let statsStarted = 0;
    const note = (rss: number) => {
      run.peakRss = Math.max(run.peakRss, rss);
      if (phase === "lines") run.peakLinesRss = Math.max(run.peakLinesRss, rss);
      if (phase === "statistics") run.peakStatsRss = Math.max(run.peakStatsRss, rss);
    };
    const sample = setInterval(() => {
      try {
        const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
        if (kb) note(Number(kb) * 1024);
      } catch {
        // the child has exited
      }
    }, 20);
    let buffer = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl = buffer.indexOf("\n");
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf("\n");
        let msg: {
          baseline?: { rss: number };
          resource?: string;
          phase?: string;
          linesDone?: number;
          rss?: number;
          heapUsed?: number;
          maxRss?: number;
          retry?: string;
        };
        try {
          msg = JSON.parse(line);
        } catch {
          continue; // not a progress line
        }
        if (msg.baseline) {
          run.baselineRss = msg.baseline.rss;
          phase = "lines";
        }
        if (msg.phase === "statistics") {
          phase = "statistics";
          statsStarted = performance.now();
        } else if (msg.linesDone !== undefined) phase = "lines";
        if (msg.retry) run.retries.push(`${msg.resource}: ${msg.retry}`);
        if (msg.rss) note(msg.rss);
        if (msg.heapUsed) run.peakHeapUsed = Math.max(run.peakHeapUsed, msg.heapUsed);
        if (msg.maxRss) run.peakRss = Math.max(run.peakRss, msg.maxRss);
        if (
          killAt !== undefined &&
          !run.killed &&
          msg.resource === "orders" &&
          (msg.linesDone ?? 0) >= killAt
        ) {
          run.killed = true;
          child.kill("SIGKILL");
        }
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(sample);
      run.seconds = (performance.now() - started) / 1000;
      if (statsStarted) run.statsSeconds = (performance.now() - statsStarted) / 1000;
      if (code !== 0 && !run.killed) reject(new Error(`child exited with ${code}`));
      else resolve(run);
    });
  });
}

const MB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function describeRun(label: string, r: ChildRun): string {
  const stats = r.statsSeconds ? ` (statistics ${r.statsSeconds.toFixed(1)} s)` : "";
  const retries = r.retries.length
    ? `; resumed after ${r.retries.length} failed attempt(s): ${r.retries.join(" | ")}`
    : "";
  return `${label}: ${r.seconds.toFixed(1)} s${stats}; RSS baseline ${MB(r.baselineRss)}, peak while reading lines ${MB(r.peakLinesRss)}, peak while recomputing statistics ${r.peakStatsRss ? MB(r.peakStatsRss) : "-"}, peak overall ${MB(r.peakRss)} (JS heap peak ${MB(r.peakHeapUsed)})${retries}`;
}

/** A digest of every customer, order and line (ids and bookkeeping timestamps left out). */
async function digest(url: string): Promise<Record<string, { rows: number; sha: string }>> {
  const db = createClient({ url });
  const queries: Record<string, string> = {
    Customer: `SELECT "shopifyId","email","firstName","lastName","locale","tags","countryCode","timeZone","marketingState","marketingOptInLevel","marketingUpdatedAt","ordersCount","totalSpentMinor","firstOrderAt","firstOrderMonthDay","lastOrderAt","sourceUpdatedAt" FROM "Customer" WHERE "shop" = ? ORDER BY "shopifyId"`,
    Order: `SELECT "shopifyId","name","customerShopifyId","email","checkoutToken","currency","subtotalMinor","totalMinor","refundedMinor","financialStatus","discountCodes","sourceName","processedAt","cancelledAt","sourceUpdatedAt" FROM "Order" WHERE "shop" = ? ORDER BY "shopifyId"`,
    OrderLine: `SELECT l."shopifyId", o."shopifyId", l."productShopifyId", l."variantShopifyId", l."title", l."variantTitle", l."sku", l."productType", l."quantity", l."priceMinor" FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId" WHERE l."shop" = ? ORDER BY l."shopifyId"`,
  };
  const out: Record<string, { rows: number; sha: string }> = {};
  for (const [table, sql] of Object.entries(queries)) {
    const hash = createHash("sha256");
    let rows = 0;
    for (let offset = 0; ; offset += 50_000) {
      const page = await db.execute({ sql: `${sql} LIMIT 50000 OFFSET ${offset}`, args: [SHOP] });
      for (const r of page.rows) hash.update(JSON.stringify(Array.from(r as ArrayLike<unknown>)));
      rows += page.rows.length;
      if (page.rows.length < 50_000) break;
    }
    out[table] = { rows, sha: hash.digest("hex").slice(0, 16) };
  }
  db.close();
  return out;
}

/** Zeroes every customer's statistics, so a recompute has to write all of them again. */
async function clearStats(url: string): Promise<number> {
  const db = createClient({ url });
  await db.execute({
    sql: `UPDATE "Customer" SET "ordersCount" = 0, "totalSpentMinor" = 0, "firstOrderAt" = NULL, "firstOrderMonthDay" = NULL, "lastOrderAt" = NULL WHERE "shop" = ?`,
    args: [SHOP],
  });
  const count = await db.execute({
    sql: `SELECT COUNT(*) AS n FROM "Customer" WHERE "shop" = ?`,
    args: [SHOP],
  });
  db.close();
  return Number(count.rows[0].n);
}

/**
 * Recomputes the statistics of the ingested shop again in fresh children: one statement per batch
 * (today's path), the earlier grouped read + upsert per batch with month-days in JS, and the old
 * per-customer loop (tests/bench/legacy-stats.ts), each from zeroed figures; all must end with the
 * rows the ingestion wrote. Same data, same machine, same process shape: fair ratios.
 */
async function compareLegacyStats(
  command: string[],
  url: string,
  expected: Awaited<ReturnType<typeof digest>>,
): Promise<{ same: boolean }> {
  const runs: Array<{ label: string; run: ChildRun; same: boolean }> = [];
  let customers = 0;
  for (const [mode, label] of [
    ["stats", "one statement per batch"],
    ["batched-stats", "grouped read + upsert per batch (previous)"],
    ["legacy-stats", "one UPDATE per customer (old path)"],
  ]) {
    customers = await clearStats(url);
    const run = await runChild(command, url, undefined, mode);
    runs.push({ label, run, same: JSON.stringify(await digest(url)) === JSON.stringify(expected) });
  }
  const s = runs[0].run.statsSeconds;
  console.log(
    `statistics alone for ${customers} customers, fresh process each (target <= 10 s: ${s <= 10 ? "met" : "NOT met"}):`,
  );
  for (const { label, run, same } of runs)
    console.log(
      `  ${label}: ${run.statsSeconds.toFixed(1)} s (${(run.statsSeconds / s).toFixed(1)}x the first), peak RSS ${MB(run.peakRss)} (${(run.peakRss / runs[0].run.peakRss).toFixed(2)}x), same rows as the ingestion: ${same ? "yes" : "NO"}`,
    );
  return { same: runs.every((r) => r.same) };
}

async function main() {
  console.log(`generating ${CUSTOMERS} customers and ${ORDERS} orders as JSONL in ${dir}...`);
  const customerLines = await writeFile("customers.jsonl", customersJsonl(CUSTOMERS));
  const orderLines = await writeFile("orders.jsonl", ordersJsonl(ORDERS, CUSTOMERS));
  const mb = (f: string) => (statSync(path.join(dir, f)).size / 1e6).toFixed(0);
  console.log(
    `  customers.jsonl ${customerLines} lines (${mb("customers.jsonl")} MB), orders.jsonl ${orderLines} lines (${mb("orders.jsonl")} MB)`,
  );
  const server = await serve();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const straightUrl = await prepareDb("straight", base);
  const command = await childCommand();
  console.log(`child: node ${command.join(" ")}`);
  const straight = await runChild(command, straightUrl);
  console.log(
    `${describeRun("uninterrupted", straight)}; ${((customerLines + orderLines) / straight.seconds).toFixed(0)} lines/s`,
  );

  const a = await digest(straightUrl);
  const legacy = await compareLegacyStats(command, straightUrl, a);
  if (process.env.BENCH_PARTS === "stats") {
    // Ingestion and statistics only (the kill-and-resume half doubles the run).
    server.close();
    if (!legacy.same) process.exitCode = 1;
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    return;
  }

  const crashUrl = await prepareDb("crashed", base);
  const first = await runChild(command, crashUrl, Math.floor(orderLines / 2));
  console.log(
    describeRun(
      `killed (SIGKILL) at half the order lines: ${first.killed ? "yes" : "NO (finished first)"}`,
      first,
    ),
  );
  const second = await runChild(command, crashUrl);
  console.log(describeRun("resumed", second));
  server.close();

  const b = await digest(crashUrl);
  for (const table of Object.keys(a)) {
    console.log(
      `  ${table.padEnd(10)} uninterrupted ${a[table].rows} rows ${a[table].sha}   killed+resumed ${b[table].rows} rows ${b[table].sha}`,
    );
  }
  const same = JSON.stringify(a) === JSON.stringify(b);
  const runs = [straight, first, second];
  const peak = Math.max(...runs.map((r) => r.peakRss));
  const baseline = Math.max(...runs.map((r) => r.baselineRss));
  console.log(
    `same rows after kill+resume: ${same ? "yes" : "NO"}; peak RSS ${MB(peak)} (target < 300 MB: ${peak < 300 * 2 ** 20 ? "met" : "NOT met"}), of which the process before ingestion (node${RUNTIME === "tsx" ? " + tsx loader" : ""} + app code + Prisma + SQLite driver) ${MB(baseline)}; child heap limit ${HEAP_MB > 0 ? `${HEAP_MB} MB` : "node's default"}`,
  );
  if (!same || !first.killed || !legacy.same) process.exitCode = 1;
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
