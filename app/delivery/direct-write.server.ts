// The writes every message makes (claim, "sent" record, why-log) go straight to the driver Prisma
// uses (app/db/direct.server.ts) when it is connected: through Prisma's query compiler even a raw
// statement costs more CPU than the database does for it. Before Prisma has connected, the same
// statement goes through Prisma. Statements are written once, with `?` placeholders.
import type { Db } from "../db/client.server";
import { type Dialect, dateArg, directSql } from "../db/direct.server";
import { databaseUrl, dbKind } from "../db/url";

export function writeDialect(db: Db): Dialect {
  return directSql(db)?.dialect ?? dbKind(databaseUrl());
}

/** Runs one write; `?` become `$n` on PostgreSQL and dates are bound as Prisma stores them. */
export async function executeWrite(db: Db, sql: string, args: unknown[]): Promise<number> {
  const direct = directSql(db);
  const dialect = direct?.dialect ?? dbKind(databaseUrl());
  let n = 0;
  const text = dialect === "postgresql" ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  const values = args.map((a) => (a instanceof Date ? dateArg(dialect, a) : a));
  return direct ? direct.execute(text, values) : db.$executeRawUnsafe(text, ...values);
}

/** "(?, ?, ?), (?, ?, ?)" for `rows` rows of `columns` values. */
export function valuesList(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => "?").join(", ")})`;
  return Array.from({ length: rows }, () => row).join(", ");
}
