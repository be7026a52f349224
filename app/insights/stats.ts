// Small, dependency-free statistics for the reports: normal and Student t quantiles, Wilson and
// Newcombe intervals for proportions, Welch's interval for a difference in means, and the
// two-proportion z-test. Pure functions; every interval is two-sided.

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 through erf; absolute error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Standard normal quantile (Acklam's rational approximation; relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/**
 * Student t quantile by the Cornish-Fisher expansion around the normal quantile. Accurate to about
 * 1e-3 for df >= 5, which is far below the noise of any shop's data; tiny samples never reach it
 * because the reports call them "not enough data" first.
 */
export function tQuantile(p: number, df: number): number {
  const z = normalQuantile(p);
  if (!Number.isFinite(df) || df > 1e7) return z;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const z9 = z ** 9;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3) +
    (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df ** 4)
  );
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

function zFor(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}

/** Wilson score interval for a proportion: well-behaved near 0 and 1, unlike the Wald interval. */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  if (n <= 0) return { estimate: 0, low: 0, high: 1 };
  const z = zFor(confidence);
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Newcombe's hybrid score interval (method 10) for p1 - p2, built from two Wilson intervals. */
export function newcombeDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence = 0.95,
): Interval {
  const a = wilsonInterval(x1, n1, confidence);
  const b = wilsonInterval(x2, n2, confidence);
  const d = a.estimate - b.estimate;
  return {
    estimate: d,
    low: d - Math.sqrt((a.estimate - a.low) ** 2 + (b.high - b.estimate) ** 2),
    high: d + Math.sqrt((a.high - a.estimate) ** 2 + (b.estimate - b.low) ** 2),
  };
}

/** Sufficient statistics of a sample, as SQL can return them: count, sum and sum of squares. */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
}

export function mean(m: Moments): number {
  return m.n > 0 ? m.sum / m.n : 0;
}

export function sampleVariance(m: Moments): number {
  if (m.n < 2) return 0;
  return Math.max(0, (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1));
}

/** Welch's interval for mean(a) - mean(b): no equal-variance assumption (revenue rarely has one). */
export function welchDifference(a: Moments, b: Moments, confidence = 0.95): Interval & { df: number } {
  const d = mean(a) - mean(b);
  if (a.n < 2 || b.n < 2)
    return { estimate: d, low: Number.NEGATIVE_INFINITY, high: Number.POSITIVE_INFINITY, df: 0 };
  const va = sampleVariance(a) / a.n;
  const vb = sampleVariance(b) / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { estimate: d, low: d, high: d, df: Number.POSITIVE_INFINITY };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = tQuantile(1 - (1 - confidence) / 2, df);
  return { estimate: d, low: d - t * se, high: d + t * se, df };
}

/** Pooled two-proportion z-test, two-sided. */
export function twoProportionTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): { z: number; pValue: number } {
  if (n1 <= 0 || n2 <= 0) return { z: 0, pValue: 1 };
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) };
}

/** Smallest difference in proportions detectable with 80% power at 5% (two-sided), given sizes. */
export function minimumDetectableDifference(baseline: number, n1: number, n2: number): number {
  if (n1 <= 0 || n2 <= 0) return Number.POSITIVE_INFINITY;
  const p = Math.min(Math.max(baseline, 0.01), 0.99);
  return (zFor(0.95) + normalQuantile(0.8)) * Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
}
