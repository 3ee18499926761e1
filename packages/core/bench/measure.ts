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

/** Sums runs of the same client into one result (calls, wall time and CPU time add up). */
export function sumRuns(runs: readonly RunResult[]): RunResult {
  let calls = 0;
  let wallMs = 0;
  let cpuMicros = 0;
  for (const run of runs) {
    calls += run.calls;
    wallMs += run.wallMs;
    cpuMicros += run.cpuMicros;
  }
  return { calls, wallMs, cpuMicros, callsPerSecond: (calls * 1000) / wallMs, cpuMicrosPerCall: cpuMicros / calls };
}

/** How {@link runInterleaved} orders a round. */
export interface InterleaveOptions {
  /** Start the round with the backward order (C B A): alternate it between rounds so no client is always first. */
  readonly startBackward?: boolean;
  /** Unmeasured calls per client before the first block (after a gc the first calls run cold, whoever makes them). */
  readonly settleCalls?: number;
}

/**
 * Makes `calls` calls with each client, in alternating blocks of
 * `blockCalls` (A B C, then C B A, ...), and returns each client's summed
 * result. Drift of the machine (another process, a CPU's clock) lasts longer
 * than a block, so it lands on every client alike instead of on whichever ran
 * during it.
 */
export async function runInterleaved(
  clients: readonly (() => Promise<unknown>)[],
  calls: number,
  blockCalls: number,
  concurrency: number,
  options: InterleaveOptions = {},
): Promise<RunResult[]> {
  const runs: RunResult[][] = clients.map(() => []);
  const forward = clients.map((_, index) => index);
  const backward = [...forward].reverse();
  const first = options.startBackward ? backward : forward;
  const second = options.startBackward ? forward : backward;
  const settleCalls = options.settleCalls ?? 0;
  if (settleCalls > 0) {
    for (const index of first) await runCalls(clients[index] as () => Promise<unknown>, settleCalls, concurrency);
  }
  for (let done = 0, block = 0; done < calls; block += 1) {
    const size = Math.min(blockCalls, calls - done);
    for (const index of block % 2 === 0 ? first : second) {
      runs[index]?.push(await runCalls(clients[index] as () => Promise<unknown>, size, concurrency));
    }
    done += size;
  }
  return runs.map(sumRuns);
}

/** Per round, `other` against `raw`: throughput other/raw and CPU per call raw/other (1 = same cost, higher is better). */
export function pairedRatios(raw: readonly RunResult[], other: readonly RunResult[]): { throughput: number; cpu: number }[] {
  return raw.map((rawRun, round) => {
    const otherRun = other[round] as RunResult;
    return { throughput: otherRun.callsPerSecond / rawRun.callsPerSecond, cpu: rawRun.cpuMicrosPerCall / otherRun.cpuMicrosPerCall };
  });
}
