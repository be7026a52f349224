// Handles one claimed batch: the engine decides each step, sends go to the injected `send`, and
// the outcomes are written back in a few batched statements (outcomes.server.ts), each conditional
// on this worker still holding the claim.
import type { Db } from "../db/client.server";
import type { StepSendRequest, StepSendResult } from "../domain/delivery";
import type { StepDecision } from "../flows/actions";
import { decideDueStep } from "../flows/due-step";
import type { ClaimedStep } from "./claim.server";
import { type Outcome, writeOutcomes } from "./outcomes.server";
import type { Sql } from "./sql.server";
import { loadBatchFacts } from "./step-inputs.server";

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
