import { Cause, type Effect, Exit, type Fiber, Option, Runtime, RuntimeFlags, Scheduler } from "effect";
import { RequestAbortedError } from "./errors/index.js";

/**
 * One task queue for every fiber of the Promise API, drained on the microtask
 * queue (with a timer turn after 2,048 drains in a row), as Effect's default
 * scheduler did before 3.20. The default now keeps a queue per fiber in a
 * WeakMap, which costs every call a queue and a weak entry that the garbage
 * collector must trace.
 */
export class SharedMicrotaskScheduler implements Scheduler.Scheduler {
  private readonly runner = new Scheduler.SchedulerRunner((depth, drain) => {
    if (depth >= 2048) setTimeout(() => drain(0), 0);
    else queueMicrotask(() => drain(depth + 1));
  });

  /** Yields after the fiber's op budget, like the default scheduler. */
  shouldYield(fiber: Parameters<Scheduler.Scheduler["shouldYield"]>[0]): number | false {
    return Scheduler.defaultScheduler.shouldYield(fiber);
  }

  /** Queues a task; the queue is drained on the next microtask. */
  scheduleTask(task: Scheduler.Task, priority: number): void {
    this.runner.scheduleTask(task, priority);
  }
}

/**
 * The runtime of the Promise API: Effect's default one without runtime
 * metrics, which would update four fiber counters (and read the clock) on
 * every call for metrics nobody reads here. Effect-API users run the
 * programs on their own runtime.
 */
const promiseRuntime = Runtime.make({
  context: Runtime.defaultRuntime.context,
  runtimeFlags: RuntimeFlags.disable(Runtime.defaultRuntime.runtimeFlags, RuntimeFlags.RuntimeMetrics),
  fiberRefs: Runtime.defaultRuntime.fiberRefs,
});

/**
 * The shared scheduler goes in at fork time, not in the runtime's fiber
 * refs: a runtime with no fiber refs lets every fork build its refs from
 * scratch instead of copying (and re-forking) the runtime's.
 */
const forkOptions: Runtime.RunForkOptions = { scheduler: new SharedMicrotaskScheduler() };

/** Forks an Effect on the Promise API's runtime and shared scheduler (for callers that settle it themselves). */
export function forkOnPromiseRuntime<A, E>(effect: Effect.Effect<A, E>): Fiber.RuntimeFiber<A, E> {
  return Runtime.runFork(promiseRuntime, effect, forkOptions);
}

/** The error of a call cancelled by its signal, with the signal's reason. */
function abortedError(signal: AbortSignal | undefined): RequestAbortedError {
  const reason = signal?.reason instanceof Error ? signal.reason.message : signal?.reason ? String(signal.reason) : "interrupted";
  return new RequestAbortedError({ reason });
}

/** The value of an exit, or its typed error (or a RequestAbortedError for an interruption) thrown. */
function valueOf<A, E>(exit: Exit.Exit<A, E>, signal: AbortSignal | undefined): A {
  if (Exit.isSuccess(exit)) return exit.value;
  const failure = Cause.failureOption(exit.cause);
  if (Option.isSome(failure)) throw failure.value;
  if (Cause.isInterruptedOnly(exit.cause)) throw abortedError(signal);
  throw Cause.squash(exit.cause);
}

/**
 * Runs an Effect for the Promise API: resolves with its value, or rejects
 * with the typed error itself (not Effect's wrapper), so `error.name` and
 * `isInstance` work. An aborted signal interrupts the program and closes the
 * request.
 */
export function runAsPromise<A, E>(effect: Effect.Effect<A, E>, signal?: AbortSignal): Promise<A> {
  return runAsPromiseSelect(effect, signal, (value) => value);
}

/**
 * {@link runAsPromise}, then `select` on the value, in the same step: the
 * fiber's exit settles the promise directly (no `runPromiseExit` promise to
 * chain on), and an aborted signal interrupts the fiber.
 */
export function runAsPromiseSelect<A, E, B>(effect: Effect.Effect<A, E>, signal: AbortSignal | undefined, select: (value: A) => B): Promise<B> {
  // A signal aborted before the call starts nothing: no fiber, no request.
  if (signal?.aborted) return Promise.reject(abortedError(signal));
  return new Promise<B>((resolve, reject) => {
    const fiber = forkOnPromiseRuntime(effect);
    fiber.addObserver((exit) => {
      try {
        resolve(select(valueOf(exit, signal)));
      } catch (error) {
        reject(error);
      }
    });
    if (signal === undefined) return;
    if (signal.aborted) {
      // Aborted while the fiber ran its first synchronous steps (by a hook, say).
      fiber.unsafeInterruptAsFork(fiber.id());
      return;
    }
    const onAbort = () => fiber.unsafeInterruptAsFork(fiber.id());
    signal.addEventListener("abort", onAbort, { once: true });
    fiber.addObserver(() => signal.removeEventListener("abort", onAbort));
  });
}
