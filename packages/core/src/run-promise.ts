import { Cause, Effect, Exit, Option } from "effect";
import { RequestAbortedError } from "./errors/index.js";

/**
 * Runs an Effect for the Promise API: resolves with its value, or rejects
 * with the typed error itself (not Effect's wrapper), so `error.name` and
 * `isInstance` work. An aborted signal interrupts the program and closes the
 * request.
 */
export async function runAsPromise<A, E>(effect: Effect.Effect<A, E>, signal?: AbortSignal): Promise<A> {
  const exit = await Effect.runPromiseExit(effect, signal ? { signal } : undefined);
  if (Exit.isSuccess(exit)) return exit.value;
  const failure = Cause.failureOption(exit.cause);
  if (Option.isSome(failure)) throw failure.value;
  if (Cause.isInterruptedOnly(exit.cause)) {
    const reason = signal?.reason instanceof Error ? signal.reason.message : signal?.reason ? String(signal.reason) : "interrupted";
    throw new RequestAbortedError({ reason });
  }
  throw Cause.squash(exit.cause);
}
