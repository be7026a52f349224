import { describe, expect, it } from "vitest";
import { createLimiter } from "../../../app/drafting/concurrency";
import { backoffMs, DEFAULT_RETRY, retryAfterMs } from "../../../app/drafting/retry";

const headers = (h: Record<string, string>) => new Headers(h);
const NOW = new Date("2026-11-20T10:00:00Z");

describe("retry policy", () => {
  it("reads retry-after-ms, retry-after seconds and retry-after dates", () => {
    expect(retryAfterMs(headers({ "retry-after-ms": "250" }), NOW)).toBe(250);
    expect(retryAfterMs(headers({ "retry-after": "2" }), NOW)).toBe(2000);
    expect(retryAfterMs(headers({ "retry-after": "Fri, 20 Nov 2026 10:00:05 GMT" }), NOW)).toBe(5000);
    expect(retryAfterMs(headers({}), NOW)).toBeNull();
    expect(retryAfterMs(headers({ "retry-after": "soon" }), NOW)).toBeNull();
  });

  it("backs off exponentially with bounded jitter, and a hint wins up to the cap", () => {
    expect(backoffMs(DEFAULT_RETRY, 1, null, 0.5)).toBe(500);
    expect(backoffMs(DEFAULT_RETRY, 3, null, 0.5)).toBe(2000);
    expect(backoffMs(DEFAULT_RETRY, 3, null, 0)).toBe(1500);
    expect(backoffMs(DEFAULT_RETRY, 20, null, 0.99)).toBe(DEFAULT_RETRY.maxDelayMs);
    expect(backoffMs(DEFAULT_RETRY, 1, 3000, 0.5)).toBe(3000);
    expect(backoffMs(DEFAULT_RETRY, 1, 999_999, 0.5)).toBe(DEFAULT_RETRY.maxDelayMs);
  });
});

describe("limiter", () => {
  it("runs at most `limit` tasks at once and runs them all", async () => {
    const limiter = createLimiter(2);
    let running = 0;
    let peak = 0;
    const releases: Array<() => void> = [];
    const tasks = Array.from({ length: 5 }, (_, i) =>
      limiter.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((r) => releases.push(r));
        running--;
        return i;
      }),
    );
    await Promise.resolve();
    expect(limiter.active).toBe(2);
    expect(limiter.waiting).toBe(3);
    while (releases.length || limiter.active) {
      releases.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it("rejects a nonsense limit", () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});
