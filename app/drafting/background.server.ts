// Drafting's background task: works through queued catalog drafting requests (queue.server.ts).
// Registered from app/tasks.server.ts; runs in the worker (or inline in the web process).
import { now } from "../clock.server";
import { getDb } from "../db.server";
import { env } from "../env.server";
import { logger } from "../logger.server";
import { registerTask } from "../background-tasks";
import { drafterDescription } from "./drafter-description";
import { runCatalogQueue } from "./queue.server";
import { sweepMissingCopy } from "./triggers.server";

const EVERY_MS = 15_000;
/** How often shops are checked for enabled steps that still have no copy. */
const SWEEP_EVERY_MS = 60 * 60_000;
let timer: NodeJS.Timeout | null = null;
let running = false;
let lastSweep = 0;

async function pass(): Promise<void> {
  if (running) return; // a large catalog may outlast one interval
  running = true;
  try {
    if (now().getTime() - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = now().getTime();
      await sweepMissingCopy(getDb(), now());
    }
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
    // Once per boot, so an operator sees when production silently drafts without OpenAI.
    const drafter = drafterDescription(env());
    logger.info(
      { drafter: drafter.kind, model: drafter.model },
      `drafting: copy is written by ${drafter.label}`,
    );
    timer = setInterval(() => void pass(), EVERY_MS);
    timer.unref();
  },
  stop() {
    if (timer) clearInterval(timer);
    timer = null;
  },
});
