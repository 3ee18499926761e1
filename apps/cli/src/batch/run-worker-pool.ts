/**
 * Runs `work` over `items` with at most `concurrency` at a time: a fixed
 * pool of workers, each taking the next item when it is free. Stops handing
 * out items once `stopped()` is true; resolves when every worker is idle.
 * `work` must not reject (it records its own failures).
 */
export async function runWorkerPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>, stopped: () => boolean): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!stopped() && next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, () => worker());
  await Promise.all(workers);
}
