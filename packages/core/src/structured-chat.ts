import type { ResponseModelInput } from "@cortex-ml/schemas";
import type { OutputOf, StructuredChatOptions, StructuredChatResult } from "./call-options.js";
import type { InstructorClient } from "./create-instructor.js";
import { runAsPromise, runAsPromiseSelect } from "./run-promise.js";
import { structuredChatProgram } from "./structured-chat-program.js";

/** A Promise call can only be interrupted through its signal (or its total deadline, which the program checks). */
function promiseRun(options: { readonly signal?: AbortSignal | undefined }): { readonly interruptible: boolean } {
  return { interruptible: options.signal !== undefined };
}

function dataOf<T>(result: StructuredChatResult<T>): T {
  return result.data;
}

/**
 * Sends the messages and resolves to an object that matches `responseModel`,
 * re-asking the model with the validation issues when it does not. Rejects
 * with a typed error (`ConnectionError`, `ModelNotFoundError`,
 * `RetriesExhaustedError`, ...) that says why not.
 *
 * @example
 * const person = await structuredChat(createInstructor(), {
 *   model: "llama3.2",
 *   responseModel: v.object({ name: v.string(), age: v.number() }),
 *   messages: [{ role: "user", content: "John is 25 years old" }],
 * });
 */
export function structuredChat<TModel extends ResponseModelInput>(
  client: InstructorClient,
  options: StructuredChatOptions<TModel>,
): Promise<OutputOf<TModel>> {
  return runAsPromiseSelect(structuredChatProgram(client, options, promiseRun(options)), options.signal, dataOf);
}

/** Like {@link structuredChat}, with the raw completion, total usage and attempts beside the data. */
export function structuredChatWithMetadata<TModel extends ResponseModelInput>(
  client: InstructorClient,
  options: StructuredChatOptions<TModel>,
): Promise<StructuredChatResult<OutputOf<TModel>>> {
  return runAsPromise(structuredChatProgram(client, options, promiseRun(options)), options.signal);
}
