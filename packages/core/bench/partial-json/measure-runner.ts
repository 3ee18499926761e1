import type { StreamRunner } from "./stream-runners.js";

/** Timings of one runner on one document. */
export interface Measurement {
  /** Median over batches of the mean wall time per stream, in milliseconds. */
  readonly medianMs: number;
  /** Streams timed in total (batches x batch size). */
  readonly repetitions: number;
  /** The final value of the first run. */
  readonly finalValue: unknown;
}

/** How long to measure. */
export interface MeasureBudget {
  /** A batch repeats the stream until it lasts about this long (so that small documents include their share of GC). */
  readonly batchMs: number;
  readonly minimumBatches: number;
  readonly maximumBatches: number;
  /** Stop adding batches (beyond the minimum) once this much time was spent. */
  readonly totalMs: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function timeBatch(runner: StreamRunner, chunks: readonly string[], size: number): Promise<number> {
  const started = performance.now();
  for (let run = 0; run < size; run += 1) await runner.run(chunks);
  return (performance.now() - started) / size;
}

/**
 * Times `runner` on `chunks`: one first run (its value is checked by the caller, its time sizes
 * the batches), then batches of repeated runs; returns the median of the batch means. A first
 * run longer than `totalMs` is the only measurement.
 */
export async function measureRunner(runner: StreamRunner, chunks: readonly string[], budget: MeasureBudget): Promise<Measurement> {
  const started = performance.now();
  const finalValue = await runner.run(chunks);
  const firstMs = performance.now() - started;
  if (firstMs >= budget.totalMs) return { medianMs: firstMs, repetitions: 1, finalValue };
  const batchSize = Math.max(1, Math.ceil(budget.batchMs / Math.max(firstMs, 0.001)));
  const means: number[] = [];
  let spent = firstMs;
  while (means.length < budget.maximumBatches && (means.length < budget.minimumBatches || spent < budget.totalMs)) {
    const mean = await timeBatch(runner, chunks, batchSize);
    means.push(mean);
    spent += mean * batchSize;
  }
  return { medianMs: median(means), repetitions: means.length * batchSize, finalValue };
}
