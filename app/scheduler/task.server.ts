// Registers the scheduler loop and the daily enrollment scan as background tasks of worker
// processes (and of the web process when TEND_WORKER=inline).
import { now } from "../clock.server";
import type { Db } from "../db/client.server";
import { getDb } from "../db.server";
import type { LapseThreshold } from "../flows/reorder-cycle";
import { observedLapseThresholds, runDailyScan } from "../flows/scan.server";
import { localParts, monthDay, safeTimeZone } from "../flows/time";
import { evaluateAbTests } from "../insights/ab-decisions.server";
import { logger } from "../logger.server";
import { recomputeShopSegments } from "../store/segments.server";
import { registerTask } from "../background-tasks";
import { detectDialect } from "./claim.server";
import { createScheduler, type Scheduler } from "./scheduler.server";

const SCAN_EVERY_MS = 15 * 60_000;
const THRESHOLDS_MAX_AGE_MS = 7 * 24 * 60 * 60_000;

let scheduler: Scheduler | null = null;
registerTask({
  name: "scheduler",
  roles: ["worker"],
  start() {
    scheduler = createScheduler({ db: getDb() });
    scheduler.start();
  },
  async stop() {
    await scheduler?.stop();
    scheduler = null;
  },
});

/** Runs each installed shop's scan once per local day; thresholds are recomputed weekly. */
export async function scanDueShops(db: Db, at: Date): Promise<number> {
  const dialect = await detectDialect(db);
  const shops = await db.shop.findMany({
    where: { uninstalledAt: null },
    select: { shop: true, timeZone: true },
  });
  let scanned = 0;
  for (const { shop, timeZone } of shops) {
    const zone = safeTimeZone(timeZone);
    const today = `${localParts(at, zone).year}-${monthDay(at, zone)}`; // the shop's own date
    const done = await db.appState.findUnique({ where: { shop_key: { shop, key: "flows.dailyScan" } } });
    if (done?.value === today) continue;
    const cached = await db.appState.findUnique({
      where: { shop_key: { shop, key: "flows.lapseThresholds" } },
    });
    let thresholds: LapseThreshold[];
    if (cached && at.getTime() - cached.updatedAt.getTime() < THRESHOLDS_MAX_AGE_MS) {
      thresholds = JSON.parse(cached.value) as LapseThreshold[];
    } else {
      thresholds = (await observedLapseThresholds(db, shop)).filter((t) => t.basis === "observed");
      await db.appState.upsert({
        where: { shop_key: { shop, key: "flows.lapseThresholds" } },
        create: { shop, key: "flows.lapseThresholds", value: JSON.stringify(thresholds) },
        update: { value: JSON.stringify(thresholds) },
      });
    }
    // Time moves customers between segments daily; a failure here must not stop the enrollments.
    await recomputeShopSegments(db, shop, at).catch((error) => {
      logger.error({ err: error, shop }, "segment recompute failed");
    });
    const result = await runDailyScan(db, shop, at, dialect, thresholds);
    // A/B winners are judged once a day: fewer looks, fewer winners crowned from noise.
    const abDecisions = await evaluateAbTests(db, shop, at).catch((error) => {
      logger.error({ err: error, shop }, "A/B evaluation failed");
      return [];
    });
    await db.appState.upsert({
      where: { shop_key: { shop, key: "flows.dailyScan" } },
      create: { shop, key: "flows.dailyScan", value: today },
      update: { value: today },
    });
    logger.info({ shop, ...result, abDecisions: abDecisions.length }, "daily enrollment scan");
    scanned++;
  }
  return scanned;
}

let timer: NodeJS.Timeout | null = null;
let running: Promise<unknown> | null = null;
registerTask({
  name: "daily-enrollment-scan",
  roles: ["worker"],
  start() {
    const tick = () => {
      running ??= scanDueShops(getDb(), now())
        .catch((error) => logger.error({ err: error }, "daily enrollment scan failed"))
        .finally(() => {
          running = null;
        });
    };
    tick();
    timer = setInterval(tick, SCAN_EVERY_MS);
  },
  async stop() {
    if (timer) clearInterval(timer);
    timer = null;
    await running;
  },
});
