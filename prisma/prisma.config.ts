// Prisma CLI config for the SQLite schema: JavaScript engines only (no Rust binaries to download).
import path from "node:path";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { defineConfig } from "prisma/config";

function sqliteUrl(): string {
  const url = process.env.DATABASE_URL;
  if (url?.startsWith("file:")) return url;
  return `file:${path.join(import.meta.dirname, "dev.sqlite")}`;
}

export default defineConfig({
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaLibSQL({ url: sqliteUrl() }),
});
