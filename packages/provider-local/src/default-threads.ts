import { availableParallelism } from "node:os";

/**
 * The CPU threads a local model uses when none are asked for:
 * `$CORTEX_LOCAL_THREADS` when set, else half the logical cores, at least 1
 * and at most 8. Measured on a 2-core machine with stories260K: 1 thread ran
 * at about 1,000 tokens/s, 2 threads at 70-100 tokens/s (the threads wait on
 * each other and on everything else running), so small machines get one.
 */
export function defaultThreads(
  parallelism: number = availableParallelism(),
  environment: Record<string, string | undefined> = process.env,
): number {
  const configured = Number(environment.CORTEX_LOCAL_THREADS?.trim() || Number.NaN);
  if (Number.isInteger(configured) && configured > 0) return configured;
  return Math.max(1, Math.min(8, Math.floor(parallelism / 2)));
}
