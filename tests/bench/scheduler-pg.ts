// Benchmark: due steps handled per second on PostgreSQL with one and with two worker processes
// (FOR UPDATE SKIP LOCKED), delivery excluded (no-op sender), and a duplicate check across workers.
// Also SQLite with its single embedded worker. Run: npm run bench:scheduler (needs TEST_POSTGRES_URL
// for the PostgreSQL part: eval "$(bash .ci/start-postgres.sh)").
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "../../app/db/client.server";
import { createTestDatabase, openTestDb } from "../support/database";
import { seedDueSteps } from "./scheduler-seed";

const TOTAL = Number(process.env.BENCH_STEPS ?? 50_000);
const dir = mkdtempSync(path.join(tmpdir(), "tend-bench-"));
const script = path.resolve("tests/bench/scheduler-worker.ts");

interface WorkerResult {
  handled: number;
  ms: number;
  firstAt: number;
  lastAt: number;
}

function runWorker(url: string, log: string): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      env: { ...process.env, DATABASE_URL: url, CALL_LOG: log, LOG_LEVEL: "silent" },
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => process.stderr.write(d));
    child.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split("\n").pop()!))
        : reject(new Error(`worker exited ${code}`)),
    );
  });
}

async function reset(db: Db) {
  await db.message.deleteMany({});
  await db.flowRun.updateMany({ data: { status: "active", endedAt: null } });
  await db.dueStep.updateMany({
    data: { status: "pending", lockedBy: null, lockedUntil: null, attempts: 0 },
  });
}

async function measure(db: Db, url: string, workers: number, label: string) {
  await reset(db);
  const log = path.join(dir, `${label}.log`);
  writeFileSync(log, "");
  const results = await Promise.all(Array.from({ length: workers }, () => runWorker(url, log)));
  const span = Math.max(...results.map((r) => r.lastAt)) - Math.min(...results.map((r) => r.firstAt));
  const calls = readFileSync(log, "utf8").trim().split("\n").filter(Boolean);
  const duplicates = calls.length - new Set(calls).size;
  const done = await db.dueStep.count({ where: { status: "done" } });
  const timed = results.reduce((n, r) => n + r.handled, 0); // steps inside the timed span (warm-up batch excluded)
  const perSecond = Math.round((timed / span) * 1000);
  console.log(
    `${label}: ${workers} worker(s) handled ${done}/${TOTAL} due steps in ${(span / 1000).toFixed(2)} s = ${perSecond} steps/s; split ${results.map((r) => r.handled).join(" + ")}; send calls ${calls.length}, duplicates ${duplicates}`,
  );
  if (duplicates > 0 || done !== TOTAL) throw new Error(`${label}: duplicates or unhandled steps`);
  return perSecond;
}

async function main() {
  if (process.env.TEST_POSTGRES_URL) {
    process.env.TEST_DB = "postgresql";
    const url = await createTestDatabase("bench");
    const db = createDb(url);
    const t = performance.now();
    await seedDueSteps(db, TOTAL);
    console.log(`PostgreSQL: seeded ${TOTAL} due steps in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const one = await measure(db, url, 1, "pg-1");
    const two = await measure(db, url, 2, "pg-2");
    console.log(
      `PostgreSQL: two workers / one worker = ${(two / one).toFixed(2)}x (target: two workers >= 2,000 steps/s: ${two >= 2000 ? "met" : "NOT met"})`,
    );
    await db.$disconnect();
  } else {
    console.log('PostgreSQL part skipped: set TEST_POSTGRES_URL (eval "$(bash .ci/start-postgres.sh)")');
  }
  process.env.TEST_DB = "sqlite";
  const url = await createTestDatabase("bench");
  const db = await openTestDb(url);
  await seedDueSteps(db, TOTAL);
  await measure(db, url, 1, "sqlite-1");
  await db.$disconnect();
}

await main();
