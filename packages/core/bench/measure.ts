/** Wall time and CPU time of one run of calls. */
export interface RunResult {
  readonly calls: number;
  readonly wallMs: number;
  /** User plus system CPU time of this process, in microseconds. */
  readonly cpuMicros: number;
  readonly callsPerSecond: number;
  readonly cpuMicrosPerCall: number;
}

/**
 * Makes `calls` calls with `concurrency` workers pulling from a shared
 * counter (1 = sequential), and measures the wall time and this process's
 * CPU time they took.
 */
export async function runCalls(call: () => Promise<unknown>, calls: number, concurrency: number): Promise<RunResult> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < calls) {
      next += 1;
      await call();
    }
  };
  const workers = Math.max(1, Math.min(concurrency, calls));
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: workers }, worker));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMicros = cpu.user + cpu.system;
  return { calls, wallMs, cpuMicros, callsPerSecond: (calls * 1000) / wallMs, cpuMicrosPerCall: cpuMicros / calls };
}

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Runs a full garbage collection when Node was started with `--expose-gc`. */
export function collectGarbage(): void {
  globalThis.gc?.();
}
