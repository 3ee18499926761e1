import { type IterableResponseModel, isIterableResponseModel } from "@cortex-ml/schemas";
import type { Stream } from "effect";
import type * as v from "valibot";
import type { InstructorClient } from "./instructor-client.js";
import { InvalidArgumentError, type StructuredChatError } from "./errors/index.js";
import type { PreparedCall } from "./prepare-call.js";
import { iterableObserver } from "./streaming/iterable-observer.js";
import { limitsOf, type StreamLimits } from "./streaming/partial-observer.js";
import { driverToAsyncIterable } from "./streaming/driver-to-async-iterable.js";
import { type StreamingCall, type StreamingOptions, streamingDriver, streamingProgram } from "./streaming/streaming-program.js";

/** Options of `createIterable`: the response model must be `iterable(...)`. */
export interface CreateIterableOptions<TElement extends v.GenericSchema | v.GenericSchemaAsync>
  extends StreamingOptions<IterableResponseModel<TElement>>,
    StreamLimits {}

/** createIterable yields the elements of a list: the response model must be `iterable(...)`. */
function needsIterableModel(call: PreparedCall): InvalidArgumentError | undefined {
  if (isIterableResponseModel(call.responseModel)) return undefined;
  return new InvalidArgumentError({
    argument: "responseModel",
    problem: "createIterable yields the elements of a list: wrap the element schema, e.g. responseModel: iterable(User) or iterable(union({ Weather, GoogleSearch })). For one object as it streams, use createPartial.",
  });
}

/** The Effect twin of {@link createIterable}: an Effect `Stream` of validated elements. */
export function createIterableStream<TElement extends v.GenericSchema | v.GenericSchemaAsync>(
  client: InstructorClient,
  options: CreateIterableOptions<TElement>,
): Stream.Stream<v.InferOutput<TElement>, StructuredChatError> {
  return streamingProgram(client, options, iterableCall<TElement>(options));
}

/** What makes a streaming call an iterable one: validated elements, nothing after them. */
function iterableCall<TElement extends v.GenericSchema | v.GenericSchemaAsync>(options: CreateIterableOptions<TElement>): StreamingCall<v.InferOutput<TElement>> {
  return { observe: iterableObserver<v.InferOutput<TElement>>(limitsOf(options)), finalEvent: () => [], requirement: needsIterableModel };
}

/**
 * Streams a list element by element: each element is validated against its
 * schema and yielded as soon as its closing brace arrives (or, in
 * PARALLEL_TOOLS mode, as soon as its tool call ends). The whole list is then
 * validated; an invalid answer is re-asked and only elements not yielded yet
 * are yielded from the corrected list.
 *
 * @example
 * for await (const action of createIterable(client, { model, responseModel: iterable(union({ Weather, GoogleSearch })), messages, mode: Mode.PARALLEL_TOOLS })) {
 *   if (action.type === "Weather") lookUp(action.value.location);
 * }
 */
export function createIterable<TElement extends v.GenericSchema | v.GenericSchemaAsync>(
  client: InstructorClient,
  options: CreateIterableOptions<TElement>,
): AsyncIterable<v.InferOutput<TElement>> {
  return driverToAsyncIterable((sink) => streamingDriver(client, options, iterableCall<TElement>(options), sink));
}
