// The demo clock: simulated time = wall time + an offset that only moves forward. The offset is
// kept in AppState so a restarted demo resumes where it was; the process clock (clock.server.ts)
// holds the live value every module reads through now().
import { clockOffsetMs, now, setClockOffsetMs } from "../clock.server";
import type { Db } from "../db.server";
import { MAX_ADVANCE_MS } from "./duration";

export const CLOCK_KEY = "demo.clockOffsetMs";

export interface DemoClockState {
  now: string;
  offsetMs: number;
}

export async function restoreDemoClock(db: Db, shop: string): Promise<DemoClockState> {
  const row = await db.appState.findUnique({ where: { shop_key: { shop, key: CLOCK_KEY } } });
  const offset = row ? Number(row.value) : 0;
  if (Number.isFinite(offset) && offset > clockOffsetMs()) setClockOffsetMs(offset);
  return { now: now().toISOString(), offsetMs: clockOffsetMs() };
}

export async function advanceDemoClock(db: Db, shop: string, ms: number): Promise<DemoClockState> {
  if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_ADVANCE_MS)
    throw new Error("advance must be between 1 minute and 400 days");
  const offset = clockOffsetMs() + ms;
  await db.appState.upsert({
    where: { shop_key: { shop, key: CLOCK_KEY } },
    create: { shop, key: CLOCK_KEY, value: String(offset) },
    update: { value: String(offset) },
  });
  setClockOffsetMs(offset);
  return { now: now().toISOString(), offsetMs: offset };
}
