// The scheduler loop: claims due steps in small batches, hands them to processBatch, and sleeps
// when nothing is due. stop() lets the batch in hand finish (graceful shutdown); a killed process
// leaves claims whose lease runs out and another worker (or the restarted one) takes them again.
import { hostname } from "node:os";
import { type Clock, now as processClock } from "../clock.server";
import type { Db } from "../db/client.server";
import type { StepSendRequest, StepSendResult } from "../domain/delivery";
import { logger } from "../logger.server";
import { claimDueSteps, type Dialect, detectDialect, releaseExpiredLeases } from "./claim.server";
import { type BatchStats, processBatch, type Send } from "./process.server";
import { createSql } from "./sql.server";

export interface SchedulerOptions {
  db: Db;
  /** Defaults to delivery's sendStep (loaded on first use). */
  send?: Send;
  clock?: Clock;
  workerId?: string;
  dialect?: Dialect;
  batchSize?: number;
  leaseMs?: number;
  idleMs?: number;
  concurrency?: number;
  maxAttempts?: number;
  heldRetryMs?: number;
  /** Called after each batch (metrics, tests). */
  onBatch?: (stats: BatchStats) => void;
}

export interface Scheduler {
  start(): void;
  stop(): Promise<void>;
  /** Claims and handles one batch; returns how many steps it claimed. */
  runOnce(): Promise<BatchStats>;
  /** Runs batches until nothing is due (tests, demo clock jumps). */
  drain(maxBatches?: number): Promise<BatchStats>;
}

const realSend: Send = async (req: StepSendRequest): Promise<StepSendResult> => {
  const delivery = await import("../delivery/send-step.server");
  return delivery.sendStep(req);
};

export function createScheduler(options: SchedulerOptions): Scheduler {
  const db = options.db;
  const clock = options.clock ?? processClock;
  const workerId =
    options.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const batchSize = options.batchSize ?? 100;
  const leaseMs = options.leaseMs ?? 120_000;
  const idleMs = options.idleMs ?? 1_000;
  let dialect = options.dialect;
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let lastRelease = 0;

  const processOptions = {
    db,
    sql: createSql(db, options.dialect ?? "sqlite"),
    send: options.send ?? realSend,
    workerId,
    now: clock,
    maxAttempts: options.maxAttempts ?? 5,
    concurrency: options.concurrency ?? 8,
    heldRetryMs: options.heldRetryMs ?? 30 * 60_000,
  };

  async function runOnce(): Promise<BatchStats> {
    if (!dialect) {
      dialect = await detectDialect(db);
      processOptions.sql = createSql(db, dialect);
    }
    const now = clock();
    if (now.getTime() - lastRelease >= Math.min(leaseMs, 10_000)) {
      lastRelease = now.getTime();
      const released = await releaseExpiredLeases(db, now);
      if (released) logger.warn({ released, workerId }, "retook due steps whose lease ran out");
    }
    const steps = await claimDueSteps(db, dialect, { workerId, now, limit: batchSize, leaseMs });
    const stats = await processBatch(processOptions, steps);
    options.onBatch?.(stats);
    return stats;
  }

  async function drain(maxBatches = 10_000): Promise<BatchStats> {
    const total: BatchStats = {
      claimed: 0,
      sent: 0,
      deferred: 0,
      skipped: 0,
      exited: 0,
      retried: 0,
      parked: 0,
      alreadyHandled: 0,
    };
    for (let i = 0; i < maxBatches; i++) {
      lastRelease = 0;
      const s = await runOnce();
      for (const k of Object.keys(total) as Array<keyof BatchStats>) total[k] += s[k];
      if (s.claimed === 0) break;
    }
    return total;
  }

  async function run(): Promise<void> {
    while (running) {
      let claimed = 0;
      try {
        claimed = (await runOnce()).claimed;
      } catch (error) {
        logger.error({ err: error, workerId }, "scheduler batch failed");
      }
      if (claimed === 0 && running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, idleMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
      logger.info({ workerId, batchSize, leaseMs }, "scheduler started");
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      loop = null;
      logger.info({ workerId }, "scheduler stopped");
    },
    runOnce,
    drain,
  };
}
