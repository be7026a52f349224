// Receiving comes first. With the worker inline, webhook processing shares the web server's event
// loop, and one delivery's processing runs for ~10 ms without yielding (the SQLite driver is
// synchronous). So the processor rests after each item for long enough that it only takes the
// share of the loop that intake leaves: all of it when no webhooks arrive, less as the arrival
// rate climbs, never under `minShare` (the backlog always moves). A burst is acknowledged at full
// speed and processed right after: Shopify waits only for the 200.
export interface IntakePace {
  /** Called by the receive path for every recorded delivery. */
  noteIntake(): void;
  /** Recent arrivals per second (exponentially decayed). */
  ratePerSecond(): number;
  /** How long to rest after processing work that took `workMs`. */
  restAfter(workMs: number): number;
}

export interface PaceOptions {
  /** The arrival rate at which processing drops to `minShare` (intake then needs the whole loop). */
  saturationRate?: number;
  minShare?: number;
  /** Time constant of the rate estimate. */
  windowMs?: number;
  maxRestMs?: number;
  now?: () => number;
}

export function createIntakePace(options: PaceOptions = {}): IntakePace {
  const saturationRate = options.saturationRate ?? 1_000;
  const minShare = options.minShare ?? 0.05;
  const windowMs = options.windowMs ?? 500;
  const maxRestMs = options.maxRestMs ?? 200;
  const now = options.now ?? (() => performance.now());
  let level = 0;
  let at = now();
  const decayed = () => {
    const t = now();
    level *= Math.exp(-(t - at) / windowMs);
    at = t;
    return level;
  };
  const ratePerSecond = () => decayed() / (windowMs / 1000);
  return {
    noteIntake() {
      level = decayed() + 1;
    },
    ratePerSecond,
    restAfter(workMs) {
      const share = Math.max(minShare, 1 - ratePerSecond() / saturationRate);
      return Math.min(maxRestMs, (workMs * (1 - share)) / share);
    },
  };
}

/** The process's pace, shared by the receive path and the inline processor. */
export const intakePace = createIntakePace();

/** Rests as the pace says (under a millisecond: just lets pending I/O run). */
export function rest(ms: number): Promise<void> {
  return new Promise((resolve) => (ms >= 1 ? setTimeout(resolve, ms) : setImmediate(resolve)));
}
