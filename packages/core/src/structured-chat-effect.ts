import type { ResponseModelInput } from "@cortex-ml/schemas";
import { Effect } from "effect";
import type { OutputOf, StructuredChatOptions, StructuredChatResult } from "./call-options.js";
import type { InstructorClient } from "./instructor-client.js";
import type { StructuredChatError } from "./errors/index.js";
import { structuredChatProgram } from "./structured-chat-program.js";

/** The Effect twin of `structuredChat`: the validated object, or a typed error in the error channel. */
export function structuredChat<TModel extends ResponseModelInput>(
  client: InstructorClient,
  options: StructuredChatOptions<TModel>,
): Effect.Effect<OutputOf<TModel>, StructuredChatError> {
  return Effect.map(structuredChatProgram(client, options), (result) => result.data);
}

/** The Effect twin of `structuredChatWithMetadata`. */
export function structuredChatWithMetadata<TModel extends ResponseModelInput>(
  client: InstructorClient,
  options: StructuredChatOptions<TModel>,
): Effect.Effect<StructuredChatResult<OutputOf<TModel>>, StructuredChatError> {
  return structuredChatProgram(client, options);
}
