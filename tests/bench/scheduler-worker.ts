// One benchmark worker process: drains due steps with a no-op sender (delivery excluded), logs
// every send call to CALL_LOG for the duplicate check, and prints its timing as JSON.
import { appendFileSync } from "node:fs";
import { createDb } from "../../app/db/client.server";
import { createScheduler } from "../../app/scheduler/scheduler.server";

const url = process.env.DATABASE_URL!;
const db = createDb(url, { poolSize: 8 });
const calls: string[] = [];
const scheduler = createScheduler({
  db,
  batchSize: Number(process.env.BATCH ?? 500),
  workerId: `bench-${process.pid}`,
  send: async (req) => {
    calls.push(`${req.runId}:${req.stepIndex}`);
    return { status: "sent", reason: "no-op" };
  },
});
await scheduler.runOnce(); // warm up connections and caches before timing
let first = 0;
let last = 0;
let handled = 0;
let empty = 0;
while (empty < 3) {
  const t = performance.now();
  const s = await scheduler.runOnce();
  if (s.claimed === 0) {
    empty++;
    await new Promise((r) => setTimeout(r, 50));
    continue;
  }
  empty = 0;
  if (!first) first = t;
  last = performance.now();
  handled += s.claimed;
}
appendFileSync(process.env.CALL_LOG!, calls.length ? `${calls.join("\n")}\n` : "");
console.log(
  JSON.stringify({
    handled,
    ms: last - first,
    firstAt: performance.timeOrigin + first,
    lastAt: performance.timeOrigin + last,
  }),
);
await db.$disconnect();
