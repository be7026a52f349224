// Vitest setup for integration tests: one migrated database per worker, shared through getDb().
import { afterAll, beforeAll } from "vitest";
import { resetEnvForTests } from "../../app/env.server";
import { createTestDatabase, openTestDb } from "./database";
import { applyTestEnv } from "./env";

applyTestEnv();

beforeAll(async () => {
  if (!globalThis.__tendDb) {
    const url = await createTestDatabase("int");
    process.env.DATABASE_URL = url;
    resetEnvForTests();
    globalThis.__tendDb = await openTestDb(url);
  }
});

afterAll(async () => {
  await globalThis.__tendDb?.$disconnect();
  globalThis.__tendDb = undefined;
});
