import { Cause, type Effect, Exit, Option } from "effect";
import { forkOnPromiseRuntime } from "../run-promise.js";
import type { EventSink } from "./streaming-program.js";

/**
 * The Promise API's form of a streaming call: an async iterable over the
 * events the driver sends to its sink. Each iteration forks the driver on
 * the Promise runtime; events go straight into a small queue (no second
 * stream or fiber in between), so an event costs one array push and, when
 * the reader waits, one resolved promise. Failures are thrown as the typed
 * error itself; leaving the loop early interrupts the driver, which closes
 * its HTTP request.
 */
export function driverToAsyncIterable<A, E>(drive: (sink: EventSink<A>) => Effect.Effect<void, E>): AsyncIterable<A> {
  return {
    [Symbol.asyncIterator]() {
      let items: A[] = [];
      let read = 0;
      let finished: Exit.Exit<void, E> | undefined;
      let wake: (() => void) | undefined;
      const signal = () => {
        const resume = wake;
        wake = undefined;
        resume?.();
      };
      const fiber = forkOnPromiseRuntime(
        drive((events) => {
          for (const event of events) items.push(event);
          signal();
        }),
      );
      const exited = new Promise<void>((resolve) =>
        fiber.addObserver((exit) => {
          finished = exit;
          signal();
          resolve();
        }),
      );
      return {
        async next(): Promise<IteratorResult<A>> {
          for (;;) {
            if (read < items.length) {
              const item = items[read] as A;
              read += 1;
              if (read === items.length) {
                items = [];
                read = 0;
              }
              return { done: false, value: item };
            }
            if (finished !== undefined) {
              if (Exit.isFailure(finished)) {
                const failure = Cause.failureOption(finished.cause);
                if (Option.isSome(failure)) throw failure.value;
                if (!Cause.isInterruptedOnly(finished.cause)) throw Cause.squash(finished.cause);
              }
              return { done: true, value: undefined };
            }
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
          }
        },
        async return(): Promise<IteratorResult<A>> {
          if (finished === undefined) {
            fiber.unsafeInterruptAsFork(fiber.id());
            await exited;
          }
          return { done: true, value: undefined };
        },
      };
    },
  };
}
