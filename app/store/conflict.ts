// Optimistic concurrency for the store: writes are conditional on the clock that was read, so a
// webhook and a backfill batch touching the same row never overwrite each other's newer data.
// A lost race throws ConcurrentChange; the caller (webhook processor, reconciler) simply retries
// the whole, idempotent, delivery.
export class ConcurrentChange extends Error {
  override name = "ConcurrentChange";
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** Runs a create; a unique violation means someone else created the row first: retry. */
export async function createOrConflict<T>(what: string, create: () => Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConcurrentChange(`${what} was created concurrently`);
    throw error;
  }
}

export function expectOne(what: string, result: { count: number }): void {
  if (result.count !== 1) throw new ConcurrentChange(`${what} changed concurrently`);
}
