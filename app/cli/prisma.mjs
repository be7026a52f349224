#!/usr/bin/env node
// Runs the Prisma CLI without its Rust engines (see ../shared/TOOLCHAIN.md): Prisma 6.19 uses the
// WebAssembly query compiler and schema engine, but the CLI still looks for engine files before it
// starts, so we point it at empty placeholders. Usage: node app/cli/prisma.mjs <prisma args...>
// When the args name a PostgreSQL schema, the PostgreSQL config is used.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const placeholders = join(root, "node_modules/.cache/tend-prisma");

export function prismaEnv(env = process.env) {
  mkdirSync(placeholders, { recursive: true });
  const lib = join(placeholders, "libquery_engine-debian-openssl-3.0.x.so.node");
  const bin = join(placeholders, "schema-engine");
  for (const f of [lib, bin]) if (!existsSync(f)) writeFileSync(f, "");
  return {
    ...env,
    PRISMA_QUERY_ENGINE_LIBRARY: lib,
    PRISMA_SCHEMA_ENGINE_BINARY: bin,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
}

export function runPrisma(args, { env = process.env, stdio = "inherit" } = {}) {
  const pg = args.some((a) => a.includes("postgresql"));
  const hasConfig = args.includes("--config");
  const config = pg ? "prisma/postgresql/prisma.config.ts" : "prisma/prisma.config.ts";
  const full = hasConfig ? args : [...args, "--config", config];
  return spawnSync(join(root, "node_modules/.bin/prisma"), full, {
    cwd: root,
    env: prismaEnv(env),
    stdio,
    encoding: "utf8",
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = runPrisma(process.argv.slice(2));
  process.exit(result.status ?? 1);
}
