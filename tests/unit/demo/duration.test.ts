import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../../../app/demo/duration";

describe("demo clock durations", () => {
  it("parses minutes, hours, days and weeks", () => {
    expect(parseDuration("90m")).toBe(90 * 60_000);
    expect(parseDuration("2h")).toBe(7_200_000);
    expect(parseDuration(" 1.5d ")).toBe(129_600_000);
    expect(parseDuration("1W")).toBe(604_800_000);
  });

  it("refuses nonsense, zero, negatives and more than 400 days", () => {
    for (const bad of ["", "2", "h", "-1h", "0h", "2 hours", "401d", "1e3d"])
      expect(parseDuration(bad)).toBeNull();
  });

  it("formats offsets for people", () => {
    expect(formatDuration(0)).toBe("0m");
    expect(formatDuration(93_600_000 + 5 * 60_000)).toBe("1d 2h 5m");
  });
});
