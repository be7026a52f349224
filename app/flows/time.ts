// Wall-clock arithmetic in a shop's or customer's time zone, with Intl only (no tz database of our
// own). Pure: every function takes the instant it reasons about.
const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** An unknown zone name falls back to UTC rather than failing a send. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return "UTC";
  try {
    formatter(timeZone);
    return timeZone;
  } catch {
    return "UTC";
  }
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function localParts(at: Date, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour % 24,
    minute: parts.minute,
  };
}

export function minuteOfDay(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  return p.hour * 60 + p.minute;
}

/** "MM-DD" of an instant in a zone (anniversaries are local dates). */
export function monthDay(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** "YYYY-MM-DD" of an instant in a zone (reports and once-a-day work count local days). */
export function localDate(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** The first instant at or after `from` whose local time is `target` minutes after midnight. */
export function nextLocalTime(from: Date, timeZone: string, target: number): Date {
  const start = new Date(Math.ceil(from.getTime() / MINUTE) * MINUTE);
  const delta = (target - minuteOfDay(start, timeZone) + DAY_MINUTES) % DAY_MINUTES;
  let candidate = new Date(start.getTime() + delta * MINUTE);
  // A daylight-saving change inside the interval shifts the wall clock: correct by the difference.
  let drift = target - minuteOfDay(candidate, timeZone);
  if (drift > DAY_MINUTES / 2) drift -= DAY_MINUTES;
  if (drift < -DAY_MINUTES / 2) drift += DAY_MINUTES;
  if (drift !== 0) {
    const corrected = new Date(candidate.getTime() + drift * MINUTE);
    candidate = corrected.getTime() >= start.getTime() ? corrected : candidate;
  }
  return candidate;
}

/** Whether a local minute falls inside quiet hours [start, end), which may wrap past midnight. */
export function isQuietMinute(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** When quiet hours end, if `at` is inside them; null when sending is allowed now. */
export function quietHoursRelease(at: Date, timeZone: string, start: number, end: number): Date | null {
  if (!isQuietMinute(minuteOfDay(at, timeZone), start, end)) return null;
  return nextLocalTime(at, timeZone, end);
}

/** Local midnight at the start of the day containing `at`. */
export function startOfLocalDay(at: Date, timeZone: string): Date {
  const m = minuteOfDay(at, timeZone);
  const guess = new Date(Math.floor(at.getTime() / MINUTE) * MINUTE - m * MINUTE);
  // DST days: step back to the instant that reads 00:00.
  const drift = minuteOfDay(guess, timeZone);
  if (drift === 0) return guess;
  return new Date(guess.getTime() - (drift > DAY_MINUTES / 2 ? drift - DAY_MINUTES : drift) * MINUTE);
}

export function formatLocal(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)} (${timeZone})`;
}
