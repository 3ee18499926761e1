import { Cause, Effect, Exit, Fiber, Option, Stream } from "effect";

/**
 * Runs an Effect `Stream` and hands its items to a plain async iterable
 * through a small queue, so each item costs one array push and one resolved
 * promise instead of a pull through the stream machinery. Failures are
 * thrown as the typed error itself; leaving the loop early interrupts the
 * stream (which closes its HTTP request).
 */
export function streamToAsyncIterable<A, E>(stream: Stream.Stream<A, E>): AsyncIterable<A> {
  return {
    [Symbol.asyncIterator]() {
      const items: A[] = [];
      let read = 0;
      let finished: Exit.Exit<void, E> | undefined;
      let wake: (() => void) | undefined;
      const signal = () => {
        const resume = wake;
        wake = undefined;
        resume?.();
      };
      const fiber = Effect.runFork(
        Stream.runForEach(stream, (item) =>
          Effect.sync(() => {
            items.push(item);
            signal();
          }),
        ).pipe(
          Effect.exit,
          Effect.flatMap((exit) =>
            Effect.sync(() => {
              finished = exit;
              signal();
            }),
          ),
        ),
      );
      const close = async () => {
        if (finished === undefined) await Effect.runPromise(Fiber.interrupt(fiber));
      };
      return {
        async next(): Promise<IteratorResult<A>> {
          for (;;) {
            if (read < items.length) {
              const item = items[read] as A;
              items[read] = undefined as A;
              read += 1;
              if (read > 1024 && read * 2 > items.length) {
                items.splice(0, read);
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
          await close();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
