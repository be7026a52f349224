// Creates Prisma clients over the JavaScript engine with a driver adapter (no Rust binaries).
// The PostgreSQL client is generated from prisma/postgresql/schema.prisma into @tend/prisma-pg;
// both expose the same models, so the rest of the app sees one PrismaClient type.
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { PrismaSqlite } from "./sqlite-adapter.server";
import { dbKind } from "./url";

export type Db = PrismaClient;

const require = createRequire(import.meta.url);

export function createDb(url: string, options: { poolSize?: number } = {}): Db {
  if (dbKind(url) === "sqlite") {
    return new PrismaClient({ adapter: new PrismaSqlite({ url }) });
  }
  const { PrismaClient: PgPrismaClient } = require("@tend/prisma-pg") as {
    PrismaClient: typeof PrismaClient;
  };
  const adapter = new PrismaPg({ connectionString: url, max: options.poolSize ?? 10 });
  return new PgPrismaClient({ adapter }) as Db;
}
