// Crash test: a real worker process (tsx) is killed with SIGKILL mid-batch again and again; after
// restarts every due step is handled and no (run, step) was handed to the transport twice.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "../../../app/db/client.server";
import { setFlowEnabled } from "../../../app/flows/settings.server";
import { migrate } from "../../../app/db/migrate.server";
import { openTestDb } from "../../support/database";

const STEPS = 400;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function seed(db: Db, shop: string) {
  await db.shop.create({ data: { shop } });
  await db.shopSettings.create({
    data: {
      shop,
      quietHoursStart: 0,
      quietHoursEnd: 0,
      holdoutPercent: 0,
      frequencyCapCount: 100,
      dailySendLimit: 100_000,
    },
  });
  await setFlowEnabled(db, shop, "anniversary", true, new Date(Date.now() - 86_400_000));
  const now = new Date();
  for (let i = 0; i < STEPS; i += 100) {
    const ids = Array.from({ length: Math.min(100, STEPS - i) }, (_, k) => i + k);
    await db.customer.createMany({
      data: ids.map((n) => ({
        shop,
        shopifyId: `c${n}`,
        email: `c${n}@x.test`,
        emailLower: `c${n}@x.test`,
        marketingState: "SUBSCRIBED",
      })),
    });
    await db.flowRun.createMany({
      data: ids.map((n) => ({
        id: `run${n}`,
        shop,
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
      data: ids.map((n) => ({ shop, runId: `run${n}`, stepIndex: 0, dueAt: new Date(now.getTime() - n) })),
    });
  }
}

describe("scheduler crash recovery (kill -9, SQLite file shared with a child worker)", () => {
  let db: Db | undefined;
  afterAll(async () => db?.$disconnect());

  it("after repeated SIGKILLs and restarts, every due step is handled and none is sent twice", async () => {
    // Always a SQLite file: the embedded single-worker setup is the one whose crashes matter most.
    const url = `file:${path.join(mkdtempSync(path.join(tmpdir(), "tend-crashdb-")), "crash.sqlite")}`;
    await migrate(url);
    db = await openTestDb(url);
    const shop = "crash.myshopify.com";
    await seed(db, shop);
    const log = path.join(mkdtempSync(path.join(tmpdir(), "tend-crash-")), "calls.log");
    const script = path.resolve("tests/integration/scheduler/crash-worker.ts");
    // The worker runs in this very process id (tsx as a loader, not its CLI's child), so SIGKILL hits it.
    const start = () =>
      spawn(process.execPath, ["--import", "tsx", script], {
        env: { ...process.env, DATABASE_URL: url, CALL_LOG: log, LOG_LEVEL: "silent" },
        stdio: "ignore",
      });
    const handled = async () => db!.dueStep.count({ where: { shop, status: "done" } });

    let kills = 0;
    for (let round = 0; round < 12 && (await handled()) < STEPS; round++) {
      const child = start();
      // Let it boot and get into a batch, then kill it without warning.
      const before = existsSync(log) ? readFileSync(log, "utf8").length : 0;
      for (let i = 0; i < 200; i++) {
        await sleep(25);
        const now = existsSync(log) ? readFileSync(log, "utf8").length : 0;
        if (now - before > 400) break;
      }
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      kills++;
    }
    // A last worker finishes the rest (claims of killed workers are retaken after their lease).
    const last = start();
    for (let i = 0; i < 600 && (await handled()) < STEPS; i++) await sleep(50);
    last.kill("SIGTERM");
    await new Promise((r) => last.once("exit", r));

    expect(kills).toBeGreaterThanOrEqual(3);
    const steps = await db.dueStep.groupBy({ by: ["status"], where: { shop }, _count: { _all: true } });
    expect(steps).toEqual([{ status: "done", _count: { _all: STEPS } }]);
    const messages = await db.message.findMany({ where: { shop }, select: { runId: true, status: true } });
    expect(messages).toHaveLength(STEPS); // one per (run, step): the unique key allows no more
    const lines = readFileSync(log, "utf8").trim().split("\n");
    const handedTwice = new Map<string, number>();
    const returned = new Set<string>();
    const callAfterReturn: string[] = [];
    for (const line of lines) {
      const [what, key] = line.split(" ");
      if (what === "handed") handedTwice.set(key, (handedTwice.get(key) ?? 0) + 1);
      if (what === "call" && returned.has(key)) callAfterReturn.push(key);
      if (what === "returned") returned.add(key);
    }
    expect([...handedTwice.values()].filter((n) => n > 1)).toEqual([]); // no email handed over twice
    expect(callAfterReturn).toEqual([]); // the scheduler never re-asked for a step that had an answer
    const unknown = messages.filter((m) => m.status === "unknown").length;
    console.info(
      `crash test: ${kills} kills, ${STEPS - unknown} sent, ${unknown} unknown (killed mid hand-off), 0 duplicates`,
    );
  }, 180_000);
});
