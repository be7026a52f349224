// Handles one claimed batch: the engine decides each step, sends go to the injected `send`, and
// the outcomes are written back in a few batched statements. Every write is conditional on this
// worker still holding the claim, so a worker that lost its lease cannot undo another's work.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.server";
import type { StepSendRequest, StepSendResult } from "../domain/delivery";
import type { StepDecision } from "../flows/actions";
import { decideDueStep, nextStep } from "../flows/due-step";
import { type WhyEntry, recordWhy } from "../flows/why.server";
import type { ClaimedStep } from "./claim.server";
import type { Sql } from "./sql.server";
import { type BatchFacts, loadBatchFacts } from "./step-inputs.server";

export type Send = (req: StepSendRequest) => Promise<StepSendResult>;

export interface ProcessOptions {
  db: Db;
  sql: Sql;
  send: Send;
  workerId: string;
  now: () => Date;
  maxAttempts: number;
  /** Sends in flight at once (different customers; one customer's steps go in order). */
  concurrency: number;
  /** Holds back a step whose copy is not approved yet. */
  heldRetryMs: number;
}

export interface BatchStats {
  claimed: number;
  sent: number;
  deferred: number;
  skipped: number;
  exited: number;
  retried: number;
  parked: number;
  alreadyHandled: number;
}

/** Messages in these states were handed to (or refused by) delivery: never call send again. */
const FINAL_MESSAGE = new Set(["sent", "unknown", "failed", "bounced", "skipped"]);

export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

type Outcome =
  | { kind: "finished"; step: ClaimedStep; why?: WhyEntry; endRun?: { status: "exited"; reason: string } }
  | { kind: "dropped"; step: ClaimedStep }
  | {
      kind: "deferred";
      step: ClaimedStep;
      until: Date;
      why: WhyEntry;
      resetAttempts: boolean;
      lastError?: string;
    }
  | { kind: "parked"; step: ClaimedStep; error: string; why: WhyEntry };

export async function processBatch(o: ProcessOptions, steps: ClaimedStep[]): Promise<BatchStats> {
  const stats: BatchStats = {
    claimed: steps.length,
    sent: 0,
    deferred: 0,
    skipped: 0,
    exited: 0,
    retried: 0,
    parked: 0,
    alreadyHandled: 0,
  };
  if (steps.length === 0) return stats;
  const { db } = o;
  const facts = await loadBatchFacts(db, o.sql, steps, o.now());
  const outcomes: Outcome[] = [];

  const handle = async (step: ClaimedStep): Promise<void> => {
    const run = facts.runs.get(step.runId);
    const who = {
      shop: step.shop,
      customerShopifyId: run?.customerShopifyId ?? null,
      email: run?.email ?? null,
      runId: step.runId,
      flowKey: run?.flowKey ?? null,
    };
    const msgKey = `${step.runId}:${step.stepIndex}`;
    const prior = facts.messages.get(msgKey);
    if (prior && FINAL_MESSAGE.has(prior)) {
      // Retaken after a crash between delivery's record and ours: the message exists, move on.
      stats.alreadyHandled++;
      outcomes.push({ kind: "finished", step });
      return;
    }
    try {
      const now = o.now();
      const input = await facts.inputFor(step, now);
      const decision: StepDecision = input
        ? decideDueStep(input)
        : { type: "drop", reason: "run or flow version missing" };
      const detail = { stepIndex: step.stepIndex, stepKey: input?.definition.steps[step.stepIndex]?.key };
      switch (decision.type) {
        case "drop":
          outcomes.push({ kind: "dropped", step });
          return;
        case "exit":
          stats.exited++;
          outcomes.push({
            kind: "finished",
            step,
            endRun: { status: "exited", reason: decision.reason },
            why: { ...who, kind: decision.kind, reason: decision.reason, at: now, detail },
          });
          return;
        case "defer":
          stats.deferred++;
          outcomes.push({
            kind: "deferred",
            step,
            until: decision.until,
            resetAttempts: true,
            why: {
              ...who,
              kind: decision.kind,
              reason: decision.reason,
              at: now,
              detail: { ...detail, until: decision.until.toISOString() },
            },
          });
          return;
        case "skip":
          stats.skipped++;
          outcomes.push({
            kind: "finished",
            step,
            why: { ...who, kind: decision.kind, reason: decision.reason, at: now, detail },
          });
          return;
        case "send": {
          const run = input!.run;
          const result = await o.send({
            shop: step.shop,
            runId: step.runId,
            stepIndex: step.stepIndex,
            flowKey: run.flowKey,
            stepKey: input!.definition.steps[step.stepIndex].key,
            customerShopifyId: run.customerShopifyId,
            email: run.email ?? "",
            productShopifyIds: decision.productShopifyIds,
            context: run.context as Record<string, unknown>,
            discountPercent: decision.discountPercent,
            holdout: run.holdout,
            now,
          });
          // Delivery writes its own why-log line for each outcome; ours would repeat it.
          switch (result.status) {
            case "sent":
              stats.sent++;
              facts.noteSent(step.shop, run.customerShopifyId, run.flowKey, now);
              outcomes.push({ kind: "finished", step });
              return;
            case "skipped":
            case "unknown":
            case "failed":
              outcomes.push({ kind: "finished", step });
              return;
            case "held":
              stats.deferred++;
              outcomes.push({
                kind: "deferred",
                step,
                until: new Date(now.getTime() + (result.retryAfterMs ?? o.heldRetryMs)),
                resetAttempts: true,
                lastError: result.reason,
                why: { ...who, kind: "held", reason: result.reason, at: now, detail },
              });
              return;
            case "retry":
              throw new RetryLater(result.reason, result.retryAfterMs);
          }
        }
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const now = o.now();
      if (step.attempts >= o.maxAttempts) {
        stats.parked++;
        outcomes.push({
          kind: "parked",
          step,
          error: message,
          why: {
            ...who,
            kind: "parked",
            reason: `gave up after ${step.attempts} attempts: ${message}`,
            at: now,
          },
        });
      } else {
        stats.retried++;
        const wait = Math.max(
          backoffMs(step.attempts),
          error instanceof RetryLater ? (error.retryAfterMs ?? 0) : 0,
        );
        outcomes.push({
          kind: "deferred",
          step,
          until: new Date(now.getTime() + wait),
          resetAttempts: false,
          lastError: message,
          why: {
            ...who,
            kind: "retry",
            reason: `attempt ${step.attempts} failed, retrying: ${message}`,
            at: now,
          },
        });
      }
    }
  };

  // One customer's steps in due order; different customers in parallel up to `concurrency`.
  const lanes = new Map<string, ClaimedStep[]>();
  for (const s of steps) {
    const run = facts.runs.get(s.runId);
    const lane = `${s.shop}|${run?.customerShopifyId ?? run?.email ?? s.runId}`;
    lanes.set(lane, [...(lanes.get(lane) ?? []), s]);
  }
  const queue = [...lanes.values()];
  await Promise.all(
    Array.from({ length: Math.min(o.concurrency, queue.length) }, async () => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) for (const s of lane) await handle(s);
    }),
  );
  await writeOutcomes(o, facts, outcomes);
  return stats;
}

class RetryLater extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

async function writeOutcomes(o: ProcessOptions, facts: BatchFacts, all: Outcome[]): Promise<void> {
  const { db, workerId, sql } = o;
  const now = o.now();
  if (all.length === 0) return;
  // A batch slower than its lease may have been retaken: write only what this worker still holds.
  const allIds = all.map((x) => x.step.id);
  const held = await sql.all<{ id: string }>(
    `SELECT "id" FROM "DueStep" WHERE "id" IN (${sql.list(allIds.length)}) AND "lockedBy" = ? AND "status" = 'claimed'`,
    ...allIds,
    workerId,
  );
  const owned = new Set(held.map((h) => h.id));
  const outcomes = all.filter((x) => owned.has(x.step.id));
  const finished = outcomes.filter((x): x is Extract<Outcome, { kind: "finished" }> => x.kind === "finished");
  const dropped = outcomes.filter((x) => x.kind === "dropped").map((x) => x.step.id);
  const why: WhyEntry[] = outcomes.flatMap((x) => ("why" in x && x.why ? [x.why] : []));

  const release = (status: string, ids: string[]) =>
    db.$executeRawUnsafe(
      fix(
        sql,
        `UPDATE "DueStep" SET "status" = '${status}', "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = ? WHERE "id" IN (${sql.list(ids.length)}) AND "lockedBy" = ?`,
      ),
      now,
      ...ids,
      workerId,
    );
  const writes = [];
  if (finished.length)
    writes.push(
      release(
        "done",
        finished.map((f) => f.step.id),
      ),
    );
  if (dropped.length) writes.push(release("cancelled", dropped));
  for (const x of outcomes) {
    if (x.kind === "deferred") {
      writes.push(
        db.$executeRawUnsafe(
          fix(
            sql,
            `UPDATE "DueStep" SET "status" = 'pending', "dueAt" = ?, "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = ?, "lastError" = ?${x.resetAttempts ? `, "attempts" = 0` : ""} WHERE "id" = ? AND "lockedBy" = ?`,
          ),
          x.until,
          now,
          x.lastError ?? null,
          x.step.id,
          workerId,
        ),
        db.$executeRawUnsafe(
          fix(
            sql,
            `UPDATE "FlowRun" SET "nextStepAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "status" = 'active'`,
          ),
          x.until,
          now,
          x.step.runId,
        ),
      );
    } else if (x.kind === "parked") {
      writes.push(
        db.$executeRawUnsafe(
          fix(
            sql,
            `UPDATE "DueStep" SET "status" = 'parked', "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = ?, "updatedAt" = ? WHERE "id" = ? AND "lockedBy" = ?`,
          ),
          x.error.slice(0, 1000),
          now,
          x.step.id,
          workerId,
        ),
      );
    }
  }
  const endRuns = (status: string, reason: string, ids: string[]) =>
    db.$executeRawUnsafe(
      fix(
        sql,
        `UPDATE "FlowRun" SET "status" = '${status}', "exitReason" = ?, "endedAt" = ?, "nextStepAt" = NULL, "updatedAt" = ? WHERE "id" IN (${sql.list(ids.length)}) AND "status" = 'active'`,
      ),
      reason,
      now,
      now,
      ...ids,
    );
  const exits = new Map<string, string[]>();
  const completes: string[] = [];
  const schedules: Array<{ runId: string; shop: string; stepIndex: number; dueAt: Date }> = [];
  for (const f of finished) {
    if (f.endRun) {
      exits.set(f.endRun.reason, [...(exits.get(f.endRun.reason) ?? []), f.step.runId]);
      continue;
    }
    const run = facts.runs.get(f.step.runId);
    const definition = facts.definitions.get(f.step.runId);
    if (!run || !definition) continue;
    const next = nextStep(definition, run.startedAt, f.step.stepIndex, now);
    if (next.type === "complete") completes.push(f.step.runId);
    else
      schedules.push({
        runId: f.step.runId,
        shop: f.step.shop,
        stepIndex: next.stepIndex,
        dueAt: next.dueAt,
      });
  }
  for (const [reason, ids] of exits) writes.push(endRuns("exited", reason, ids));
  if (completes.length) writes.push(endRuns("completed", "all steps done", completes));
  const results = await db.$transaction([
    ...writes,
    ...schedules.map((x) =>
      db.$executeRawUnsafe(
        fix(
          sql,
          `UPDATE "FlowRun" SET "currentStep" = ?, "nextStepAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "status" = 'active'`,
        ),
        x.stepIndex,
        x.dueAt,
        now,
        x.runId,
      ),
    ),
  ]);
  // Only runs still active get their next step (one may have exited while this batch ran).
  const still = schedules.filter((_, i) => Number(results[writes.length + i]) === 1);
  for (let i = 0; i < still.length; i += 200) {
    const chunk = still.slice(i, i + 200);
    const values = chunk.map(() => "(?, ?, ?, ?, ?, 'pending', 0, ?, ?)").join(", ");
    // ON CONFLICT: a retaken batch may have created the next step already.
    await db.$executeRawUnsafe(
      fix(
        sql,
        `INSERT INTO "DueStep" ("id", "shop", "runId", "stepIndex", "dueAt", "status", "attempts", "createdAt", "updatedAt") VALUES ${values} ON CONFLICT DO NOTHING`,
      ),
      ...chunk.flatMap((x) => [randomUUID(), x.shop, x.runId, x.stepIndex, x.dueAt, now, now]),
    );
  }
  await recordWhy(db, why);
}

function fix(sql: Sql, text: string): string {
  if (sql.dialect !== "postgresql") return text;
  let i = 0;
  return text.replace(/\?/g, () => `$${++i}`);
}
