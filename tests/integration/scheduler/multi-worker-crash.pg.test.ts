// Three worker processes share one PostgreSQL database and one real SMTP server. In each of three
// rounds, once all three are polling, a wave of due steps is seeded and two of the workers are
// SIGKILLed mid-batch: each exactly when the SMTP server has the whole of its k-th email of the
// wave and has not yet answered, so the killed worker can never record that send; the rest of its
// claimed batch is left behind. Killed workers are restarted; a last wave is shared by the final
// three, and everything drains. The SMTP server must never receive one (run, step) twice
// (Message-ID names them), and every due step must end sent (received exactly once) or visibly
// unknown (ARCHITECTURE decision 5: at most once; a crash between hand-off and record is
// `unknown`, never re-sent). Victims and kill points come from a fixed seed (CRASH_SEED overrides).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markStaleClaimsUnknown } from "../../../app/delivery/messages.server";
import { STALE_CLAIM_MS } from "../../../app/delivery/policy";
import { getDb } from "../../../app/db.server";
import { seedDueWave, seedSendingShops } from "../../support/due-sends";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import { bundleScript, startWorker, waitFor, type WorkerProcess } from "../../support/worker-processes";
import { CONFIG } from "../delivery/fixtures";

const SHOPS = 4;
const WORKERS = 3;
const ROUNDS = 3;
const WAVE = 150; // due steps per wave: room for three first batches, and more
const BATCH_SIZE = 20;
const KILL_BY = 12; // a victim dies at its k-th email of the wave, 1 <= k <= KILL_BY < BATCH_SIZE
const CONCURRENCY = 4; // sends in flight per worker: the most one kill can leave unknown
const LEASE_MS = 5_000;
const SEED = Number(process.env.CRASH_SEED ?? 20261204);
const SCRIPT = path.resolve("tests/integration/scheduler/multi-worker-sender.child.ts");

const workerOf = (raw: string) =>
  /^x-test-worker:\s*(\S+)/im.exec(raw.slice(0, raw.indexOf("\r\n\r\n")))?.[1];
const secs = (from: number, to: number) => ((to - from) / 1000).toFixed(1);
/** Progress on stderr as it happens (a slow CI machine shows where the time goes). */
const progress = (what: string) => process.stderr.write(`multi-worker crash: ${what}\n`);

function seeded(seed: number) {
  let s = seed >>> 0;
  return (min: number, max: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return min + (s % (max - min + 1));
  };
}

/** A victim of the current wave: killed when its `at`-th email of the wave has fully arrived. */
interface Armed {
  worker: WorkerProcess;
  at: number;
  seen: number;
  killedOn?: string;
}

// Only on PostgreSQL: this is about several processes sharing one database (FOR UPDATE SKIP
// LOCKED). The `.pg.test.ts` name keeps it out of the SQLite run (vite.config.ts) and in
// `npm run test:pg`, which .ci/run executes (tests/contract/ci-stages.test.ts checks both).
describe("several workers on PostgreSQL, killed -9 mid-batch while sending", () => {
  let smtp: TestSmtpServer;
  const perProcess = new Map<string, number>();
  const armed = new Map<string, Armed>();
  const live: WorkerProcess[] = [];
  let script = "";

  beforeAll(async () => {
    script = await bundleScript(SCRIPT);
    smtp = await startSmtpServer({
      // Runs before the server answers the DATA command: a kill here lands after the hand-off
      // and before the worker can hear that it succeeded.
      onMessage: (mail) => {
        const name = workerOf(mail.raw) ?? "unnamed";
        perProcess.set(name, (perProcess.get(name) ?? 0) + 1);
        const victim = armed.get(name);
        if (victim && !victim.killedOn && ++victim.seen === victim.at) {
          victim.killedOn = mail.messageId ?? "none";
          victim.worker.child.kill("SIGKILL");
        }
      },
    });
  });
  afterAll(async () => {
    for (const w of live) w.child.kill("SIGKILL");
    await smtp?.close();
  });

  it("delivers every due step at most once across repeated SIGKILLs and restarts", {
    timeout: 240_000,
  }, async () => {
    const started = Date.now();
    const db = getDb();
    const random = seeded(SEED);
    const prefix = `mwc-${Math.random().toString(36).slice(2, 8)}`;
    const shops = await seedSendingShops(db, { shops: SHOPS, prefix, now: new Date() });
    const env = {
      SMTP_URL: smtp.url,
      CONCURRENCY: String(CONCURRENCY),
      BATCH_SIZE: String(BATCH_SIZE),
      LEASE_MS: String(LEASE_MS),
      LOG_LEVEL: "warn",
    };
    const generation = new Array(WORKERS).fill(0);
    const spawnSlot = (slot: number) => {
      const w = startWorker(script, `w${slot}-g${++generation[slot]}`, env);
      live.push(w);
      return w;
    };
    const slots = Array.from({ length: WORKERS }, (_, i) => spawnSlot(i));
    const outputs = () => slots.map((w) => `--- ${w.name}\n${w.output().slice(-2_000)}`).join("\n");
    const allReady = () =>
      waitFor(
        () => {
          const dead = slots.find((w) => w.child.exitCode !== null);
          if (dead) throw new Error(`${dead.name} exited early:\n${dead.output()}`);
          return slots.every((w) => w.output().includes(`${w.name} ready`));
        },
        "every worker polling",
        90_000,
        20,
      ).catch((error) => Promise.reject(new Error(`${error.message}\n${outputs()}`)));

    let seededTotal = 0;
    const wave = async () => {
      await seedDueWave(db, { shops, prefix, from: seededTotal, count: WAVE, now: new Date() });
      seededTotal += WAVE;
    };

    const kills: Armed[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await allReady();
      progress(`round ${round + 1}: all polling after ${secs(started, Date.now())} s`);
      const survivor = random(0, WORKERS - 1);
      const victims = [0, 1, 2].filter((slot) => slot !== survivor);
      armed.clear();
      // k < BATCH_SIZE: the kill falls inside the victim's first batch of the wave.
      for (const slot of victims)
        armed.set(slots[slot].name, { worker: slots[slot], at: random(1, KILL_BY), seen: 0 });
      await wave();
      for (const slot of victims) {
        const victim = armed.get(slots[slot].name)!;
        const exit = await Promise.race([
          victim.worker.exited,
          new Promise<never>((_, reject) =>
            setTimeout(
              () => reject(new Error(`round ${round + 1}: ${victim.worker.name} not killed\n${outputs()}`)),
              90_000,
            ),
          ),
        ]);
        expect(exit.signal, victim.worker.output()).toBe("SIGKILL");
        expect(victim.seen).toBe(victim.at);
        kills.push(victim);
        // What it left claimed (until its lease runs out): the send in flight and the batch's rest.
        const held = await db.dueStep.count({ where: { lockedBy: victim.worker.name, status: "claimed" } });
        progress(
          `round ${round + 1}: ${victim.worker.name} killed at its email ${victim.at} of the wave, ${held} steps left claimed`,
        );
        slots[slot] = spawnSlot(slot);
      }
    }
    armed.clear();
    const lastKill = Date.now();

    // The final three share one more wave; then the killed workers' claims come back when their
    // lease runs out, and are found already handled.
    await allReady();
    progress(`last wave: all polling after ${secs(started, Date.now())} s`);
    const before = new Map(slots.map((w) => [w.name, perProcess.get(w.name) ?? 0]));
    await wave();
    await waitFor(
      async () => (await db.dueStep.count({ where: { shop: { in: shops }, status: { not: "done" } } })) === 0,
      "every due step handled",
      90_000,
      200,
    ).catch(async (error) => {
      const left = await db.dueStep.groupBy({ by: ["status"], where: { shop: { in: shops } }, _count: true });
      throw new Error(`${error.message}: ${JSON.stringify(left)}\n${outputs()}`);
    });
    const drained = Date.now();
    for (const w of slots) w.child.kill("SIGTERM");
    for (const w of slots) {
      const exit = await w.exited;
      expect(exit.code, `${w.name}: ${w.output()}`).toBe(0);
    }

    // Zero duplicates: no Message-ID (= run and step) arrived twice; every email names its sender.
    const counts = smtp.countsByMessageId();
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
    expect(smtp.received.every((m) => m.messageId && workerOf(m.raw))).toBe(true);

    // The next look (an injected time past the stale-claim window) turns claims that never got an
    // outcome into visible unknowns; then every (run, step) is sent or unknown: nothing is lost.
    const later = new Date(Date.now() + STALE_CLAIM_MS + 60_000);
    for (const shop of shops) await markStaleClaimsUnknown(db, later, shop);
    const messages = await db.message.findMany({
      where: { shop: { in: shops } },
      select: { runId: true, stepIndex: true, status: true, messageIdHeader: true },
    });
    expect(messages).toHaveLength(seededTotal);
    const byStatus: Record<string, number> = {};
    for (const m of messages) byStatus[m.status] = (byStatus[m.status] ?? 0) + 1;
    expect(Object.keys(byStatus).sort()).toEqual(["sent", "unknown"]);
    const sent = messages.filter((m) => m.status === "sent");
    expect(
      sent.every(
        (m) =>
          m.messageIdHeader === `<${m.runId}.0@${CONFIG.mailFromDomain}>` &&
          counts.get(m.messageIdHeader) === 1,
      ),
    ).toBe(true);
    const unknown = messages.filter((m) => m.status === "unknown");
    expect(unknown.length).toBeLessThanOrEqual(kills.length * CONCURRENCY);
    const ledger = new Set(messages.map((m) => m.messageIdHeader));
    expect([...counts.keys()].filter((id) => !ledger.has(id))).toEqual([]);

    // Each kill's email arrived once and is unknown (handed off, never recorded, never re-sent);
    // its step was claimed again after the lease, by whichever worker, and found already handled.
    const unknownIds = new Set(unknown.map((m) => m.messageIdHeader));
    for (const k of kills) {
      expect(unknownIds.has(k.killedOn!), k.killedOn).toBe(true);
      expect(counts.get(k.killedOn!)).toBe(1);
    }
    const killedRuns = kills.map((k) => messages.find((m) => m.messageIdHeader === k.killedOn)!.runId);
    const retaken = await db.dueStep.findMany({
      where: { runId: { in: killedRuns } },
      select: { status: true, attempts: true },
    });
    expect(retaken).toHaveLength(kills.length);
    expect(retaken.every((s) => s.status === "done" && s.attempts >= 2)).toBe(true);
    const steps = await db.dueStep.groupBy({
      by: ["status"],
      where: { shop: { in: shops } },
      _count: { _all: true },
    });
    expect(steps).toEqual([{ status: "done", _count: { _all: seededTotal } }]);

    // Shared work: every killed process had sent its k emails; the final three all sent some.
    expect(kills).toHaveLength(ROUNDS * 2);
    expect(live).toHaveLength(WORKERS + kills.length);
    for (const k of kills) expect(perProcess.get(k.worker.name) ?? 0).toBeGreaterThanOrEqual(k.at);
    for (const w of slots) expect((perProcess.get(w.name) ?? 0) - before.get(w.name)!).toBeGreaterThan(0);
    console.info(
      `multi-worker crash (seed ${SEED}): ${seededTotal} due steps, ${smtp.received.length} received, ${byStatus.sent} sent, ${unknown.length} unknown, ` +
        `${kills.length} kills (${kills.map((k) => `${k.worker.name}@${k.at}`).join(" ")}), 0 duplicates, ` +
        `per process ${live.map((w) => `${w.name}=${perProcess.get(w.name) ?? 0}`).join(" ")}, ` +
        `${secs(started, Date.now())} s (rounds ${secs(started, lastKill)}, last wave and drain ${secs(lastKill, drained)})`,
    );
  });
});
