import { describe, expect, it } from "vitest";
import { afterFailure, MAX_ATTEMPTS, retryDelayMs } from "../../../app/ingest/retry";

describe("webhook retry backoff", () => {
  it("doubles from 30 s and stops growing at one hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(retryDelayMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000,
    ]);
    expect(retryDelayMs(8)).toBe(3_600_000);
    expect(retryDelayMs(40)).toBe(3_600_000);
  });

  it("schedules the next attempt from now, then gives up after the last attempt", () => {
    const now = new Date("2026-11-20T10:00:00Z");
    expect(afterFailure(1, now)).toEqual({
      status: "received",
      nextAttemptAt: new Date("2026-11-20T10:00:30Z"),
    });
    expect(afterFailure(MAX_ATTEMPTS - 1, now).status).toBe("received");
    expect(afterFailure(MAX_ATTEMPTS, now)).toEqual({ status: "failed", nextAttemptAt: null });
  });
});
