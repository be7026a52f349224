// A time zone's UTC offsets over a span of instants, as a short table SQL can read: SQLite has no
// zone database, so a set-based statement finds each instant's offset in this table (the last
// entry at or before it) and adds it to get the wall clock. The offsets come from the same Intl
// data as monthDay() in values.ts, so SQL and JS agree on every local date, on both databases.

/** Offsets from an instant on: `at` in Unix seconds, `offset` in seconds east of UTC. */
export interface OffsetFrom {
  at: number;
  offset: number;
}

/** Before any real instant: the first entry covers everything up to the first transition. */
export const BEGINNING = -62_135_596_800; // 0001-01-01T00:00:00Z

// How far apart offsets are sampled; a change between two samples is then found by bisection.
const STEP_S = 86_400;

const wallFormats = new Map<string, Intl.DateTimeFormat>();
function wallFormat(zone: string): Intl.DateTimeFormat {
  let format = wallFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    wallFormats.set(zone, format);
  }
  return format;
}

/** Seconds east of UTC in `zone` at Unix second `at` (wall clock minus UTC, to the second). */
export function offsetAt(zone: string, at: number): number {
  const parts: Record<string, string> = {};
  for (const p of wallFormat(zone).formatToParts(new Date(at * 1000))) parts[p.type] = p.value;
  const year = parts.era === "BC" ? 1 - Number(parts.year) : Number(parts.year);
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  return wall.getTime() / 1000 - at;
}

/**
 * The offsets of `zone` for instants from `from` to `to`: the offset in force at `from` (listed
 * from BEGINNING) and every change up to `to`, each found to the second. Instants after `to` take
 * the last offset, so callers pass a `to` past any instant they will look up. A change and its
 * reversal within one STEP_S would be missed; tzdb has none such.
 */
export function zoneOffsets(zone: string, from: Date, to: Date): OffsetFrom[] {
  if (zone === "UTC") return [{ at: BEGINNING, offset: 0 }];
  const end = Math.ceil(to.getTime() / 1000);
  let at = Math.floor(from.getTime() / 1000);
  let offset = offsetAt(zone, at);
  const table: OffsetFrom[] = [{ at: BEGINNING, offset }];
  while (at < end) {
    const next = Math.min(at + STEP_S, end);
    if (offsetAt(zone, next) === offset) {
      at = next;
      continue;
    }
    // The first second in (at, next] with another offset: the seconds before it all have `offset`.
    let lo = at;
    let hi = next;
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (offsetAt(zone, mid) === offset) lo = mid;
      else hi = mid;
    }
    offset = offsetAt(zone, hi);
    table.push({ at: hi, offset });
    at = hi;
  }
  return table;
}
