import type { ResponseModelInput } from "@cortex-ml/schemas";
import { Effect, Exit, Stream } from "effect";
import { AttemptLoop } from "../attempt-loop.js";
import type { StructuredChatOptions } from "../call-options.js";
import type { InstructorClient } from "../create-instructor.js";
import type { StructuredChatError } from "../errors/index.js";
import { prepareCallNow } from "../prepare-call.js";
import { withTotalDeadline } from "../structured-chat-program.js";
import type { TokenUsage } from "../token-usage.js";
import { transportRetrySchedule } from "../transport/transport-retry-schedule.js";
import { ChunkAccumulator } from "./chunk-accumulator.js";
import type { ObserverFactory } from "./chunk-observer.js";
import { streamedCompletion } from "./streamed-completion.js";

/** Options of the streaming calls: those of `structuredChat`, plus the idle timeout of the stream. */
export interface StreamingOptions<TModel extends ResponseModelInput> extends StructuredChatOptions<TModel> {
  /** Fail when the stream sends nothing for this long, in milliseconds. Default 60,000. */
  readonly idleTimeout?: number;
}

/** What the driver reports when the call ends well: the validated data and its cost. */
export interface StreamingOutcome {
  readonly data: unknown;
  readonly attempt: number;
  readonly usage: TokenUsage;
}

/**
 * The streaming structured call as an Effect `Stream`: each attempt streams
 * the answer (observer events are emitted as chunks arrive), the assembled
 * answer is validated exactly like a non-streaming one (async validators run
 * here, on the final object only), and invalid answers are re-asked. Ending
 * the stream early interrupts the driver and closes the HTTP request.
 */
export function streamingProgram<TModel extends ResponseModelInput, TEvent>(
  client: InstructorClient,
  options: StreamingOptions<TModel>,
  observe: ObserverFactory<TEvent>,
  finalEvent: (outcome: StreamingOutcome) => readonly TEvent[],
): Stream.Stream<TEvent, StructuredChatError> {
  return Stream.asyncPush<TEvent, StructuredChatError>(
    (emit) => {
      const driver = Effect.gen(function* () {
        const prepared = prepareCallNow(client, options);
        const call = Effect.isEffect(prepared) ? yield* prepared : prepared;
        const loop = new AttemptLoop(client, call, options.model);
        for (let attempt = 1; attempt <= call.maxAttempts; attempt += 1) {
          const body = loop.request(attempt, { stream: true });
          // A failure before this try emitted anything (refused, reset, cut or stalled early) sends the
          // request again on the transport schedule; after events were shown, it ends the call.
          let emitted = false;
          const streamOnce = Effect.suspend(() => {
            emitted = false;
            const accumulator = new ChunkAccumulator();
            const observer = observe(attempt, call);
            const show = (events: readonly TEvent[]) => {
              if (events.length === 0) return;
              emitted = true;
              emit.array(events);
            };
            return Effect.flatMap(
              client.transport.streamCompletion(body, {
                signal: options.signal,
                timeoutMs: call.settings.timeout,
                idleTimeoutMs: options.idleTimeout ?? 60_000,
              }),
              (chunks) =>
                Stream.runForEach(chunks, (chunk) =>
                  Effect.suspend(() => {
                    const events = observer.onDelta(accumulator.push(chunk), accumulator);
                    if (Effect.isEffect(events)) return Effect.map(events, show);
                    show(events);
                    return Effect.void;
                  }),
                ),
            ).pipe(Effect.as({ accumulator, observer }));
          });
          const { accumulator, observer } = yield* streamOnce.pipe(
            Effect.retry({ schedule: transportRetrySchedule(call.settings.transportRetry), while: () => !emitted }),
            Effect.catchAll(loop.failed(attempt)),
          );
          const settled = loop.settle(attempt, streamedCompletion(accumulator, options.model));
          const verdict = Effect.isEffect(settled) ? yield* settled : settled;
          if (verdict.valid) {
            emit.array([...observer.onValid(verdict.data), ...finalEvent({ data: verdict.data, attempt, usage: loop.usage })]);
            return;
          }
        }
        return yield* Effect.fail(loop.exhausted());
      });
      return Effect.forkScoped(
        withTotalDeadline(driver, client, options.totalTimeout).pipe(
          Effect.exit,
          Effect.flatMap((exit) => Effect.sync(() => (Exit.isSuccess(exit) ? emit.end() : emit.halt(exit.cause)))),
        ),
      );
    },
    { bufferSize: "unbounded" },
  );
}
