// Applies prisma/migrations (SQLite) or prisma/postgresql/migrations in order, once each, recorded
// in _tend_migrations. Used at boot, by tests and by CI, so every database walks the same steps
// without the Prisma CLI (which cannot apply PostgreSQL migrations through the JS engine here).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { dbKind } from "./url";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsDir(kind: "sqlite" | "postgresql", root = process.cwd()): string {
  return kind === "sqlite"
    ? path.join(root, "prisma/migrations")
    : path.join(root, "prisma/postgresql/migrations");
}

export function loadMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new Error(`no migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const LEDGER = `CREATE TABLE IF NOT EXISTS "_tend_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`;

function checkLedger(applied: Map<string, string>, migrations: Migration[]): Migration[] {
  for (const m of migrations) {
    const sum = applied.get(m.name);
    if (sum && sum !== m.checksum) throw new Error(`migration ${m.name} was edited after it was applied`);
  }
  return migrations.filter((m) => !applied.has(m.name));
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(url: string, root = process.cwd()): Promise<string[]> {
  const kind = dbKind(url);
  const migrations = loadMigrations(migrationsDir(kind, root));
  return kind === "sqlite" ? migrateSqlite(url, migrations) : migratePostgres(url, migrations);
}

async function migrateSqlite(url: string, migrations: Migration[]): Promise<string[]> {
  const client = createClient({ url });
  try {
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute(LEDGER);
    const rows = await client.execute(`SELECT "name", "checksum" FROM "_tend_migrations"`);
    const applied = new Map(rows.rows.map((r) => [String(r.name), String(r.checksum)]));
    const pending = checkLedger(applied, migrations);
    for (const m of pending) {
      await client.executeMultiple(
        `BEGIN;\n${m.sql}\nINSERT INTO "_tend_migrations" VALUES ('${m.name}', '${m.checksum}', '${new Date().toISOString()}');\nCOMMIT;`,
      );
    }
    return pending.map((m) => m.name);
  } finally {
    client.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time across processes: several web/worker processes may boot together.
    await client.query("SELECT pg_advisory_lock(727274)");
    await client.query(LEDGER);
    const rows = await client.query<{ name: string; checksum: string }>(
      `SELECT "name", "checksum" FROM "_tend_migrations"`,
    );
    const pending = checkLedger(new Map(rows.rows.map((r) => [r.name, r.checksum])), migrations);
    for (const m of pending) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "_tend_migrations" VALUES ($1, $2, $3)`, [
          m.name,
          m.checksum,
          new Date().toISOString(),
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
    return pending.map((m) => m.name);
  } finally {
    await client.query("SELECT pg_advisory_unlock(727274)").catch(() => undefined);
    await client.end();
  }
}
