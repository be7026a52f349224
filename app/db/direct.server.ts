// A way around Prisma for the very few statements where its per-query cost dominates (the webhook
// receive insert: hundreds of bound parameters per group commit are serialised through the
// WebAssembly query compiler and back). Statements go straight to the driver Prisma already uses:
// on SQLite the adapter's one connection (never inside an open Prisma transaction), on PostgreSQL
// the adapter's pool. Absent (not connected yet, or disconnected) → callers fall back to Prisma.
import type { Db } from "./client.server";

export type Dialect = "sqlite" | "postgresql";

export interface DirectSql {
  dialect: Dialect;
  /** Runs one statement with positional parameters (`?` on SQLite, `$n` on PostgreSQL); rows changed. */
  execute(sql: string, args: unknown[]): Promise<number>;
}

const registry = new WeakMap<object, () => DirectSql | undefined>();

export function registerDirectSql(db: object, get: () => DirectSql | undefined): void {
  registry.set(db, get);
}

export function directSql(db: Db): DirectSql | undefined {
  return registry.get(db)?.();
}

/** Binds a timestamp the way Prisma's adapters store DateTime, so Prisma reads it back unchanged. */
export function dateArg(dialect: Dialect, value: Date | null): string | null {
  if (!value) return null;
  const iso = value.toISOString();
  // SQLite (adapter-libsql, iso8601): "…Z" → "…+00:00"; PostgreSQL timestamp(3) without zone: UTC text.
  return dialect === "sqlite" ? iso.replace("Z", "+00:00") : iso.replace("T", " ").replace("Z", "");
}

/** Positional placeholder number `n` (1-based) in the dialect. */
export function placeholder(dialect: Dialect, n: number): string {
  return dialect === "sqlite" ? "?" : `$${n}`;
}
