// Which event times the collector accepts: a pixel posts as things happen, so a timestamp more than
// a day old or minutes in the future is a forgery or a broken clock, and storing it would let a
// poster place activity outside any flow's window. Pure; `now` is injected.
export const MAX_EVENT_AGE_MS = 24 * 60 * 60_000;
export const MAX_EVENT_LEAD_MS = 5 * 60_000;

/** The time to store (never later than now), or null when the event must be refused. */
export function acceptedEventTime(timestamp: string, now: Date): Date | null {
  const at = new Date(timestamp);
  const t = at.getTime();
  if (Number.isNaN(t)) return null;
  if (t < now.getTime() - MAX_EVENT_AGE_MS || t > now.getTime() + MAX_EVENT_LEAD_MS) return null;
  return t > now.getTime() ? now : at;
}
