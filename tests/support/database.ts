// A fresh, migrated database per test worker: SQLite by default, PostgreSQL when TEST_DB=postgresql
// (TEST_POSTGRES_URL names the server; each worker gets its own database on it).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "../../app/db/client.server";
import { migrate } from "../../app/db/migrate.server";

export type TestDbKind = "sqlite" | "postgresql";

export function testDbKind(): TestDbKind {
  return process.env.TEST_DB === "postgresql" ? "postgresql" : "sqlite";
}

/** Creates an empty database and returns its URL (migrations applied). */
export async function createTestDatabase(label = "t"): Promise<string> {
  if (testDbKind() === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), `tend-${label}-`));
    const url = `file:${path.join(dir, "test.sqlite")}`;
    await migrate(url);
    return url;
  }
  const server = process.env.TEST_POSTGRES_URL;
  if (!server) throw new Error("TEST_DB=postgresql needs TEST_POSTGRES_URL (see .ci/start-postgres.sh)");
  const name = `tend_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase();
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return url.toString();
}

export async function openTestDb(url: string): Promise<Db> {
  const db = createDb(url);
  return db;
}

/** A shop domain no other test uses: tests share a database and stay apart by shop. */
export function uniqueShop(prefix = "shop"): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}.myshopify.com`;
}
