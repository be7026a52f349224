// The process clock. Live mode: wall time. Demo mode: wall time plus an offset the demo clock
// advances, so flows visibly progress. Background work takes `now` from here (or an injected clock).
export type Clock = () => Date;

let offsetMs = 0;

export const now: Clock = () => new Date(Date.now() + offsetMs);

export function clockOffsetMs(): number {
  return offsetMs;
}

/** Demo only (the demo module guards who may call it): moves simulated time forward. */
export function setClockOffsetMs(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) throw new Error("clock offset must be a non-negative number of ms");
  offsetMs = ms;
}
