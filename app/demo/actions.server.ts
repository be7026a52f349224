// What the demo's controls do (the admin page, the JSON endpoint and the CLI all come here):
// move the demo clock, and replay another round of storefront activity.
import { now } from "../clock.server";
import { getDb } from "../db.server";
import { advanceDemoClock, type DemoClockState, restoreDemoClock } from "./clock.server";
import { DEMO_SHOP } from "./local-admin.server";
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

/**
 * Moves simulated time and runs what a real day boundary would: the daily enrollment scan (win-back,
 * anniversary) runs now instead of at its next 15-minute tick. The scheduler polls every second and
 * picks up steps that just became due by itself.
 */
export async function advanceDemo(ms: number): Promise<DemoClockState> {
  const state = await advanceDemoClock(getDb(), DEMO_SHOP, ms);
  // Imported when used: task.server registers tasks with services.server, which imports the demo.
  await (await import("../scheduler/task.server")).scanDueShops(getDb(), now());
  for (const fn of listeners.values()) await fn(state);
  return state;
}

export async function replayDemo(): Promise<ReplayedEvent[]> {
  return replayDemoActivity(getDb(), DEMO_SHOP, demoAppUrl());
}
