// A way around Prisma for the few hot statements where its per-query cost dominates (webhook receive
// and status writes, message claim/sent/why records): even a raw statement goes through the
// WebAssembly query compiler, which costs more CPU than the database does for it. Statements go
// straight to the driver Prisma already uses: on SQLite the adapter's one connection (never inside
// an open Prisma transaction), on PostgreSQL the adapter's pool. Before Prisma has connected (or
// after it disconnected) the same statement goes through Prisma.
import type { Db } from "./client.server";
import { databaseUrl, dbKind } from "./url";

export type Dialect = "sqlite" | "postgresql";

export interface DirectSql {
  dialect: Dialect;
  /** Runs one statement with positional parameters (`?` on SQLite, `$n` on PostgreSQL); rows changed. */
  execute(sql: string, args: unknown[]): Promise<number>;
  /** Runs one read the same way; rows as column → value objects. */
  query(sql: string, args: unknown[]): Promise<Record<string, unknown>[]>;
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

export function writeDialect(db: Db): Dialect {
  return directSql(db)?.dialect ?? dbKind(databaseUrl());
}

/** Runs one write written with `?` placeholders (`$n` on PostgreSQL); dates bound as Prisma stores them. */
export async function executeWrite(db: Db, sql: string, args: unknown[]): Promise<number> {
  const direct = directSql(db);
  const dialect = direct?.dialect ?? dbKind(databaseUrl());
  let n = 0;
  const text = dialect === "postgresql" ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  const values = args.map((a) => (a instanceof Date ? dateArg(dialect, a) : a));
  return direct ? direct.execute(text, values) : db.$executeRawUnsafe(text, ...values);
}

/** Runs one hot read written with `?` placeholders, straight to the driver (Prisma as the fallback). */
export async function queryRows(db: Db, sql: string, args: unknown[]): Promise<Record<string, unknown>[]> {
  const direct = directSql(db);
  const dialect = direct?.dialect ?? dbKind(databaseUrl());
  let n = 0;
  const text = dialect === "postgresql" ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  const values = args.map((a) => (a instanceof Date ? dateArg(dialect, a) : a));
  return direct ? direct.query(text, values) : db.$queryRawUnsafe(text, ...values);
}

/** "(?, ?, ?), (?, ?, ?)" for `rows` rows of `columns` values. */
export function valuesList(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => "?").join(", ")})`;
  return Array.from({ length: rows }, () => row).join(", ");
}
