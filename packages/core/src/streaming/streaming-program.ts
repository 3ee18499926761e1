import type { ResponseModelInput } from "@cortex-ml/schemas";
import { Effect, Exit, Stream } from "effect";
import { driveAttempts } from "../attempt-driver.js";
import { type CacheHit, readCache } from "../cache/call-cache.js";
import type { StructuredChatOptions } from "../call-options.js";
import type { StructuredChatError, TransportError } from "../errors/index.js";
import type { InstructorClient } from "../instructor-client.js";
import { type PreparedCall, prepareCallNow } from "../prepare-call.js";
import { jsonMode } from "../modes/json-mode.js";
import type { ModeStrategy, WireMode } from "../modes/mode.js";
import { emptyUsage, type TokenUsage } from "../token-usage.js";
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
  /** The attempt that gave it; 0 for an answer replayed from the cache. */
  readonly attempt: number;
  readonly usage: TokenUsage;
  /** With a client cache: whether the answer came from it. */
  readonly cache: "hit" | "miss" | undefined;
  /** In mode "auto": the mode of the answer and whether its constraint was applied (as in `structuredChat`'s metadata). */
  readonly modeUsed?: WireMode | undefined;
  readonly constraintHonoured?: boolean | undefined;
}

/** What a streaming API asks of the call before its first request (an iterable model, a mode that streams one document). */
export type CallRequirement = (call: PreparedCall) => StructuredChatError | undefined;

/** Where a streaming call's events go: an Effect `Stream`'s emitter, or the Promise API's queue. */
export type EventSink<TEvent> = (events: readonly TEvent[]) => void;

/** What a streaming API is made of: how it observes chunks, its last event, and what it requires of the call. */
export interface StreamingCall<TEvent> {
  readonly observe: ObserverFactory<TEvent>;
  readonly finalEvent: (outcome: StreamingOutcome) => readonly TEvent[];
  readonly requirement?: CallRequirement | undefined;
}

/**
 * The streaming structured call as one Effect that sends its events to
 * `sink`: each attempt streams the answer (the observer turns each batch of
 * chunks, one network read, into events), the assembled answer is validated
 * exactly like a non-streaming one (async validators run here, on the final
 * object only), and invalid answers are re-asked by the same attempt driver
 * as `structuredChat`. A try that fails before it showed anything is sent
 * again on the transport schedule; after events were shown, it ends the call.
 * Interrupting it closes the HTTP request.
 */
export function streamingDriver<TModel extends ResponseModelInput, TEvent>(
  client: InstructorClient,
  options: StreamingOptions<TModel>,
  streaming: StreamingCall<TEvent>,
  sink: EventSink<TEvent>,
): Effect.Effect<void, StructuredChatError> {
  const stream = (call: PreparedCall): Effect.Effect<void, StructuredChatError> => {
    const unmet = streaming.requirement?.(call);
    if (unmet) return Effect.fail(unmet);
    let emitted = false;
    let observer: ChunkObserver<TEvent> | undefined;
    const show = (events: readonly TEvent[]) => {
      if (events.length === 0) return;
      emitted = true;
      sink(events);
    };
    const flushed = (events: readonly TEvent[] | Effect.Effect<readonly TEvent[]>): Effect.Effect<void> => {
      if (Effect.isEffect(events)) return Effect.map(events, show);
      show(events);
      return Effect.void;
    };
    const transportOptions = { signal: options.signal, timeoutMs: call.settings.timeout, idleTimeoutMs: call.settings.idleTimeout };
    const send = (body: Parameters<InstructorClient["transport"]["streamCompletion"]>[0], attempt: number, strategy: ModeStrategy) =>
      Effect.suspend((): Effect.Effect<ReturnType<typeof streamedCompletion>, TransportError> => {
        emitted = false;
        const accumulator = new ChunkAccumulator();
        // In mode "auto" an attempt's mode may differ from the one the call started with.
        const attemptObserver = streaming.observe(attempt, strategy === call.strategy ? call : { ...call, strategy });
        observer = attemptObserver;
        return Effect.flatMap(client.transport.streamCompletion(body, transportOptions), (chunks) =>
          Stream.runForEachChunk(chunks, (batch) =>
            Effect.suspend(() => {
              for (const chunk of batch) attemptObserver.onDelta(accumulator.push(chunk), accumulator);
              return flushed(attemptObserver.flush(false));
            }),
          ).pipe(
            Effect.zipRight(Effect.suspend(() => flushed(attemptObserver.flush(true)))),
            Effect.map(() => streamedCompletion(accumulator, call.model)),
          ),
        );
      });
    const drive = Effect.map(driveAttempts(client, call, { send, canRetry: () => !emitted, hookFields: streamHookFields }), (result) => {
      const last = observer?.onValid(result.data) ?? [];
      const { data, attempts: attempt, usage, cache, modeUsed, constraintHonoured } = result;
      sink([...last, ...streaming.finalEvent({ data, attempt, usage, cache, modeUsed, constraintHonoured })]);
    });
    const cache = call.cache;
    if (cache === undefined) return drive;
    return Effect.flatMap(readCache(client, call, cache), (hit) => (hit === undefined ? drive : replayCached(call, hit, streaming, sink)));
  };
  return Effect.suspend(() => {
    const prepared = prepareCallNow(client, options);
    return Effect.isEffect(prepared) ? Effect.flatMap(prepared, stream) : stream(prepared);
  });
}

/** The Effect API's form of a streaming call: an Effect `Stream` of its events. Ending the stream early interrupts the call. */
export function streamingProgram<TModel extends ResponseModelInput, TEvent>(
  client: InstructorClient,
  options: StreamingOptions<TModel>,
  streaming: StreamingCall<TEvent>,
): Stream.Stream<TEvent, StructuredChatError> {
  return Stream.asyncPush<TEvent, StructuredChatError>(
    (emit) =>
      Effect.forkScoped(
        streamingDriver(client, options, streaming, (events) => emit.array(events)).pipe(
          Effect.exit,
          Effect.flatMap((exit) => Effect.sync(() => (Exit.isSuccess(exit) ? emit.end() : emit.halt(exit.cause)))),
        ),
      ),
    { bufferSize: "unbounded" },
  );
}

const streamHookFields = { stream: true };

/** The length of the pieces a cached answer is replayed in. */
const replayPieceLength = 64;

/**
 * A cache hit, replayed as a stream: the stored JSON goes through the same
 * observer as a live answer (as content text, whatever the mode that made
 * it), in pieces, then the validated data as the final event. No request.
 */
function replayCached<TEvent>(call: PreparedCall, hit: CacheHit, streaming: StreamingCall<TEvent>, sink: EventSink<TEvent>): Effect.Effect<void> {
  return Effect.suspend(() => {
    const observer = streaming.observe(0, { ...call, strategy: jsonMode });
    const accumulator = new ChunkAccumulator();
    const text = hit.answer.text;
    for (let start = 0; start < text.length; start += replayPieceLength) {
      observer.onDelta({ content: text.slice(start, start + replayPieceLength), toolArguments: [] }, accumulator);
    }
    const finish = (events: readonly TEvent[]) => {
      sink([...events, ...observer.onValid(hit.data), ...streaming.finalEvent({ data: hit.data, attempt: 0, usage: emptyUsage, cache: "hit" })]);
    };
    const flushed = observer.flush(true);
    return Effect.isEffect(flushed) ? Effect.map(flushed, finish) : Effect.sync(() => finish(flushed));
  });
}
