// Several worker processes share one PostgreSQL database and one real SMTP server; two of the three
// are SIGKILLed at random moments while mail flows, restarted, and the rest drains. The SMTP server
// must never receive one (run, step) twice (Message-ID names the run and step), every due step must
// end with its email sent or visibly unknown (at most the sends in flight at a kill), and the work
// must really be shared (every process sent some).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markStaleClaimsUnknown } from "../../../app/delivery/messages.server";
import { STALE_CLAIM_MS } from "../../../app/delivery/policy";
import { getDb } from "../../../app/db.server";
import { seedDueSends } from "../../support/due-sends";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import { startWorker, waitFor, type WorkerProcess } from "../../support/worker-processes";
import { CONFIG } from "../delivery/fixtures";

const TOTAL = 3_000;
const SHOPS = 4;
const WORKERS = 3;
const ROUNDS = 3;
const CONCURRENCY = 4; // sends in flight per worker: the most one kill can leave unknown
const SCRIPT = path.resolve("tests/integration/scheduler/multi-worker-sender.child.ts");

const workerOf = (raw: string) =>
  /^x-test-worker:\s*(\S+)/im.exec(raw.slice(0, raw.indexOf("\r\n\r\n")))?.[1];
const secs = (from: number, to: number) => ((to - from) / 1000).toFixed(1);
const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

// Only on PostgreSQL: this is about several processes sharing one database (FOR UPDATE SKIP
// LOCKED). The `.pg.test.ts` name keeps it out of the SQLite run (vite.config.ts) and in
// `npm run test:pg`, which .ci/run executes (tests/contract/ci-stages.test.ts checks both).
describe("several workers on PostgreSQL, killed -9 while sending", () => {
  let smtp: TestSmtpServer;
  const perProcess = new Map<string, number>();
  const live: WorkerProcess[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer({
      onMessage: (mail) => {
        const name = workerOf(mail.raw) ?? "unnamed";
        perProcess.set(name, (perProcess.get(name) ?? 0) + 1);
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
    const prefix = `mwc-${Math.random().toString(36).slice(2, 8)}`;
    const { shops } = await seedDueSends(db, { total: TOTAL, shops: SHOPS, prefix, now: new Date() });
    const seeded = Date.now();
    const env = { SMTP_URL: smtp.url, CONCURRENCY: String(CONCURRENCY), LOG_LEVEL: "error" };
    const generation = new Array(WORKERS).fill(0);
    const spawnSlot = (slot: number) => startWorker(SCRIPT, `w${slot}-g${++generation[slot]}`, env);
    const slots = Array.from({ length: WORKERS }, (_, i) => spawnSlot(i));
    live.push(...slots);
    const sentBy = (w: WorkerProcess) => perProcess.get(w.name) ?? 0;
    const remaining = () => db.dueStep.count({ where: { shop: { in: shops }, status: { not: "done" } } });

    let kills = 0;
    const atKill: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Mail must be flowing from every live process before the kill: each is mid-batch.
      const [a, b] = [0, 1, 2].sort(() => Math.random() - 0.5);
      const after = [randomInt(20, 120), randomInt(20, 120)];
      await waitFor(
        () =>
          slots.every((w) => sentBy(w) > 0) && sentBy(slots[a]) >= after[0] && sentBy(slots[b]) >= after[1],
        `round ${round + 1}: workers ${slots[a].name} and ${slots[b].name} sending`,
        60_000,
      );
      const victims = [slots[a], slots[b]];
      for (const victim of victims) victim.child.kill("SIGKILL");
      atKill.push(smtp.received.length);
      for (const victim of victims) {
        const exit = await victim.exited;
        expect(exit.signal, victim.output()).toBe("SIGKILL");
        kills++;
      }
      for (const slot of [a, b]) {
        slots[slot] = spawnSlot(slot);
        live.push(slots[slot]);
      }
    }
    expect(atKill.at(-1)).toBeLessThan(TOTAL); // the kills really happened mid-send
    const lastKill = Date.now();

    // Let all drain: the killed workers' claims come back when their lease runs out.
    await waitFor(async () => (await remaining()) === 0, "every due step handled", 90_000, 200);
    const drained = Date.now();
    for (const w of slots) w.child.kill("SIGTERM");
    for (const w of slots) {
      const exit = await w.exited;
      expect(exit.code, `${w.name}: ${w.output()}`).toBe(0);
    }

    // Zero duplicates: no Message-ID (= run and step) arrived twice.
    const counts = smtp.countsByMessageId();
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
    expect(smtp.received.every((m) => m.messageId && workerOf(m.raw))).toBe(true);
    const idOf = (runId: string) => `<${runId}.0@${CONFIG.mailFromDomain}>`;

    // The next look (an injected time past the stale-claim window) turns claims that never got an
    // outcome into visible unknowns; then every (run, step) is sent or unknown, nothing is lost.
    const later = new Date(Date.now() + STALE_CLAIM_MS + 60_000);
    for (const shop of shops) await markStaleClaimsUnknown(db, later, shop);
    const messages = await db.message.findMany({
      where: { shop: { in: shops } },
      select: { runId: true, stepIndex: true, status: true, messageIdHeader: true },
    });
    expect(messages).toHaveLength(TOTAL);
    const byStatus: Record<string, number> = {};
    for (const m of messages) byStatus[m.status] = (byStatus[m.status] ?? 0) + 1;
    expect(Object.keys(byStatus).sort()).toEqual(byStatus.unknown ? ["sent", "unknown"] : ["sent"]);
    const unknown = messages.filter((m) => m.status === "unknown");
    expect(unknown.length).toBeLessThanOrEqual(kills * CONCURRENCY);
    expect(unknown.every((m) => (counts.get(m.messageIdHeader) ?? 0) <= 1)).toBe(true);
    const sent = messages.filter((m) => m.status === "sent");
    expect(
      sent.every((m) => m.messageIdHeader === idOf(m.runId) && counts.get(m.messageIdHeader) === 1),
    ).toBe(true);
    // Nothing arrived that is not one of the seeded (run, step)s.
    const ledger = new Set(messages.map((m) => m.messageIdHeader));
    expect([...counts.keys()].filter((id) => !ledger.has(id))).toEqual([]);
    const steps = await db.dueStep.groupBy({
      by: ["status"],
      where: { shop: { in: shops } },
      _count: { _all: true },
    });
    expect(steps).toEqual([{ status: "done", _count: { _all: TOTAL } }]);

    // Shared work: every process that ever ran sent some, and every slot a fair part.
    const processes = live.map((w) => w.name);
    expect(processes).toHaveLength(WORKERS + kills);
    expect(processes.filter((n) => !(perProcess.get(n) ?? 0))).toEqual([]);
    for (let slot = 0; slot < WORKERS; slot++) {
      const total = processes
        .filter((n) => n.startsWith(`w${slot}-`))
        .reduce((s, n) => s + perProcess.get(n)!, 0);
      expect(total).toBeGreaterThan(TOTAL / (WORKERS * 4));
    }
    expect(kills).toBe(ROUNDS * 2);
    console.info(
      `multi-worker crash: ${TOTAL} due steps, ${smtp.received.length} received, ${byStatus.sent} sent, ${unknown.length} unknown, ` +
        `${kills} kills (at ${atKill.join("/")} received), 0 duplicates, per process ${processes.map((n) => `${n}=${perProcess.get(n)}`).join(" ")}, ` +
        `${secs(started, Date.now())} s (seed ${secs(started, seeded)}, kills ${secs(seeded, lastKill)}, drain ${secs(lastKill, drained)})`,
    );
  });
});
