// Seeded pseudo-random numbers for synthetic shops: the same seed always gives the same data.
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Exponentially distributed order value in minor units (a skewed basket, like real shops). */
export function orderValueMinor(random: () => number, meanMinor: number): number {
  return Math.max(100, Math.round(-Math.log(1 - random()) * meanMinor));
}
