import { describe, expect, it } from "vitest";
import { assignVariant } from "../../../app/insights/ab";

describe("assignVariant", () => {
  it("is deterministic for the same key", () => {
    for (const key of ["shop-a:run-1:step", "x", ""]) {
      expect(assignVariant(key, 3)).toBe(assignVariant(key, 3));
    }
  });

  it("stays within range", () => {
    for (let i = 0; i < 500; i++) {
      const v = assignVariant(`key-${i}`, 4);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(4);
      expect(Number.isInteger(v)).toBe(true);
    }
  });

  it("always returns 0 for a single variant", () => {
    expect(assignVariant("anything", 1)).toBe(0);
  });

  it("rejects a non-positive or fractional variant count", () => {
    expect(() => assignVariant("k", 0)).toThrow(RangeError);
    expect(() => assignVariant("k", -2)).toThrow(RangeError);
    expect(() => assignVariant("k", 1.5)).toThrow(RangeError);
  });

  it("is close to uniform over many keys", () => {
    const n = 20_000;
    const variants = 2;
    const counts = new Array<number>(variants).fill(0);
    for (let i = 0; i < n; i++) counts[assignVariant(`shop.myshopify.com:run-${i}:email_1`, variants)]++;
    // Binomial sd for p=0.5, n=20000 is ~71; 5 sd is a failure only on a real bias.
    for (const c of counts) expect(Math.abs(c - n / variants)).toBeLessThan(360);
  });

  it("is close to uniform for three variants (chi-square)", () => {
    const n = 30_000;
    const counts = [0, 0, 0];
    for (let i = 0; i < n; i++) counts[assignVariant(`k${i}`, 3)]++;
    const expected = n / 3;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 2 degrees of freedom: P(chi2 > 13.8) = 0.001
    expect(chi2).toBeLessThan(13.8);
  });

  it("different keys spread across variants", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) seen.add(assignVariant(`k${i}`, 5));
    expect(seen.size).toBe(5);
  });
});
