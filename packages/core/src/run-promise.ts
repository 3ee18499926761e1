import { Cause, Effect, Exit, Option, Runtime, RuntimeFlags } from "effect";
import { RequestAbortedError } from "./errors/index.js";

/**
 * The runtime of the Promise API: Effect's default one without runtime
 * metrics, which would update four fiber counters (and read the clock) on
 * every call for metrics nobody reads here. Effect-API users run the
 * programs on their own runtime, with whatever flags they choose.
 */
const promiseRuntime = Runtime.disableRuntimeFlag(Runtime.defaultRuntime, RuntimeFlags.RuntimeMetrics);
const runPromiseExit = Runtime.runPromiseExit(promiseRuntime);

/**
 * Runs an Effect for the Promise API: resolves with its value, or rejects
 * with the typed error itself (not Effect's wrapper), so `error.name` and
 * `isInstance` work. An aborted signal interrupts the program and closes the
 * request.
 */
export async function runAsPromise<A, E>(effect: Effect.Effect<A, E>, signal?: AbortSignal): Promise<A> {
  const exit = await runPromiseExit(effect, signal ? { signal } : undefined);
  if (Exit.isSuccess(exit)) return exit.value;
  const failure = Cause.failureOption(exit.cause);
  if (Option.isSome(failure)) throw failure.value;
  if (Cause.isInterruptedOnly(exit.cause)) {
    const reason = signal?.reason instanceof Error ? signal.reason.message : signal?.reason ? String(signal.reason) : "interrupted";
    throw new RequestAbortedError({ reason });
  }
  throw Cause.squash(exit.cause);
}
