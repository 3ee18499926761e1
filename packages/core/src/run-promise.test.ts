import { Effect, FiberRef, RuntimeFlags } from "effect";
import { describe, expect, it } from "vitest";
import { RequestAbortedError } from "./errors/index.js";
import { runAsPromise, runAsPromiseSelect, SharedMicrotaskScheduler } from "./run-promise.js";

class Boom extends Error {
  override readonly name = "Boom";
}

describe("runAsPromise", () => {
  it("resolves with the value and rejects with the typed error itself", async () => {
    await expect(runAsPromise(Effect.succeed(42))).resolves.toBe(42);
    const boom = new Boom("typed");
    await expect(runAsPromise(Effect.fail(boom))).rejects.toBe(boom);
  });

  it("runs on the shared scheduler, without runtime metrics", async () => {
    await expect(runAsPromise(FiberRef.get(FiberRef.currentScheduler))).resolves.toBeInstanceOf(SharedMicrotaskScheduler);
    const flags = await runAsPromise(Effect.getRuntimeFlags);
    expect(RuntimeFlags.isEnabled(flags, RuntimeFlags.RuntimeMetrics)).toBe(false);
    expect(RuntimeFlags.isEnabled(flags, RuntimeFlags.Interruption)).toBe(true);
  });

  it("settles with select's value, or rejects with what select throws", async () => {
    await expect(runAsPromiseSelect(Effect.succeed({ data: 7 }), undefined, (result) => result.data)).resolves.toBe(7);
    const thrown = new Boom("select");
    await expect(
      runAsPromiseSelect(Effect.succeed(1), undefined, () => {
        throw thrown;
      }),
    ).rejects.toBe(thrown);
  });

  it("interrupts at once when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort("gone");
    const error = await runAsPromise(Effect.never, controller.signal).catch((caught: unknown) => caught);
    expect(RequestAbortedError.isInstance(error)).toBe(true);
    expect((error as RequestAbortedError).reason).toBe("gone");
  });

  it("turns an aborted signal into RequestAbortedError with the signal's reason", async () => {
    const controller = new AbortController();
    const pending = runAsPromise(Effect.never, controller.signal);
    controller.abort(new Error("user left"));
    const error = await pending.catch((caught: unknown) => caught);
    expect(RequestAbortedError.isInstance(error)).toBe(true);
    expect((error as RequestAbortedError).reason).toBe("user left");
  });

  it("runs many fibers side by side on the shared scheduler, each to its own result", async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        runAsPromise(
          Effect.gen(function* () {
            for (let step = 0; step < 5; step += 1) yield* Effect.yieldNow();
            yield* Effect.promise(() => new Promise((resolve) => setImmediate(resolve)));
            return index;
          }),
        ),
      ),
    );
    expect(results).toEqual(Array.from({ length: 200 }, (_, index) => index));
  });

  it("still yields to timers and I/O: a fiber that never waits does not starve the event loop", async () => {
    let timerFiredAtStep: number | undefined;
    let step = 0;
    setTimeout(() => {
      timerFiredAtStep = step;
    }, 0);
    await runAsPromise(
      Effect.gen(function* () {
        for (; step < 20_000; step += 1) yield* Effect.yieldNow();
      }),
    );
    expect(timerFiredAtStep).toBeDefined();
    expect(timerFiredAtStep).toBeLessThan(20_000);
  });
});
