import type { ResponseModelInput } from "@cortex-ml/schemas";
import type { Stream } from "effect";
import type { InputOf, OutputOf } from "./call-options.js";
import type { InstructorClient } from "./instructor-client.js";
import { InvalidArgumentError, type StructuredChatError } from "./errors/index.js";
import type { PreparedCall } from "./prepare-call.js";
import { limitsOf, partialObserver, type StreamLimits } from "./streaming/partial-observer.js";
import type { DeepPartial, PartialEvent } from "./streaming/partial-types.js";
import { driverToAsyncIterable } from "./streaming/driver-to-async-iterable.js";
import { type StreamingCall, type StreamingOptions, streamingDriver, streamingProgram } from "./streaming/streaming-program.js";

/** Options of `createPartial`: a structured call, plus stream limits. */
export interface CreatePartialOptions<TModel extends ResponseModelInput> extends StreamingOptions<TModel>, StreamLimits {}

/** The items of a partial stream for a response model. */
export type PartialEventOf<TModel extends ResponseModelInput> = PartialEvent<DeepPartial<InputOf<TModel>>, OutputOf<TModel>>;

/** createPartial shows one document as it grows: a mode that answers with one tool call per element cannot. */
function streamsOneDocument(call: PreparedCall): InvalidArgumentError | undefined {
  if (call.strategy.streamedJson !== undefined) return undefined;
  return new InvalidArgumentError({
    argument: "mode",
    problem: `createPartial streams one object, and mode "${call.strategy.mode}" answers with one tool call per element: use createIterable.`,
  });
}

/** The Effect twin of {@link createPartial}: an Effect `Stream` of snapshots, then the validated object. */
export function createPartialStream<TModel extends ResponseModelInput>(
  client: InstructorClient,
  options: CreatePartialOptions<TModel>,
): Stream.Stream<PartialEventOf<TModel>, StructuredChatError> {
  return streamingProgram(client, options, partialCall<TModel>(options));
}

/** What makes a streaming call a partial one: snapshots, then the validated object. */
function partialCall<TModel extends ResponseModelInput>(options: CreatePartialOptions<TModel>): StreamingCall<PartialEventOf<TModel>> {
  return {
    observe: partialObserver<DeepPartial<InputOf<TModel>>>(limitsOf(options)),
    finalEvent: (outcome) => [
      {
        done: true,
        data: outcome.data as OutputOf<TModel>,
        attempt: outcome.attempt,
        usage: outcome.usage,
        ...(outcome.cache === undefined ? {} : { cache: outcome.cache }),
        ...(outcome.modeUsed === undefined ? {} : { modeUsed: outcome.modeUsed, constraintHonoured: outcome.constraintHonoured }),
      },
    ],
    requirement: streamsOneDocument,
  };
}

/**
 * Streams the answer as it is written: an async iterable of partial
 * snapshots (`{ done: false, data, isComplete }`, each a deep partial that
 * never shows a value that later changes type), then the fully validated
 * object (`{ done: true, data }`). Invalid final answers are re-asked like
 * `structuredChat`; async and LLM validators run on the final object only.
 * Breaking out of the loop, or the `signal`, closes the HTTP request.
 *
 * @example
 * for await (const event of createPartial(client, { model, responseModel: User, messages })) {
 *   if (event.done) save(event.data); else render(event.data);
 * }
 */
export function createPartial<TModel extends ResponseModelInput>(
  client: InstructorClient,
  options: CreatePartialOptions<TModel>,
): AsyncIterable<PartialEventOf<TModel>> {
  return driverToAsyncIterable((sink) => streamingDriver(client, options, partialCall<TModel>(options), sink));
}
