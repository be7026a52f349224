// Raw SQL for the scheduler's hot path. Through Prisma's JS engine each model query costs ~10-30 ms
// of query compilation here, against ~0.5 ms for the same SQL sent raw (measured, see the bench);
// the claim/load/write loop runs a few statements per batch, so they go raw. `?` placeholders are
// rewritten to $n for PostgreSQL; both dialects share the quoted identifiers of the Prisma schema.
import type { Db } from "../db/client.server";
import type { Dialect } from "./claim.server";

export interface Sql {
  dialect: Dialect;
  all<T>(text: string, ...params: unknown[]): Promise<T[]>;
  run(text: string, ...params: unknown[]): Promise<number>;
  /** "?,?,?" for an IN list of n values (n ≥ 1). */
  list(n: number): string;
}

export function createSql(db: Db, dialect: Dialect): Sql {
  const fix = (text: string) => {
    if (dialect !== "postgresql") return text;
    let i = 0;
    return text.replace(/\?/g, () => `$${++i}`);
  };
  return {
    dialect,
    all: <T>(text: string, ...params: unknown[]) => db.$queryRawUnsafe<T[]>(fix(text), ...params),
    run: (text: string, ...params: unknown[]) => db.$executeRawUnsafe(fix(text), ...params),
    list: (n: number) => Array.from({ length: Math.max(1, n) }, () => "?").join(","),
  };
}

export const asDate = (v: unknown): Date | null =>
  v == null ? null : v instanceof Date ? v : new Date(String(v));
export const asBool = (v: unknown): boolean => v === true || v === 1 || v === "1" || v === "true" || v === 1n;
