// Holdout assignment: a fixed share of eligible customers per flow receives nothing, so the lift of
// the flow can be measured. Deterministic per (shop, flow, customer): re-enrolling never reshuffles.

/** FNV-1a, 32 bit: stable across processes and versions, unlike Math.random or object hashes. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function isHoldout(shop: string, flowKey: string, customerKey: string, percent: number): boolean {
  if (percent <= 0) return false;
  if (percent >= 100) return true;
  return fnv1a(`${shop}|${flowKey}|${customerKey}`) % 100 < percent;
}
