import type { ResponseModelInput } from "@cortex-ml/schemas";
import type OpenAI from "openai";
import type { ChatCompletion, ChatCompletionCreateParams } from "openai/resources/chat/completions";
import type { OutputOf, StructuredChatOptions, StructuredChatResult } from "./call-options.js";
import type { InstructorOptions } from "./client-options.js";
import { createInstructor, type InstructorClient } from "./create-instructor.js";
import { type CreateIterableOptions, createIterable } from "./create-iterable.js";
import { type CreatePartialOptions, createPartial, type PartialEventOf } from "./create-partial.js";
import { structuredChat, structuredChatWithMetadata } from "./structured-chat.js";
import type * as v from "valibot";

/** Per-request options of the `openai` client (signal, timeout, headers...). */
export type RequestOptions = Parameters<OpenAI["chat"]["completions"]["create"]>[1];

/** Options of {@link fromOpenAI}: the call defaults (mode, temperature, seed, maxRetries...). */
export type FromOpenAIOptions = Omit<InstructorOptions, "baseURL" | "apiKey" | "openai" | "fetch" | "defaultHeaders">;

/** The chat-completions methods of an instructor-wrapped `openai` client. */
export interface InstructorCompletions {
  /** With `responseModel`: the validated object. Without: the `openai` call, untouched (every openai overload). */
  readonly create: (<TModel extends ResponseModelInput>(params: StructuredChatOptions<TModel>) => Promise<OutputOf<TModel>>) &
    OpenAI["chat"]["completions"]["create"];
  /** The validated object with the raw completion, total usage and attempts. */
  createWithCompletion<TModel extends ResponseModelInput>(
    params: StructuredChatOptions<TModel>,
  ): Promise<StructuredChatResult<OutputOf<TModel>>>;
  /** Partial snapshots as the answer streams, then the validated object. */
  createPartial<TModel extends ResponseModelInput>(params: CreatePartialOptions<TModel>): AsyncIterable<PartialEventOf<TModel>>;
  /** Each element of an `iterable(...)` response model, validated as soon as it is complete. */
  createIterable<TElement extends v.GenericSchema | v.GenericSchemaAsync>(params: CreateIterableOptions<TElement>): AsyncIterable<v.InferOutput<TElement>>;
}

/** An `openai` client with structured `chat.completions.create`. */
export interface InstructorOpenAI {
  readonly chat: { readonly completions: InstructorCompletions };
  /** The wrapped `openai` client. */
  readonly openai: OpenAI;
  /** The cortex-ml client behind it, for `structuredChat` and the Effect API. */
  readonly client: InstructorClient;
}

function hasResponseModel(params: object): params is StructuredChatOptions<ResponseModelInput> {
  return (params as { responseModel?: unknown }).responseModel !== undefined;
}

/**
 * Wraps an `openai` client you built yourself (the low-level pattern):
 * `chat.completions.create({ model, responseModel, messages })` returns the
 * validated object; without `responseModel` the call goes to `openai` as is.
 *
 * @example
 * const client = fromOpenAI(new OpenAI({ baseURL: "http://localhost:11434/v1", apiKey: "ollama" }), { mode: Mode.JSON });
 * const user = await client.chat.completions.create({ model: "llama3.2", responseModel: Person, messages });
 */
export function fromOpenAI(openai: OpenAI, options: FromOpenAIOptions = {}): InstructorOpenAI {
  const client = createInstructor({ ...options, openai });
  const completions = {
    create(params: object, requestOptions?: RequestOptions) {
      if (hasResponseModel(params)) return structuredChat(client, params);
      return openai.chat.completions.create(params as ChatCompletionCreateParams, requestOptions);
    },
    createWithCompletion(params: StructuredChatOptions<ResponseModelInput>) {
      return structuredChatWithMetadata(client, params);
    },
    createPartial(params: CreatePartialOptions<ResponseModelInput>) {
      return createPartial(client, params);
    },
    createIterable(params: CreateIterableOptions<v.GenericSchema>) {
      return createIterable(client, params);
    },
  } as InstructorCompletions;
  return { chat: { completions }, openai, client };
}

export type { ChatCompletion };
