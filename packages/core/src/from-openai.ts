import OpenAI from "openai";
import type { InstructorOptions } from "./client-options.js";
import { createInstructor } from "./create-instructor.js";
import { InvalidArgumentError } from "./errors/index.js";
import type { InstructorClient } from "./instructor-client.js";

/** Options of {@link fromOpenAI}: the call defaults (mode, temperature, seed, maxRetries, model...). */
export type FromOpenAIOptions = Omit<InstructorOptions, "baseURL" | "apiKey" | "openai" | "fetch" | "defaultHeaders" | "maxResponseBytes" | "cassette">;

/**
 * Wraps an `openai` client you built yourself (the low-level pattern): the
 * result is the same client `createInstructor` returns, sending through your
 * `openai` client. `chat.completions.create({ model, responseModel, messages })`
 * returns the validated object; without `responseModel` the call goes to
 * `openai` as is.
 *
 * @example
 * const client = fromOpenAI(new OpenAI({ baseURL: "http://localhost:11434/v1", apiKey: "ollama" }), { mode: Mode.JSON });
 * const user = await client.chat.completions.create({ model: "llama3.2", responseModel: Person, messages });
 */
export function fromOpenAI(openai: OpenAI, options: FromOpenAIOptions = {}): InstructorClient {
  const isOpenAI = openai instanceof OpenAI || typeof (openai as Partial<OpenAI> | undefined)?.chat?.completions?.create === "function";
  if (!isOpenAI) {
    throw new InvalidArgumentError({
      argument: "openai",
      problem: 'expected an `openai` client: fromOpenAI(new OpenAI({ baseURL: "http://localhost:11434/v1", apiKey: "ollama" })).',
    });
  }
  return createInstructor({ ...options, openai });
}
