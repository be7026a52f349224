// Claiming due steps from the database. One statement claims a batch: on PostgreSQL with
// FOR UPDATE SKIP LOCKED so several worker processes never take the same row; on SQLite (one
// writer) the conditional UPDATE alone is enough. A lease (lockedUntil) lets a killed worker's
// claims be retaken.
import type { Db } from "../db/client.server";

export type Dialect = "sqlite" | "postgresql";

export interface ClaimedStep {
  id: string;
  shop: string;
  runId: string;
  stepIndex: number;
  dueAt: Date;
  attempts: number;
}

const dialects = new WeakMap<object, Dialect>();

/** Asks the database what it is (the client type is shared by both providers). */
export async function detectDialect(db: Db): Promise<Dialect> {
  const known = dialects.get(db);
  if (known) return known;
  let dialect: Dialect = "sqlite";
  try {
    const rows = await db.$queryRawUnsafe<Array<{ v: string }>>("SELECT version() AS v");
    if (String(rows[0]?.v ?? "").includes("PostgreSQL")) dialect = "postgresql";
  } catch {
    dialect = "sqlite";
  }
  dialects.set(db, dialect);
  return dialect;
}

export interface ClaimOptions {
  workerId: string;
  now: Date;
  limit: number;
  leaseMs: number;
}

export async function claimDueSteps(db: Db, dialect: Dialect, o: ClaimOptions): Promise<ClaimedStep[]> {
  const until = new Date(o.now.getTime() + o.leaseMs);
  // Raw text rather than Prisma.sql fragments: the two generated clients do not share Sql classes.
  const p = dialect === "postgresql" ? (n: number) => `$${n}` : () => "?";
  const lock = dialect === "postgresql" ? "FOR UPDATE SKIP LOCKED" : "";
  const sql = `
    UPDATE "DueStep"
    SET "status" = 'claimed', "lockedBy" = ${p(1)}, "lockedUntil" = ${p(2)}, "attempts" = "attempts" + 1, "updatedAt" = ${p(3)}
    WHERE "id" IN (
      SELECT "id" FROM "DueStep"
      WHERE "status" = 'pending' AND "dueAt" <= ${p(4)}
      ORDER BY "dueAt"
      LIMIT ${Math.max(1, Math.floor(o.limit))}
      ${lock}
    )
    RETURNING "id", "shop", "runId", "stepIndex", "dueAt", "attempts"`;
  const rows = await db.$queryRawUnsafe<ClaimedStep[]>(sql, o.workerId, until, o.now, o.now);
  return rows
    .map((r) => ({
      ...r,
      stepIndex: Number(r.stepIndex),
      attempts: Number(r.attempts),
      dueAt: new Date(r.dueAt),
    }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** Returns the claims of workers whose lease ran out (killed or stuck) to the pending pool. */
export async function releaseExpiredLeases(db: Db, now: Date): Promise<number> {
  const released = await db.dueStep.updateMany({
    where: { status: "claimed", lockedUntil: { lt: now } },
    data: { status: "pending", lockedBy: null, lockedUntil: null, updatedAt: now },
  });
  return released.count;
}
