// The zone offset table the set-based statistics read in SQL: every instant's wall date from the
// table must be the one Intl gives (the per-event path's monthDay), in zones with 45-minute and
// 30-minute offsets or DST steps, a skipped day (Apia, 30 Dec 2011) and yearly DST suspensions
// (Casablanca); every change is found to the second.
import { describe, expect, it } from "vitest";
import { monthDay } from "../../../app/store/values";
import { BEGINNING, type OffsetFrom, offsetAt, zoneOffsets } from "../../../app/store/zone-offsets";

const ZONES = [
  "America/Los_Angeles",
  "Europe/London",
  "Asia/Kathmandu",
  "Pacific/Chatham",
  "Australia/Lord_Howe",
  "America/St_Johns",
  "Pacific/Apia",
  "Africa/Casablanca",
  "Asia/Tehran",
  "UTC",
];
const FROM = new Date("2008-01-01T00:00:00Z");
const TO = new Date("2027-01-01T00:00:00Z");

function lookup(table: OffsetFrom[], at: number): number {
  let offset = table[0].offset;
  for (const entry of table) if (entry.at <= Math.floor(at / 1000)) offset = entry.offset;
  return offset;
}

const tableDate = (table: OffsetFrom[], at: number) =>
  new Date(at + lookup(table, at) * 1000).toISOString().slice(5, 10);

describe("zone offset table", () => {
  it.each(ZONES)("gives Intl's local date for instants across 19 years in %s", (zone) => {
    const table = zoneOffsets(zone, FROM, TO);
    expect(table[0].at).toBe(BEGINNING);
    let seed = 7;
    const span = TO.getTime() - FROM.getTime();
    for (let i = 0; i < 3_000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const at = FROM.getTime() + Math.floor((seed / 2 ** 32) * span);
      expect([zone, at, tableDate(table, at)]).toEqual([zone, at, monthDay(new Date(at), zone)]);
    }
  });

  it.each(ZONES.filter((z) => z !== "UTC"))("places each change of %s on its exact second", (zone) => {
    const table = zoneOffsets(zone, FROM, TO);
    for (const { at, offset } of table.slice(1)) {
      expect(offsetAt(zone, at)).toBe(offset);
      expect(offsetAt(zone, at - 1)).not.toBe(offset);
      // The instants either side of the change, a millisecond apart, keep Intl's local dates.
      for (const ms of [at * 1000 - 1, at * 1000])
        expect(tableDate(table, ms)).toBe(monthDay(new Date(ms), zone));
    }
  });

  it("knows the zones' rules: Lord Howe's 30-minute step, Apia's lost day, Kathmandu's fixed +05:45", () => {
    const lordHowe = zoneOffsets("Australia/Lord_Howe", FROM, TO);
    expect(new Set(lordHowe.map((e) => e.offset))).toEqual(new Set([10.5 * 3600, 11 * 3600]));
    const apia = zoneOffsets(
      "Pacific/Apia",
      new Date("2011-12-01T00:00:00Z"),
      new Date("2012-01-31T00:00:00Z"),
    );
    // 29 December 2011 23:59:59 at -10:00 was followed by 31 December 00:00 at +14:00.
    expect(apia.map((e) => e.offset)).toEqual([-10 * 3600, 14 * 3600]);
    expect(apia[1].at).toBe(Date.parse("2011-12-30T10:00:00Z") / 1000);
    expect(zoneOffsets("Asia/Kathmandu", FROM, TO)).toEqual([{ at: BEGINNING, offset: 5.75 * 3600 }]);
    expect(zoneOffsets("UTC", FROM, TO)).toEqual([{ at: BEGINNING, offset: 0 }]);
  });

  it("covers instants after the span with the last offset and before it with the first", () => {
    const table = zoneOffsets(
      "America/Los_Angeles",
      new Date("2026-07-01T00:00:00Z"),
      new Date("2026-08-01T00:00:00Z"),
    );
    expect(table).toEqual([{ at: BEGINNING, offset: -7 * 3600 }]);
  });
});
