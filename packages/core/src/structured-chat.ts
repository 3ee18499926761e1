import type { ResponseModelInput } from "@cortex-ml/schemas";
import type { OutputOf, StructuredChatOptions, StructuredChatResult } from "./call-options.js";
import type { InstructorClient } from "./instructor-client.js";
import { runAsPromise, runAsPromiseSelect } from "./run-promise.js";
import { type CallRun, structuredChatProgram } from "./structured-chat-program.js";

const uninterruptible: CallRun = { interruptible: false, eager: true };
const interruptible: CallRun = { interruptible: true, eager: true };

/** The signal of a call's options, whatever was passed as options. */
function signalOf(options: unknown): AbortSignal | undefined {
  return typeof options === "object" && options !== null ? (options as { signal?: AbortSignal }).signal : undefined;
}

function dataOf<T>(result: StructuredChatResult<T>): T {
  return result.data;
}

/**
 * Sends the messages and resolves to an object that matches `responseModel`,
 * re-asking the model with the validation issues when it does not. Rejects
 * with a typed error (`ConnectionError`, `ModelNotFoundError`,
 * `RetriesExhaustedError`, `InvalidArgumentError`...) that says why not.
 * Takes any cortex-ml client (`createInstructor`, `fromOpenAI`,
 * `fromProvider`, `fromLocalModel`); `model` defaults to the client's.
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
  // A Promise call can only be interrupted through its signal (or its total deadline, which the program checks).
  const signal = signalOf(options);
  return runAsPromiseSelect(structuredChatProgram(client, options, signal ? interruptible : uninterruptible), signal, dataOf);
}

/** Like {@link structuredChat}, with the raw completion, total usage and attempts beside the data. */
export function structuredChatWithMetadata<TModel extends ResponseModelInput>(
  client: InstructorClient,
  options: StructuredChatOptions<TModel>,
): Promise<StructuredChatResult<OutputOf<TModel>>> {
  const signal = signalOf(options);
  return runAsPromise(structuredChatProgram(client, options, signal ? interruptible : uninterruptible), signal);
}
