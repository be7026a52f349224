// What the demo's controls do (the admin page, the JSON endpoint and the CLI all come here):
// move the demo clock, and replay another round of storefront activity.
import { now } from "../clock.server";
import type { Db } from "../db/client.server";
import { getDb } from "../db.server";
import { loadShopPolicy } from "../flows/versions.server";
import type { Scheduler } from "../scheduler/scheduler.server";
import { type AdvanceDeps, type AdvanceResult, advanceInStops } from "./advance.server";
import { type DemoClockState, restoreDemoClock } from "./clock.server";
import { DEMO_SHOP } from "./local-admin.server";
import { type QuietHoursNote, quietHoursNote } from "./quiet";
import { recoverSome } from "./recoveries.server";
import { type ReplayedEvent, replayDemoActivity } from "./replay.server";
import { demoAppUrl } from "./start.server";

type Listener = (state: DemoClockState) => Promise<void> | void;
const listeners = new Map<string, Listener>();

/** Background modules can ask to run at once when the demo clock jumps (instead of their next poll). */
export function onDemoClockAdvanced(name: string, fn: Listener): void {
  listeners.set(name, fn);
}

export async function demoClock(): Promise<DemoClockState> {
  return restoreDemoClock(getDb(), DEMO_SHOP);
}

let scheduler: Scheduler | null = null;

/** The running demo's wiring: the real scheduler and sender, the daily scan, shoppers who buy. */
export async function demoAdvanceDeps(
  db = getDb(),
  shop = DEMO_SHOP,
  appUrl = demoAppUrl(),
): Promise<AdvanceDeps> {
  // Imported when used: task.server registers tasks with services.server, which imports the demo.
  const { scanDueShops } = await import("../scheduler/task.server");
  if (!scheduler) {
    const { createScheduler } = await import("../scheduler/scheduler.server");
    scheduler = createScheduler({ db, workerId: "demo-clock" });
  }
  const own = scheduler;
  return {
    db,
    shop,
    drain: () => own.drain(),
    scan: (at) => scanDueShops(db, at),
    afterStop: (since) => recoverSome(db, shop, appUrl, since),
  };
}

/** The shop's quiet hours as they stand at the simulated now. */
export async function demoQuietHours(db: Db = getDb(), shop = DEMO_SHOP): Promise<QuietHoursNote> {
  const policy = await loadShopPolicy(db, shop);
  return quietHoursNote(now(), policy.timeZone, policy.quietHoursStart, policy.quietHoursEnd);
}

/**
 * Moves simulated time as real time would pass: it stops at every due step and local midnight on
 * the way (advance.server.ts), so quiet-hours deferrals go out at 08:00 and each day's scan runs.
 */
export async function advanceDemo(ms: number): Promise<AdvanceResult & { quiet: string | null }> {
  const state = await advanceInStops(await demoAdvanceDeps(), ms);
  for (const fn of listeners.values()) await fn(state);
  const quiet = await demoQuietHours();
  return { ...state, quiet: quiet.active ? quiet.text : null };
}

export async function replayDemo(): Promise<ReplayedEvent[]> {
  return replayDemoActivity(getDb(), DEMO_SHOP, demoAppUrl());
}
