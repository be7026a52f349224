// The demo clock's stops and its quiet-hours note, with pinned instants in a zone without daylight
// saving (Asia/Tokyo, UTC+9), so the expectations hold whatever the time-zone database says.
import { describe, expect, it } from "vitest";
import { nextHop, nextLocalMidnight } from "../../../app/demo/hops";
import { quietHoursNote } from "../../../app/demo/quiet";

const ZONE = "Asia/Tokyo";
const at = (iso: string) => new Date(iso).getTime();

describe("demo clock stops", () => {
  it("stops at the next due step before the target", () => {
    const now = at("2026-12-03T06:00:00Z");
    expect(
      nextHop({
        now,
        target: now + 86_400_000,
        nextDueAt: at("2026-12-03T16:00:00Z"),
        nextMidnight: at("2026-12-04T08:00:00Z"),
      }),
    ).toBe(at("2026-12-03T16:00:00Z"));
  });

  it("stops at local midnight when no step is due sooner, and never passes the target", () => {
    const now = at("2026-12-03T06:00:00Z");
    expect(
      nextHop({
        now,
        target: now + 2 * 86_400_000,
        nextDueAt: null,
        nextMidnight: at("2026-12-03T08:00:00Z"),
      }),
    ).toBe(at("2026-12-03T08:00:00Z"));
    expect(
      nextHop({ now, target: now + 3_600_000, nextDueAt: now + 7_200_000, nextMidnight: now + 9_000_000 }),
    ).toBe(now + 3_600_000);
  });

  it("ignores stops that are not ahead", () => {
    const now = at("2026-12-03T06:00:00Z");
    expect(nextHop({ now, target: now + 60_000, nextDueAt: now, nextMidnight: now })).toBe(now + 60_000);
  });

  it("finds the next local midnight, also from midnight itself", () => {
    expect(nextLocalMidnight(new Date("2026-12-03T06:00:00Z"), ZONE)).toBe(at("2026-12-03T15:00:00Z"));
    expect(nextLocalMidnight(new Date("2026-12-03T15:00:00Z"), ZONE)).toBe(at("2026-12-04T15:00:00Z"));
  });
});

describe("quiet hours note", () => {
  it("says when sends resume during quiet hours", () => {
    const note = quietHoursNote(new Date("2026-12-04T13:14:00Z"), ZONE, 21 * 60, 8 * 60); // 22:14 local
    expect(note.active).toBe(true);
    expect(note.until).toBe("2026-12-04T23:00:00.000Z");
    expect(note.text).toContain("Quiet hours 21:00–08:00 shop time (Asia/Tokyo)");
    expect(note.text).toContain("it is 22:14 there, so the next sends go out at 08:00 tomorrow");
  });

  it("after midnight the release is the same local day", () => {
    const note = quietHoursNote(new Date("2026-12-04T18:00:00Z"), ZONE, 21 * 60, 8 * 60); // 03:00 local
    expect(note.text).toContain("go out at 08:00.");
  });

  it("outside quiet hours, due emails go out now; equal bounds mean off", () => {
    const day = quietHoursNote(new Date("2026-12-04T03:00:00Z"), ZONE, 21 * 60, 8 * 60); // 12:00 local
    expect(day).toMatchObject({ active: false, until: null });
    expect(day.text).toContain("it is 12:00 there, so due emails go out now");
    expect(quietHoursNote(new Date("2026-12-04T03:00:00Z"), ZONE, 0, 0).text).toContain("off");
  });
});
