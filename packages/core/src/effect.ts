/**
 * The Effect API of cortex-ml: the same operations as the Promise API, each
 * returning an `Effect` whose error channel lists the typed failures. The
 * Promise API runs these programs; there is one implementation.
 *
 * @example
 * import { Effect } from "effect";
 * import { createInstructor, structuredChat } from "@cortex-ml/core/effect";
 * const person = structuredChat(createInstructor(), { model: "llama3.2", responseModel: Person, messages }).pipe(
 *   Effect.catchTag("ModelNotFoundError", (error) => Effect.die(error.message)),
 * );
 */
export { buildMessages } from "./build-messages.js";
export { createInstructor } from "./create-instructor.js";
export type { InstructorClient } from "./instructor-client.js";
export { createIterableStream as createIterable } from "./create-iterable.js";
export { createPartialStream as createPartial } from "./create-partial.js";
export * from "./errors/index.js";
export { structuredChat, structuredChatWithMetadata } from "./structured-chat-effect.js";
export type { ChatTransport, TransportRequestOptions } from "./transport/chat-transport.js";
export { makeOpenAITransport } from "./transport/openai-transport.js";
export { type TransportRetryPolicy, transportRetrySchedule } from "./transport/transport-retry-schedule.js";
export { ensureModelEffect as ensureModel } from "./ensure-model.js";
export { listModelsEffect as listModels } from "./list-models.js";
export { Mode } from "./modes/mode.js";
