// The few SQL fragments that differ between SQLite (dates stored as ISO-8601 text) and PostgreSQL
// (timestamps). Everything else in insights' raw SQL is portable.
import { Prisma } from "@prisma/client";
import { databaseUrl, dbKind } from "../db/url";

export type Dialect = "sqlite" | "postgresql";

export function currentDialect(): Dialect {
  return dbKind(databaseUrl());
}

/** `column + seconds`, comparable with other timestamps of the same table family. */
export function plusSeconds(
  column: Prisma.Sql,
  seconds: number,
  dialect: Dialect = currentDialect(),
): Prisma.Sql {
  if (dialect === "sqlite") {
    // Same text shape Prisma writes ("2026-03-10T12:00:00.000Z"), so comparisons stay textual.
    return Prisma.sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${column}, ${`+${Math.round(seconds)} seconds`})`;
  }
  return Prisma.sql`(${column} + make_interval(secs => ${Math.round(seconds)}))`;
}

/** The UTC calendar day of a timestamp column as "YYYY-MM-DD". */
export function utcDay(column: Prisma.Sql, dialect: Dialect = currentDialect()): Prisma.Sql {
  if (dialect === "sqlite") return Prisma.sql`substr(${column}, 1, 10)`;
  // Prisma writes UTC into TIMESTAMP(3) (no time zone), so the stored value is already UTC.
  return Prisma.sql`to_char(${column}, 'YYYY-MM-DD')`;
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
