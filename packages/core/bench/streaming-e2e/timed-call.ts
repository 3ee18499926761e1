/** One streaming call of a client: resolves the final value, calls `onPartial` at each partial it shows. */
export type StreamCall = (signal: AbortSignal, onPartial: () => void) => Promise<unknown>;

/** What one call cost. */
export interface CallTiming {
  /** User plus system CPU time of this process during the call, in microseconds. */
  readonly cpuMicros: number;
  readonly wallMs: number;
  /** From the start of the call to its first partial (undefined when it showed none). */
  readonly firstPartialMs: number | undefined;
  readonly value: unknown;
}

/** A call that ended within its budget, or why it did not. */
export type CallOutcome =
  | { readonly ok: true; readonly timing: CallTiming }
  | { readonly ok: false; readonly overBudget: boolean; readonly message: string };

/** Thrown into a call whose budget ran out. */
export class OverBudget extends Error {
  constructor(budgetMs: number) {
    super(`over the budget of ${budgetMs} ms per call`);
    this.name = "OverBudget";
  }
}

/**
 * Makes one call and measures its CPU time (`process.cpuUsage`), wall time
 * and time to first partial. After `budgetMs` the call's signal aborts; a call
 * that still has not ended `graceMs` later is abandoned (its signal is
 * aborted, so it stops reading). Either way the outcome says over budget.
 */
export async function timeCall(call: StreamCall, budgetMs: number, graceMs = 2_000): Promise<CallOutcome> {
  const controller = new AbortController();
  let abandon: ((error: Error) => void) | undefined;
  const abandoned = new Promise<never>((_, reject) => (abandon = reject));
  const budget = setTimeout(() => {
    controller.abort(new OverBudget(budgetMs));
    grace = setTimeout(() => abandon?.(new OverBudget(budgetMs)), graceMs);
  }, budgetMs);
  let grace: ReturnType<typeof setTimeout> | undefined;
  let firstPartialMs: number | undefined;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const onPartial = () => {
    firstPartialMs ??= performance.now() - started;
  };
  try {
    const value = await Promise.race([call(controller.signal, onPartial), abandoned]);
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    // A call whose synchronous work held the timer back past the budget is over it too.
    if (controller.signal.aborted || wallMs > budgetMs) return { ok: false, overBudget: true, message: `over the budget of ${budgetMs} ms per call` };
    return { ok: true, timing: { cpuMicros: cpu.user + cpu.system, wallMs, firstPartialMs, value } };
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, overBudget: true, message: `over the budget of ${budgetMs} ms per call` };
    return { ok: false, overBudget: false, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  } finally {
    clearTimeout(budget);
    clearTimeout(grace);
  }
}
