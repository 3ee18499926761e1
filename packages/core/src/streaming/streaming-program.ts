import type { ResponseModelInput } from "@cortex-ml/schemas";
import { Effect, Exit, Stream } from "effect";
import { driveAttempts } from "../attempt-driver.js";
import type { StructuredChatOptions } from "../call-options.js";
import type { StructuredChatError } from "../errors/index.js";
import type { InstructorClient } from "../instructor-client.js";
import { type PreparedCall, prepareCallNow } from "../prepare-call.js";
import type { TokenUsage } from "../token-usage.js";
import { ChunkAccumulator } from "./chunk-accumulator.js";
import type { ChunkObserver, ObserverFactory } from "./chunk-observer.js";
import { streamedCompletion } from "./streamed-completion.js";

/** Options of the streaming calls: those of `structuredChat`, plus the idle timeout of the stream. */
export interface StreamingOptions<TModel extends ResponseModelInput> extends StructuredChatOptions<TModel> {
  /** Fail when the stream sends nothing for this long, in milliseconds. Default: the client's `idleTimeout` (60,000). */
  readonly idleTimeout?: number;
}

/** What the driver reports when the call ends well: the validated data and its cost. */
export interface StreamingOutcome {
  readonly data: unknown;
  readonly attempt: number;
  readonly usage: TokenUsage;
}

/** What a streaming API asks of the call before its first request (an iterable model, a mode that streams one document). */
export type CallRequirement = (call: PreparedCall) => StructuredChatError | undefined;

/**
 * The streaming structured call as an Effect `Stream`: each attempt streams
 * the answer (observer events are emitted as chunks arrive), the assembled
 * answer is validated exactly like a non-streaming one (async validators run
 * here, on the final object only), and invalid answers are re-asked by the
 * same attempt driver as `structuredChat`. A try that fails before it showed
 * anything is sent again on the transport schedule; after events were shown,
 * it ends the call. Ending the stream early interrupts the driver and closes
 * the HTTP request.
 */
export function streamingProgram<TModel extends ResponseModelInput, TEvent>(
  client: InstructorClient,
  options: StreamingOptions<TModel>,
  observe: ObserverFactory<TEvent>,
  finalEvent: (outcome: StreamingOutcome) => readonly TEvent[],
  requirement?: CallRequirement,
): Stream.Stream<TEvent, StructuredChatError> {
  return Stream.asyncPush<TEvent, StructuredChatError>(
    (emit) => {
      const stream = (call: PreparedCall): Effect.Effect<void, StructuredChatError> => {
        const unmet = requirement?.(call);
        if (unmet) return Effect.fail(unmet);
        let emitted = false;
        let observer: ChunkObserver<TEvent> | undefined;
        const show = (events: readonly TEvent[]) => {
          if (events.length === 0) return;
          emitted = true;
          emit.array(events);
        };
        const transportOptions = { signal: options.signal, timeoutMs: call.settings.timeout, idleTimeoutMs: call.settings.idleTimeout };
        const send = (body: Parameters<InstructorClient["transport"]["streamCompletion"]>[0], attempt: number) =>
          Effect.suspend(() => {
            emitted = false;
            const accumulator = new ChunkAccumulator();
            const attemptObserver = observe(attempt, call);
            observer = attemptObserver;
            return Effect.flatMap(client.transport.streamCompletion(body, transportOptions), (chunks) =>
              Stream.runForEach(chunks, (chunk) =>
                Effect.suspend(() => {
                  const events = attemptObserver.onDelta(accumulator.push(chunk), accumulator);
                  if (Effect.isEffect(events)) return Effect.map(events, show);
                  show(events);
                  return Effect.void;
                }),
              ),
            ).pipe(Effect.map(() => streamedCompletion(accumulator, call.model)));
          });
        return Effect.map(driveAttempts(client, call, { send, canRetry: () => !emitted, hookFields: streamHookFields }), (result) => {
          const last = observer?.onValid(result.data) ?? [];
          emit.array([...last, ...finalEvent({ data: result.data, attempt: result.attempts, usage: result.usage })]);
        });
      };
      const driver = Effect.suspend(() => {
        const prepared = prepareCallNow(client, options);
        return Effect.isEffect(prepared) ? Effect.flatMap(prepared, stream) : stream(prepared);
      });
      return Effect.forkScoped(
        driver.pipe(
          Effect.exit,
          Effect.flatMap((exit) => Effect.sync(() => (Exit.isSuccess(exit) ? emit.end() : emit.halt(exit.cause)))),
        ),
      );
    },
    { bufferSize: "unbounded" },
  );
}

const streamHookFields = { stream: true };
