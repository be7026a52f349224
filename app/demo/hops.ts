// Where the demo clock stops next when it moves forward: at the next due step or the next local
// midnight, whichever comes first, never past the target. Stopping at each due step lets a step
// that quiet hours moved to 08:00 go out at 08:00, as it would in real time, instead of being
// leapt over and expiring; stopping at midnight runs the daily scan for every day crossed.
import { nextLocalTime } from "../flows/time";

export interface HopInput {
  now: number;
  target: number;
  nextDueAt: number | null;
  nextMidnight: number;
}

export function nextHop(input: HopInput): number {
  const stops = [input.nextDueAt, input.nextMidnight].filter((t): t is number => t !== null && t > input.now);
  return Math.min(input.target, ...stops);
}

/** The next local midnight strictly after `at`. */
export function nextLocalMidnight(at: Date, timeZone: string): number {
  return nextLocalTime(new Date(at.getTime() + 60_000), timeZone, 0).getTime();
}
