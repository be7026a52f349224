// Deterministic A/B assignment: the same key (e.g. shop + flow run + step) always gets the same
// subject variant, so retries and re-renders never flip a customer between variants, and results
// can be recomputed from the key alone.
import { createHash } from "node:crypto";

/**
 * Returns a variant index in [0, variants) derived from a SHA-256 of `key`.
 * Uses the first 48 bits of the digest; with 2^48 buckets the modulo bias is negligible
 * for any realistic number of variants, so assignment is uniform.
 */
export function assignVariant(key: string, variants: number): number {
  if (!Number.isInteger(variants) || variants < 1) {
    throw new RangeError(`variants must be a positive integer, got ${variants}`);
  }
  if (variants === 1) return 0;
  const digest = createHash("sha256").update(key, "utf8").digest();
  const bucket = digest.readUIntBE(0, 6); // 48 bits: exact in a JS number
  return bucket % variants;
}
