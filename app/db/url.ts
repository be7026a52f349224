// Which database a URL names. SQLite (a file) is the embedded default; PostgreSQL when the URL says so.
import path from "node:path";

export type DbKind = "sqlite" | "postgresql";

export const DEFAULT_SQLITE_URL = `file:${path.resolve("prisma/dev.sqlite")}`;

export function dbKind(url: string): DbKind {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must start with file: or postgresql:// (got ${url.split(":")[0]}:)`);
}

export function databaseUrl(source: string | undefined = process.env.DATABASE_URL): string {
  return source && source.length > 0 ? source : DEFAULT_SQLITE_URL;
}
