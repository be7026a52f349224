// The one Prisma client of this process. SQLite by default; PostgreSQL when DATABASE_URL says so.
import { createDb, type Db } from "./db/client.server";
import { databaseUrl } from "./db/url";

declare global {
  // Remix dev reloads modules; keep one client across reloads.
  var __tendDb: Db | undefined;
}

export function getDb(): Db {
  globalThis.__tendDb ??= createDb(databaseUrl());
  return globalThis.__tendDb;
}

/** Lazily created so importing a module never opens a connection. */
const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = getDb() as unknown as Record<string | symbol, unknown>;
    const value = real[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

export default db;
export type { Db };
