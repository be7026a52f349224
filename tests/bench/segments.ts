// Benchmark: full segment recompute for one shop of 1,000,000 customers / ~3,000,000 orders (and
// as many order lines, for category affinity) on SQLite and on PostgreSQL. Data is generated in
// SQL (segments-seed.ts); each database is measured by a fresh child (segments-child.ts) so the
// reported peak RSS is the recompute's. Targets: < 20 s and < 500 MB. Same-run baselines: a plain
// COUNT(*) pass and a one-column UPDATE of every customer of the shop.
// Run: npm run bench:segments   (BENCH_CUSTOMERS=… to scale; BENCH_DBS=sqlite to skip PostgreSQL)
import { execFileSync, spawn } from "node:child_process";
import { createClient } from "@libsql/client";
import pg from "pg";
import { createTestDatabase } from "../support/database";
import { SEED_NOW, seedStatements } from "./segments-seed";

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const DBS = (process.env.BENCH_DBS ?? "sqlite,postgresql").split(",");
const SHOP = "segments-bench.myshopify.com";
const NOW = new Date(`${SEED_NOW.replace(" ", "T")}Z`);

async function seedSqlite(): Promise<string> {
  process.env.TEST_DB = "sqlite";
  const url = await createTestDatabase("segments");
  const raw = createClient({ url });
  await raw.execute("PRAGMA journal_mode = WAL");
  await raw.execute("PRAGMA synchronous = OFF");
  for (const sql of seedStatements("sqlite", SHOP, CUSTOMERS)) await raw.execute(sql);
  await raw.execute(
    `INSERT INTO "Shop" ("shop", "updatedAt") VALUES ('${SHOP}', '2026-12-01T00:00:00.000+00:00')`,
  );
  raw.close();
  return url;
}

async function seedPostgres(): Promise<string> {
  if (!process.env.TEST_POSTGRES_URL) {
    const out = execFileSync("bash", [".ci/start-postgres.sh"], { encoding: "utf8" });
    process.env.TEST_POSTGRES_URL = /TEST_POSTGRES_URL=(\S+)/.exec(out)?.[1];
  }
  process.env.TEST_DB = "postgresql";
  const url = await createTestDatabase("segments");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const sql of seedStatements("postgresql", SHOP, CUSTOMERS)) await client.query(sql);
  await client.query(`INSERT INTO "Shop" ("shop", "updatedAt") VALUES ('${SHOP}', now())`);
  await client.end();
  return url;
}

interface Measured {
  buyers: number;
  countSeconds: number;
  updateSeconds: number;
  fullSeconds: number;
  fullChanged: number;
  vipMinimum: number | null;
  dailySeconds: number;
  dailyChanged: number;
  batchSeconds: number;
  counts: { bySegment: Record<string, number>; engaged: number; total: number };
  rssBefore: number;
  maxRss: number;
}

function measure(url: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "tests/bench/segments-child.ts", url, SHOP, NOW.toISOString()],
      { env: { ...process.env, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`child exited ${code}: ${out}`));
      else resolve(JSON.parse(line) as Measured);
    });
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
for (const kind of DBS) {
  const t = performance.now();
  const url = kind === "postgresql" ? await seedPostgres() : await seedSqlite();
  console.log(
    `\n${kind}: seeded ${CUSTOMERS.toLocaleString()} customers in ${((performance.now() - t) / 1000).toFixed(0)} s`,
  );
  const m = await measure(url);
  const s = (x: number) => `${x.toFixed(2)} s`;
  console.log(`  baseline COUNT(*) pass over ${m.buyers.toLocaleString()} buyers: ${s(m.countSeconds)}`);
  console.log(`  baseline one-column UPDATE of every customer (warm, second run): ${s(m.updateSeconds)}`);
  console.log(
    `  full recompute (${m.fullChanged.toLocaleString()} customers assigned, VIP from ${m.vipMinimum}): ${s(m.fullSeconds)} = ${(m.fullSeconds / m.updateSeconds).toFixed(2)}x the UPDATE, ${(m.fullSeconds / m.countSeconds).toFixed(1)}x the COUNT (target < 20 s: ${m.fullSeconds < 20 ? "met" : "NOT met"})`,
  );
  console.log(
    `  next day's recompute (${m.dailyChanged.toLocaleString()} changed): ${s(m.dailySeconds)} = ${(m.dailySeconds / m.updateSeconds).toFixed(2)}x the UPDATE`,
  );
  console.log(`  incremental, 1,000 customers in one statement: ${s(m.batchSeconds)}`);
  console.log(
    `  segments: ${JSON.stringify(m.counts.bySegment)}, engaged ${m.counts.engaged.toLocaleString()} of ${m.counts.total.toLocaleString()}`,
  );
  console.log(
    `  peak RSS of the measuring process: ${mb(m.maxRss)} (${mb(m.rssBefore)} before the first statement; target < 500 MB: ${m.maxRss < 500 * 1024 * 1024 ? "met" : "NOT met"})`,
  );
}
