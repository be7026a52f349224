// Moves the demo clock the way real time passes: in hops (hops.ts), running the daily scan, the
// due steps and the shoppers' reactions at each stop. Nothing is sent that the scheduler and its
// policies (consent, caps, quiet hours, expiry) would not send at that simulated moment.
import { now } from "../clock.server";
import type { Db } from "../db/client.server";
import { safeTimeZone } from "../flows/time";
import { advanceDemoClock, type DemoClockState } from "./clock.server";
import { MAX_ADVANCE_MS } from "./duration";
import { nextHop, nextLocalMidnight } from "./hops";

export interface AdvanceDeps {
  db: Db;
  shop: string;
  /** Runs every step due at the current simulated time; returns how many emails went out. */
  drain(): Promise<{ sent: number }>;
  /** The daily enrollment scan (it runs once per local day by itself). */
  scan(at: Date): Promise<unknown>;
  /** After each stop: shoppers who act on the emails sent since `since`. */
  afterStop?(since: Date): Promise<unknown>;
}

export interface AdvanceResult extends DemoClockState {
  stops: number;
  sent: number;
}

/** Enough for 30 days of a busy demo; past it the clock jumps the rest of the way. */
const MAX_STOPS = 400;

async function nextDueAt(db: Db, shop: string, at: Date): Promise<number | null> {
  const row = await db.dueStep.findFirst({
    where: { shop, status: "pending", dueAt: { gt: at } },
    orderBy: { dueAt: "asc" },
    select: { dueAt: true },
  });
  return row ? row.dueAt.getTime() : null;
}

export async function advanceInStops(deps: AdvanceDeps, ms: number): Promise<AdvanceResult> {
  if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_ADVANCE_MS)
    throw new Error("advance must be between 1 minute and 400 days");
  const { db, shop } = deps;
  const row = await db.shop.findUnique({ where: { shop }, select: { timeZone: true } });
  const zone = safeTimeZone(row?.timeZone);
  const target = now().getTime() + ms;
  let state: DemoClockState = { now: now().toISOString(), offsetMs: 0 };
  let stops = 0;
  let sent = 0;
  while (now().getTime() < target) {
    const at = now();
    const stop =
      stops >= MAX_STOPS
        ? target
        : nextHop({
            now: at.getTime(),
            target,
            nextDueAt: await nextDueAt(db, shop, at),
            nextMidnight: nextLocalMidnight(at, zone),
          });
    state = await advanceDemoClock(db, shop, stop - at.getTime());
    await deps.scan(now());
    sent += (await deps.drain()).sent;
    await deps.afterStop?.(at);
    stops++;
  }
  return { ...state, stops, sent };
}
