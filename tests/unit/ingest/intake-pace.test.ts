import { describe, expect, it } from "vitest";
import { createIntakePace } from "../../../app/ingest/intake-pace";

function clockAt(start = 0) {
  const clock = { t: start, now: () => clock.t };
  return clock;
}

describe("intake pace", () => {
  it("lets processing run flat out when no webhook is arriving", () => {
    const clock = clockAt();
    const pace = createIntakePace({ now: clock.now });
    expect(pace.restAfter(12)).toBe(0);
  });

  it("estimates the arrival rate and forgets it once intake goes quiet", () => {
    const clock = clockAt();
    const pace = createIntakePace({ now: clock.now, windowMs: 500 });
    for (let i = 0; i < 1_000; i++) {
      clock.t += 1; // 1,000 deliveries/s
      pace.noteIntake();
    }
    expect(pace.ratePerSecond()).toBeGreaterThan(800);
    expect(pace.ratePerSecond()).toBeLessThan(1_100);
    clock.t += 5_000;
    expect(pace.ratePerSecond()).toBeLessThan(1);
    expect(pace.restAfter(12)).toBeLessThan(0.1);
  });

  it("gives processing the share intake leaves, never less than the floor", () => {
    const clock = clockAt();
    const pace = createIntakePace({ now: clock.now, saturationRate: 2_000, minShare: 0.1 });
    const restAt = (perSecond: number) => {
      for (let i = 0; i < 5_000; i++) {
        clock.t += 1_000 / perSecond;
        pace.noteIntake();
      }
      return pace.restAfter(10);
    };
    const light = restAt(10); // a quiet shop: processing keeps ~all of the loop
    const half = restAt(1_000); // processing gets about half
    const flood = restAt(10_000); // beyond saturation: the floor, 10 %
    expect(light).toBeLessThan(0.1);
    expect(10 / (10 + half)).toBeGreaterThan(0.4);
    expect(10 / (10 + half)).toBeLessThan(0.6);
    expect(10 / (10 + flood)).toBeCloseTo(0.1, 2);
  });

  it("never rests longer than the ceiling, so a slow item cannot stall the backlog", () => {
    const clock = clockAt();
    const pace = createIntakePace({ maxRestMs: 200, now: clock.now });
    for (let i = 0; i < 5_000; i++) {
      clock.t += 0.1;
      pace.noteIntake();
    }
    expect(pace.restAfter(500)).toBe(200);
  });
});
