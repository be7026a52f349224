// Group commit: items handed in during the same turn of the event loop (concurrent sends) are
// written together by one call; each caller resolves once its item is stored, or rejects with the
// batch's error. A batch in flight does not block the next one from queueing.

export function groupCommit<T>(
  write: (items: T[]) => Promise<void>,
  options: { maxBatch?: number } = {},
): (item: T) => Promise<void> {
  const maxBatch = options.maxBatch ?? 200;
  let queue: Array<{ item: T; resolve(): void; reject(error: unknown): void }> = [];
  let scheduled = false;
  const flush = async () => {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        await write(batch.map((b) => b.item));
        for (const b of batch) b.resolve();
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
  };
  return (item) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => void flush());
      }
    });
}
