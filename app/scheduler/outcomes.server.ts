// Writing a processed batch back: finished, dropped, deferred and parked steps in a few batched
// statements, each conditional on this worker still holding the claim (a worker that lost its
// lease cannot undo another's work), plus the why-log.
import { randomUUID } from "node:crypto";
import { nextStep } from "../flows/due-step";
import { recordWhy, type WhyEntry } from "../flows/why.server";
import type { ClaimedStep } from "./claim.server";
import type { ProcessOptions } from "./process.server";
import type { Sql } from "./sql.server";
import type { BatchFacts } from "./step-inputs.server";

export type Outcome =
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

export async function writeOutcomes(o: ProcessOptions, facts: BatchFacts, all: Outcome[]): Promise<void> {
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
