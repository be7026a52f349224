// Handles one claimed batch: the engine decides each step, sends go to the injected `send`, and
// the outcomes are written back in a few batched statements. Every write is conditional on this
// worker still holding the claim, so a worker that lost its lease cannot undo another's work.
import type { Db } from "../db/client.server";
import type { StepSendRequest, StepSendResult } from "../domain/delivery";
import type { StepDecision } from "../flows/actions";
import { decideDueStep, nextStep } from "../flows/due-step";
import { type WhyEntry, recordWhy } from "../flows/why.server";
import type { ClaimedStep } from "./claim.server";
import { loadBatchFacts } from "./step-inputs.server";

export type Send = (req: StepSendRequest) => Promise<StepSendResult>;

export interface ProcessOptions {
  db: Db;
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
  const facts = await loadBatchFacts(db, steps, o.now());
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

async function writeOutcomes(
  o: ProcessOptions,
  facts: Awaited<ReturnType<typeof loadBatchFacts>>,
  all: Outcome[],
): Promise<void> {
  const { db, workerId } = o;
  const now = o.now();
  // A batch slower than its lease may have been retaken: write only what this worker still holds.
  const held = await db.dueStep.findMany({
    where: { id: { in: all.map((x) => x.step.id) }, lockedBy: workerId, status: "claimed" },
    select: { id: true },
  });
  const owned = new Set(held.map((h) => h.id));
  const outcomes = all.filter((x) => owned.has(x.step.id));
  const mine = (ids: string[]) => ({ id: { in: ids }, lockedBy: workerId, status: "claimed" });
  const finished = outcomes.filter((x): x is Extract<Outcome, { kind: "finished" }> => x.kind === "finished");
  const dropped = outcomes.filter((x) => x.kind === "dropped").map((x) => x.step.id);
  const why: WhyEntry[] = outcomes.flatMap((x) => ("why" in x && x.why ? [x.why] : []));

  const writes = [];
  if (finished.length) {
    writes.push(
      db.dueStep.updateMany({
        where: mine(finished.map((f) => f.step.id)),
        data: { status: "done", lockedBy: null, lockedUntil: null, updatedAt: now },
      }),
    );
  }
  if (dropped.length) {
    writes.push(
      db.dueStep.updateMany({
        where: mine(dropped),
        data: { status: "cancelled", lockedBy: null, lockedUntil: null, updatedAt: now },
      }),
    );
  }
  for (const x of outcomes) {
    if (x.kind === "deferred") {
      writes.push(
        db.dueStep.updateMany({
          where: mine([x.step.id]),
          data: {
            status: "pending",
            dueAt: x.until,
            lockedBy: null,
            lockedUntil: null,
            updatedAt: now,
            ...(x.resetAttempts ? { attempts: 0 } : {}),
            lastError: x.lastError ?? null,
          },
        }),
        db.flowRun.updateMany({
          where: { id: x.step.runId, status: "active" },
          data: { nextStepAt: x.until },
        }),
      );
    } else if (x.kind === "parked") {
      writes.push(
        db.dueStep.updateMany({
          where: mine([x.step.id]),
          data: {
            status: "parked",
            lockedBy: null,
            lockedUntil: null,
            lastError: x.error.slice(0, 1000),
            updatedAt: now,
          },
        }),
      );
    }
  }
  // Ended runs: group by reason (one statement per reason).
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
  for (const [reason, ids] of exits) {
    writes.push(
      db.flowRun.updateMany({
        where: { id: { in: ids }, status: "active" },
        data: { status: "exited", exitReason: reason, endedAt: now, nextStepAt: null },
      }),
    );
  }
  if (completes.length) {
    writes.push(
      db.flowRun.updateMany({
        where: { id: { in: completes }, status: "active" },
        data: { status: "completed", exitReason: "all steps done", endedAt: now, nextStepAt: null },
      }),
    );
  }
  const results = await db.$transaction([
    ...writes,
    ...schedules.map((s) =>
      db.flowRun.updateMany({
        where: { id: s.runId, status: "active" },
        data: { currentStep: s.stepIndex, nextStepAt: s.dueAt },
      }),
    ),
  ]);
  // Only runs still active get their next step (one may have exited while this batch ran).
  const still = schedules.filter((_, i) => results[writes.length + i].count === 1);
  if (still.length) {
    const rows = still.map((s) => ({
      shop: s.shop,
      runId: s.runId,
      stepIndex: s.stepIndex,
      dueAt: s.dueAt,
      createdAt: now,
      updatedAt: now,
    }));
    try {
      await db.dueStep.createMany({ data: rows });
    } catch {
      // One of them exists already (a retaken batch): create the rest one by one.
      for (const row of rows) await db.dueStep.create({ data: row }).catch(() => undefined);
    }
  }
  await recordWhy(db, why);
}
