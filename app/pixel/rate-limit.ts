// Token buckets per key (shop + visitor IP, and shop): a burst allowance refilled at a steady rate.
// In memory, per process: several web processes each allow their share, which bounds abuse without
// a shared store. Time is injected so tests are exact.
export interface RateLimit {
  capacity: number;
  refillPerSecond: number;
}

export interface RateLimiter {
  take(key: string): boolean;
}

export function createRateLimiter(limit: RateLimit, now: () => number, maxKeys = 50_000): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      const b = buckets.get(key) ?? { tokens: limit.capacity, at: t };
      b.tokens = Math.min(limit.capacity, b.tokens + ((t - b.at) / 1000) * limit.refillPerSecond);
      b.at = t;
      const allowed = b.tokens >= 1;
      if (allowed) b.tokens -= 1;
      buckets.delete(key);
      buckets.set(key, b); // most recently used last, so eviction drops the oldest
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
      return allowed;
    },
  };
}
