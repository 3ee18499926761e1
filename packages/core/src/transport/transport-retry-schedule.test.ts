import { Effect, Fiber, TestClock, TestContext } from "effect";
import { describe, expect, it } from "vitest";
import { ApiError, ConnectionError, ModelNotFoundError, type TransportError } from "../errors/index.js";
import { defaultTransportRetryPolicy, transportRetryDelayMs, transportRetrySchedule, withTransportRetries } from "./transport-retry-schedule.js";

const serverError = (retryAfterMs?: number) =>
  new ApiError({ status: 503, baseURL: "http://x", serverMessage: "busy", retryable: true, retryAfterMs, hint: undefined });

describe("transportRetryDelayMs", () => {
  it("backs off exponentially from 500 ms, capped at 8 s, with up to 25% jitter", () => {
    const error = serverError();
    expect(transportRetryDelayMs(error, 0, defaultTransportRetryPolicy, 0)).toBe(500);
    expect(transportRetryDelayMs(error, 1, defaultTransportRetryPolicy, 0)).toBe(1000);
    expect(transportRetryDelayMs(error, 10, defaultTransportRetryPolicy, 0)).toBe(8000);
    expect(transportRetryDelayMs(error, 0, defaultTransportRetryPolicy, 0.999)).toBeCloseTo(375.1, 0);
  });

  it("honours the server's Retry-After", () => {
    expect(transportRetryDelayMs(serverError(1234), 3, defaultTransportRetryPolicy, 0.5)).toBe(1234);
  });
});

describe("transportRetrySchedule", () => {
  const run = (errors: TransportError[], maxRetries: number) =>
    Effect.gen(function* () {
      let calls = 0;
      const request = Effect.suspend(() => {
        const error = errors[Math.min(calls, errors.length - 1)] as TransportError;
        calls += 1;
        return calls > errors.length ? Effect.succeed("ok") : Effect.fail(error);
      });
      const fiber = yield* Effect.fork(Effect.either(Effect.retry(request, transportRetrySchedule({ ...defaultTransportRetryPolicy, maxRetries }))));
      yield* TestClock.adjust("1 minute");
      const result = yield* Fiber.join(fiber);
      return { calls, result };
    }).pipe(Effect.provide(TestContext.TestContext), Effect.runPromise);

  it("means maxRetries retries after the first request", async () => {
    const outcome = await run([serverError(), serverError(), serverError()], 2);
    expect(outcome.calls).toBe(3);
    expect(outcome.result._tag).toBe("Left");
  });

  it("succeeds when a retry succeeds", async () => {
    const outcome = await run([new ConnectionError({ baseURL: "http://x", reason: "ECONNRESET" })], 2);
    expect(outcome.calls).toBe(2);
    expect(outcome.result._tag).toBe("Right");
  });

  it("never retries what is not retryable", async () => {
    const outcome = await run([new ModelNotFoundError({ model: "m", baseURL: "http://x", serverMessage: "not found" })], 5);
    expect(outcome.calls).toBe(1);
  });

  it("waits the Retry-After delay on the clock", async () => {
    const waited = await Effect.gen(function* () {
      let calls = 0;
      const request = Effect.suspend(() => (++calls === 1 ? Effect.fail(serverError(5_000)) : Effect.succeed(calls)));
      const fiber = yield* Effect.fork(Effect.retry(request, transportRetrySchedule(defaultTransportRetryPolicy)));
      yield* TestClock.adjust("4999 millis");
      const early = calls;
      yield* TestClock.adjust("1 millis");
      yield* Fiber.join(fiber);
      return { early, late: calls };
    }).pipe(Effect.provide(TestContext.TestContext), Effect.runPromise);
    expect(waited).toEqual({ early: 1, late: 2 });
  });
});

describe("withTransportRetries", () => {
  const count = (errors: TransportError[], maxRetries: number) =>
    Effect.gen(function* () {
      let calls = 0;
      const request = Effect.suspend(() => {
        calls += 1;
        const error = errors[calls - 1];
        return error ? Effect.fail(error) : Effect.succeed("ok");
      });
      const fiber = yield* Effect.fork(Effect.either(withTransportRetries(request, { ...defaultTransportRetryPolicy, maxRetries })));
      yield* TestClock.adjust("1 minute");
      return { calls, result: (yield* Fiber.join(fiber))._tag };
    }).pipe(Effect.provide(TestContext.TestContext), Effect.runPromise);

  it("sends 1 + maxRetries requests at most, like Effect.retry", async () => {
    expect(await count([serverError(), serverError(), serverError(), serverError()], 2)).toEqual({ calls: 3, result: "Left" });
    expect(await count([serverError(), serverError()], 2)).toEqual({ calls: 3, result: "Right" });
    expect(await count([], 2)).toEqual({ calls: 1, result: "Right" });
    expect(await count([serverError()], 0)).toEqual({ calls: 1, result: "Left" });
  });

  it("does not retry what is not retryable", async () => {
    expect(await count([new ModelNotFoundError({ model: "m", baseURL: "x", serverMessage: "no" })], 3)).toEqual({ calls: 1, result: "Left" });
  });

  it("hands the final error to onFailure once: the first when it is not retryable, the last after the retries", async () => {
    const seen = (errors: TransportError[], maxRetries: number) =>
      Effect.gen(function* () {
        let calls = 0;
        const handled: TransportError[] = [];
        const request = Effect.suspend(() => {
          calls += 1;
          const error = errors[calls - 1];
          return error ? Effect.fail(error) : Effect.succeed("ok");
        });
        const onFailure = (error: TransportError) => {
          handled.push(error);
          return Effect.fail(`mapped ${error._tag}` as const);
        };
        const fiber = yield* Effect.fork(Effect.either(withTransportRetries(request, { ...defaultTransportRetryPolicy, maxRetries }, onFailure)));
        yield* TestClock.adjust("1 minute");
        const result = yield* Fiber.join(fiber);
        return { calls, handled, result };
      }).pipe(Effect.provide(TestContext.TestContext), Effect.runPromise);

    const missing = new ModelNotFoundError({ model: "m", baseURL: "x", serverMessage: "no" });
    const notRetried = await seen([missing], 3);
    expect(notRetried.calls).toBe(1);
    expect(notRetried.handled).toEqual([missing]);
    expect(notRetried.result).toMatchObject({ _tag: "Left", left: "mapped ModelNotFoundError" });

    const last = serverError(1);
    const exhausted = await seen([serverError(), serverError(), last], 2);
    expect(exhausted.calls).toBe(3);
    expect(exhausted.handled).toEqual([last]);
    expect(exhausted.result).toMatchObject({ _tag: "Left", left: "mapped ApiError" });

    const recovered = await seen([serverError()], 2);
    expect(recovered.handled).toEqual([]);
    expect(recovered.result).toMatchObject({ _tag: "Right", right: "ok" });
  });
});
