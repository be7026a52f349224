// The few SQL fragments that differ between SQLite (dates stored as ISO-8601 text) and PostgreSQL
// (timestamps). Everything else in insights' raw SQL is portable.
// Fragments must be built by the same generated client that runs the query: the PostgreSQL
// client (@tend/prisma-pg) has its own Sql class and would bind a foreign fragment as a value.
import { createRequire } from "node:module";
import { Prisma } from "@prisma/client";
import { databaseUrl, dbKind } from "../db/url";

export type Dialect = "sqlite" | "postgresql";
type Sql = Prisma.Sql;
type SqlTag = (strings: readonly string[], ...values: unknown[]) => Sql;

const require = createRequire(import.meta.url);

export function currentDialect(): Dialect {
  return dbKind(databaseUrl());
}

/** `sql` template tag of the client that talks to the current database. */
export function sqlTag(dialect: Dialect = currentDialect()): SqlTag {
  if (dialect === "sqlite") return Prisma.sql as SqlTag;
  const pg = require("@tend/prisma-pg") as { Prisma: { sql: SqlTag } };
  return pg.Prisma.sql;
}

/** `column + seconds`, comparable with other timestamps of the same table family. */
export function plusSeconds(column: string, seconds: number, dialect: Dialect = currentDialect()): Sql {
  const sql = sqlTag(dialect);
  const raw = (text: string) => sql([text]);
  if (dialect === "sqlite") {
    // Same text shape Prisma writes ("2026-03-10T12:00:00.000Z"), so comparisons stay textual.
    return sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${raw(column)}, ${`+${Math.round(seconds)} seconds`})`;
  }
  return sql`(${raw(column)} + make_interval(secs => ${Math.round(seconds)}))`;
}

/**
 * The UTC minute of a timestamp column as "YYYY-MM-DDTHH:MM", folded into the shop's local days in
 * JS (exact for every zone, :30 and :45 offsets included; never more rows than orders).
 */
export function utcMinute(column: string, dialect: Dialect = currentDialect()): Sql {
  const sql = sqlTag(dialect);
  if (dialect === "sqlite") return sql([`substr(${column}, 1, 16)`]);
  return sql([`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI')`]);
}

/** Raw query numbers arrive as number, bigint, string (numeric) or Decimal depending on driver. */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  return Number(String(value));
}

export function bool(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === "1" || value === "t" || value === "true";
}
