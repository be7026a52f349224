// Drafting's background task: works through queued catalog drafting requests (queue.server.ts).
// Registered from app/tasks.server.ts; runs in the worker (or inline in the web process).
import { now } from "../clock.server";
import { getDb } from "../db.server";
import { logger } from "../logger.server";
import { registerTask } from "../background-tasks";
import { runCatalogQueue } from "./queue.server";

const EVERY_MS = 15_000;
let timer: NodeJS.Timeout | null = null;
let running = false;

async function pass(): Promise<void> {
  if (running) return; // a large catalog may outlast one interval
  running = true;
  try {
    await runCatalogQueue(getDb(), now);
  } catch (error) {
    logger.error({ err: error }, "drafting queue pass failed");
  } finally {
    running = false;
  }
}

registerTask({
  name: "drafting.catalog-queue",
  roles: ["worker"],
  start() {
    timer = setInterval(() => void pass(), EVERY_MS);
    timer.unref();
  },
  stop() {
    if (timer) clearInterval(timer);
    timer = null;
  },
});
