// Process-level services, exported through the server build (entry.server.tsx) so that the web
// server, the worker and the demo all run the same compiled code. Modules register background
// tasks in background-tasks.ts (a leaf, so nothing imports this file back); boot() migrates the
// database first, then starts what the role asks for. The demo plugs in from its own entry
// (app/demo/entry.server.ts, loaded by `run.mjs` in demo mode); nothing here imports it.
import { type BackgroundTask, type Role, registeredTasks } from "./background-tasks";
import { getDb } from "./db.server";
import { migrate } from "./db/migrate.server";
import { databaseUrl } from "./db/url";
import { env } from "./env.server";
import { logger } from "./logger.server";
import { demoStartRefusal } from "./mode-guard";

export type { BackgroundTask, Role };

const started: BackgroundTask[] = [];

async function prepareDatabase(): Promise<string[]> {
  const url = databaseUrl(env().DATABASE_URL);
  let applied: string[] = [];
  if (!env().TEND_SKIP_AUTO_MIGRATE) {
    applied = await migrate(url);
    if (applied.length) logger.info({ applied }, "database migrated");
  }
  return applied;
}

async function boot(role: Role): Promise<void> {
  env(); // refuse to start on a bad environment before anything else happens
  const refusal = demoStartRefusal(env()); // the demo's auth bypass must never reach a deployment
  if (refusal) throw new Error(`Tend cannot start: ${refusal}`);
  await prepareDatabase();
  await import("./tasks.server"); // registers the app's background tasks
  const inline = role === "web" && env().TEND_WORKER === "inline";
  for (const task of registeredTasks()) {
    if (task.roles.includes(role) || (inline && task.roles.includes("worker"))) {
      await task.start();
      started.push(task);
    }
  }
  logger.info({ role, tasks: started.map((t) => t.name) }, "tend booted");
}

async function shutdown(): Promise<void> {
  for (const task of started.reverse()) {
    await Promise.resolve(task.stop()).catch((error) =>
      logger.error({ err: error, task: task.name }, "task stop failed"),
    );
  }
  started.length = 0;
  await getDb().$disconnect();
}

async function healthy(): Promise<boolean> {
  try {
    await getDb().$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

/** Migrates the database and returns the migrations applied (`npm run setup`). */
async function setup(): Promise<string[]> {
  env();
  return prepareDatabase();
}

/** `run.mjs backfill <jobId>`: ingests one backfill file in this (heap-capped) process. */
async function ingestBackfill(jobId: string): Promise<boolean> {
  env();
  await import("./domain/subscribers.server"); // the orders_backfilled event reaches insights
  const { ingestBackfillJob } = await import("./shopify/backfill-ingest.server");
  return ingestBackfillJob(getDb(), jobId);
}

/** The Node handler the production server mounts for POST /webhooks/* (loaded after boot: no import cycle). */
async function webhookHandler() {
  const { handleWebhookRequest } = await import("./ingest/webhook-route.server");
  return handleWebhookRequest;
}

export const services = {
  boot,
  setup,
  shutdown,
  healthy,
  env,
  logger,
  webhookHandler,
  ingestBackfill,
};
