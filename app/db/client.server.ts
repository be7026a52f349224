// Creates Prisma clients over the JavaScript engine with a driver adapter (no Rust binaries).
// The PostgreSQL client is generated from prisma/postgresql/schema.prisma into @tend/prisma-pg;
// both expose the same models, so the rest of the app sees one PrismaClient type.
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import { registerDirectSql } from "./direct.server";
import { PrismaSqlite } from "./sqlite-adapter.server";
import { dbKind } from "./url";

export type Db = PrismaClient;

const require = createRequire(import.meta.url);

export function createDb(url: string, options: { poolSize?: number } = {}): Db {
  if (dbKind(url) === "sqlite") {
    const adapter = new PrismaSqlite({ url });
    const db = new PrismaClient({ adapter });
    registerDirectSql(db, () => {
      const client = adapter.current;
      if (!client || client.closed) return undefined;
      return {
        dialect: "sqlite",
        execute: async (sql, args) =>
          (await client.executeOutsideTransaction({ sql, args: args as never })).rowsAffected,
        query: async (sql, args) =>
          (await client.executeOutsideTransaction({ sql, args: args as never })).rows as unknown as Record<
            string,
            unknown
          >[],
      };
    });
    return db;
  }
  const { PrismaClient: PgPrismaClient } = require("@tend/prisma-pg") as {
    PrismaClient: typeof PrismaClient;
  };
  // Our pool, lent to the adapter (which ends it on $disconnect), so direct statements can share it.
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  const db = new PgPrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }) as Db;
  registerDirectSql(db, () =>
    pool.ending || pool.ended
      ? undefined
      : {
          dialect: "postgresql",
          execute: async (sql, args) => (await pool.query(sql, args)).rowCount ?? 0,
          query: async (sql, args) => (await pool.query(sql, args)).rows,
        },
  );
  return db;
}
