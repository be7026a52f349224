// SQL fragment builders of the generated client that talks to the current database. The SQLite
// client (@prisma/client) and the PostgreSQL client (@tend/prisma-pg) each carry their own runtime,
// so a fragment built by one is bound as a plain *value* by the other: always build fragments here.
import { createRequire } from "node:module";
import { Prisma } from "@prisma/client";
import { databaseUrl, dbKind } from "./url";

type SqlNamespace = Pick<typeof Prisma, "sql" | "join" | "raw" | "empty">;

const require = createRequire(import.meta.url);
let pg: SqlNamespace | undefined;

export function sqlFragments(url: string = databaseUrl()): SqlNamespace {
  if (dbKind(url) === "sqlite") return Prisma;
  pg ??= (require("@tend/prisma-pg") as { Prisma: SqlNamespace }).Prisma;
  return pg;
}
