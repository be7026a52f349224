// Carries out the engine's enrollment actions against the database: runs, their first due step and
// the why-log, each in one transaction so a crash never leaves a run without its step.
import type { Prisma } from "@prisma/client";
import type { Db } from "../db/client.server";
import type { TriggerAction } from "./actions";
import { assertNever } from "./catalog";
import { recordWhy } from "./why.server";

type Tx = Prisma.TransactionClient;

export interface ApplyResult {
  enrolled: number;
  exited: number;
  duplicates: number;
}

// By code, not instanceof: on PostgreSQL the error comes from the other generated client's runtime.
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

async function createRun(
  tx: Tx,
  shop: string,
  a: Extract<TriggerAction, { type: "enroll" | "restart" }>,
  now: Date,
) {
  const run = await tx.flowRun.create({
    data: {
      shop,
      flowKey: a.flowKey,
      flowVersion: a.version,
      enrollKey: a.enrollKey,
      customerShopifyId: a.customer.customerShopifyId,
      email: a.customer.email?.toLowerCase() ?? null,
      holdout: a.holdout,
      context: JSON.stringify(a.context),
      startedAt: a.startedAt,
      nextStepAt: a.firstDueAt,
    },
    select: { id: true },
  });
  await tx.dueStep.create({
    data: { shop, runId: run.id, stepIndex: 0, dueAt: a.firstDueAt, createdAt: now },
  });
  return run.id;
}

/** Ends an active run and cancels its pending steps; false when it had already ended. */
export async function endRun(
  tx: Tx | Db,
  shop: string,
  runId: string,
  status: "exited" | "cancelled" | "completed",
  reason: string,
  now: Date,
): Promise<boolean> {
  const ended = await tx.flowRun.updateMany({
    where: { id: runId, shop, status: "active" },
    data: { status, exitReason: reason, endedAt: now, nextStepAt: null },
  });
  if (ended.count === 0) return false;
  await tx.dueStep.updateMany({
    where: { runId, shop, status: "pending" },
    data: { status: "cancelled", updatedAt: now },
  });
  return true;
}

export async function applyTriggerActions(
  db: Db,
  shop: string,
  actions: TriggerAction[],
  now: Date,
): Promise<ApplyResult> {
  const result: ApplyResult = { enrolled: 0, exited: 0, duplicates: 0 };
  for (const a of actions) {
    const who = {
      shop,
      customerShopifyId: a.type === "cancel_all" ? null : a.customer.customerShopifyId,
      email: a.type === "cancel_all" ? null : a.customer.email,
    };
    switch (a.type) {
      case "enroll":
      case "restart": {
        try {
          await db.$transaction(async (tx) => {
            if (a.type === "restart") {
              const ended = await endRun(tx, shop, a.runId, "exited", a.reason, now);
              if (ended)
                await recordWhy(tx, {
                  ...who,
                  runId: a.runId,
                  flowKey: a.flowKey,
                  kind: "restarted",
                  reason: a.reason,
                  at: now,
                });
            }
            const runId = await createRun(tx, shop, a, now);
            const reason = a.holdout ? `${a.reason}; in the holdout group (will receive nothing)` : a.reason;
            await recordWhy(tx, {
              ...who,
              runId,
              flowKey: a.flowKey,
              kind: a.holdout ? "holdout" : "enrolled",
              reason,
              at: now,
              detail: { firstDueAt: a.firstDueAt.toISOString(), version: a.version },
            });
          });
          result.enrolled++;
        } catch (error) {
          // Enrolling twice with the same key is a no-op, not an error (webhooks are redelivered).
          if (!isUniqueViolation(error)) throw error;
          result.duplicates++;
        }
        break;
      }
      case "exit": {
        const ended = await db.$transaction(async (tx) => {
          const done = await endRun(tx, shop, a.runId, "exited", a.reason, now);
          if (done)
            await recordWhy(tx, {
              ...who,
              runId: a.runId,
              flowKey: a.flowKey,
              kind: a.kind,
              reason: a.reason,
              at: now,
            });
          return done;
        });
        if (ended) result.exited++;
        break;
      }
      case "ignore":
        await recordWhy(db, { ...who, flowKey: a.flowKey, kind: "not_enrolled", reason: a.reason, at: now });
        break;
      case "cancel_all": {
        const ended = await db.flowRun.updateMany({
          where: { shop, status: "active" },
          data: { status: "cancelled", exitReason: a.reason, endedAt: now, nextStepAt: null },
        });
        await db.dueStep.updateMany({
          where: { shop, status: "pending" },
          data: { status: "cancelled", updatedAt: now },
        });
        result.exited += ended.count;
        break;
      }
      default:
        assertNever(a);
    }
  }
  return result;
}
