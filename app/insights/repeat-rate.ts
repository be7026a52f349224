// Repeat purchase rate: of the first-time buyers, the share who ordered again within 30, 60 and 90
// days, for the post-purchase holdout (never emailed) against the treated group, with Wilson
// intervals per group and Newcombe's interval for the difference. Pure; the SQL that counts lives
// in repeat-rate.server.ts and implements `isCounted` / `repeatedWithin` below.
import { type Interval, newcombeDifference, wilsonInterval } from "./stats";

export const REPEAT_WINDOWS_DAYS = [30, 60, 90] as const;
/** Fewer buyers than this in either group and a difference means little: say so instead. */
export const MIN_BUYERS_PER_GROUP = 30;
const DAY_MS = 86_400_000;

export interface GroupCount {
  /** First-time buyers whose window has fully elapsed. */
  buyers: number;
  /** Of those, how many placed another (not cancelled) order within the window. */
  repeated: number;
}

export interface RepeatCounts {
  windowDays: number;
  treated: GroupCount;
  holdout: GroupCount;
  /** First-time buyers whose window has not elapsed yet (not counted). */
  pending: number;
}

export interface GroupRate extends GroupCount {
  rate: Interval;
}

export type RepeatVerdict = "not_enough_data" | "higher" | "lower" | "no_significant_difference";

export interface RepeatRate {
  windowDays: number;
  treated: GroupRate;
  holdout: GroupRate;
  /** Treated minus holdout repeat rate (fraction), with its interval. */
  difference: Interval;
  pending: number;
  verdict: RepeatVerdict;
}

/** A buyer counts for a window once the whole window has passed: first order ≤ now − window. */
export function isCounted(firstOrderAt: Date, windowDays: number, now: Date): boolean {
  return firstOrderAt.getTime() + windowDays * DAY_MS <= now.getTime();
}

/** Ordered again within the window: the next order is after the first and at most `windowDays` later. */
export function repeatedWithin(firstOrderAt: Date, nextOrderAt: Date | null, windowDays: number): boolean {
  if (!nextOrderAt) return false;
  const gap = nextOrderAt.getTime() - firstOrderAt.getTime();
  return gap > 0 && gap <= windowDays * DAY_MS;
}

function groupRate(g: GroupCount, confidence: number): GroupRate {
  return { ...g, rate: wilsonInterval(g.repeated, g.buyers, confidence) };
}

export function repeatRate(c: RepeatCounts, confidence = 0.95): RepeatRate {
  const difference = newcombeDifference(
    c.treated.repeated,
    c.treated.buyers,
    c.holdout.repeated,
    c.holdout.buyers,
    confidence,
  );
  let verdict: RepeatVerdict;
  if (Math.min(c.treated.buyers, c.holdout.buyers) < MIN_BUYERS_PER_GROUP) verdict = "not_enough_data";
  else if (difference.low > 0) verdict = "higher";
  else if (difference.high < 0) verdict = "lower";
  else verdict = "no_significant_difference";
  return {
    windowDays: c.windowDays,
    treated: groupRate(c.treated, confidence),
    holdout: groupRate(c.holdout, confidence),
    difference,
    pending: c.pending,
    verdict,
  };
}

export interface FirstTimeBuyer {
  holdout: boolean;
  firstOrderAt: Date;
  /** Their next non-cancelled order after the first, if any. */
  nextOrderAt: Date | null;
}

/** The counting rule over individual buyers: the reference the SQL is tested against. */
export function countRepeats(
  buyers: FirstTimeBuyer[],
  now: Date,
  windows: readonly number[] = REPEAT_WINDOWS_DAYS,
): RepeatCounts[] {
  return windows.map((windowDays) => {
    const out: RepeatCounts = {
      windowDays,
      treated: { buyers: 0, repeated: 0 },
      holdout: { buyers: 0, repeated: 0 },
      pending: 0,
    };
    for (const b of buyers) {
      if (!isCounted(b.firstOrderAt, windowDays, now)) {
        out.pending++;
        continue;
      }
      const g = b.holdout ? out.holdout : out.treated;
      g.buyers++;
      if (repeatedWithin(b.firstOrderAt, b.nextOrderAt, windowDays)) g.repeated++;
    }
    return out;
  });
}
