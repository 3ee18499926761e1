import type { ResponseModelInput } from "@cortex-ml/schemas";
import type OpenAI from "openai";
import type * as v from "valibot";
import type { OutputOf, StructuredChatOptions, StructuredChatResult } from "./call-options.js";
import type { Budget } from "./budget/budget.js";
import type { PriceTable } from "./budget/price-table.js";
import type { ClientCache } from "./cache/client-cache.js";
import type { ClientDefaults } from "./client-options.js";
import type { CreateIterableOptions } from "./create-iterable.js";
import type { CreatePartialOptions, PartialEventOf } from "./create-partial.js";
import { InvalidArgumentError } from "./errors/index.js";
import type { Hooks } from "./hooks.js";
import type { Logger } from "./logger.js";
import type { ProviderDefinition } from "./providers/provider-definition.js";
import type { CallTelemetry } from "./telemetry/telemetry-options.js";
import type { ChatTransport } from "./transport/chat-transport.js";

/** Marks a cortex-ml client (the same key in every copy of the package). */
export const clientMarker: unique symbol = Symbol.for("@cortex-ml/core/InstructorClient") as never;

/**
 * The second argument of `chat.completions.create` and its siblings, as in
 * `openai`: a signal that cancels the call (an already aborted one sends
 * nothing) and the deadline of each HTTP request in milliseconds.
 */
export interface CallRequestOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeout?: number | undefined;
}

/** The chat-completions methods of every cortex-ml client. */
export interface InstructorCompletions {
  /**
   * With `responseModel`: the validated object. Without, on a client with an
   * `openai` client: the `openai` call, untouched (every openai overload).
   */
  readonly create: (<TModel extends ResponseModelInput>(
    params: StructuredChatOptions<TModel>,
    requestOptions?: CallRequestOptions,
  ) => Promise<OutputOf<TModel>>) &
    OpenAI["chat"]["completions"]["create"];
  /** The validated object with the raw completion, total usage and attempts. */
  createWithCompletion<TModel extends ResponseModelInput>(
    params: StructuredChatOptions<TModel>,
    requestOptions?: CallRequestOptions,
  ): Promise<StructuredChatResult<OutputOf<TModel>>>;
  /** Partial snapshots as the answer streams, then the validated object. */
  createPartial<TModel extends ResponseModelInput>(
    params: CreatePartialOptions<TModel>,
    requestOptions?: CallRequestOptions,
  ): AsyncIterable<PartialEventOf<TModel>>;
  /** Each element of an `iterable(...)` response model, validated as soon as it is complete. */
  createIterable<TElement extends v.GenericSchema | v.GenericSchemaAsync>(
    params: CreateIterableOptions<TElement>,
    requestOptions?: CallRequestOptions,
  ): AsyncIterable<v.InferOutput<TElement>>;
}

/**
 * A cortex-ml client: what `createInstructor`, `fromOpenAI`, `fromProvider`
 * and `fromLocalModel` return, and what every helper (`structuredChat`,
 * `createPartial`, `listModels`, `llmValidator`, the Effect twins...) takes.
 */
export interface InstructorClient {
  readonly [clientMarker]: true;
  /** Structured calls, Instructor style: `client.chat.completions.create({ responseModel, messages })`. */
  readonly chat: { readonly completions: InstructorCompletions };
  /** The model of calls that name none (from `fromProvider("ollama/llama3.2")`, `fromLocalModel(path)` or the `model` option). */
  readonly model: string | undefined;
  /**
   * The `openai` client requests go through, for calls cortex-ml does not
   * wrap; undefined for a client with its own transport (an in-process model).
   */
  readonly openai: OpenAI | undefined;
  /** How requests are sent. */
  readonly transport: ChatTransport;
  /** Where requests go. */
  readonly baseURL: string;
  /** What every call starts from. */
  readonly defaults: ClientDefaults;
  /** The provider's request rules, when the client came from `fromProvider` or `fromLocalModel`. */
  readonly provider: ProviderDefinition | undefined;
  readonly hooks: Hooks | undefined;
  readonly logger: Logger | undefined;
  /** Values redacted from anything cortex-ml logs or throws (the API key). */
  readonly secrets: readonly string[];
  /** Where answers are kept, when the client has a cache. */
  readonly cache: ClientCache | undefined;
  /** What each call may spend, unless it sets its own. */
  readonly budget: Budget | undefined;
  /** Model prices for `budget.usd`: the examples with the client's own over them. */
  readonly prices: PriceTable;
  /** Whether near-JSON answers are repaired before a re-ask. */
  readonly repair: boolean;
  /** Where spans go, when the client has a tracer. */
  readonly telemetry: CallTelemetry | undefined;
}

/** True when `value` is a cortex-ml client (from any copy of the package). */
export function isInstructorClient(value: unknown): value is InstructorClient {
  return typeof value === "object" && value !== null && (value as Partial<InstructorClient>)[clientMarker] === true;
}

function looksLikeOpenAI(value: unknown): boolean {
  const chat = (value as { chat?: { completions?: { create?: unknown } } } | null)?.chat;
  return typeof chat?.completions?.create === "function" && typeof (value as { baseURL?: unknown }).baseURL === "string";
}

/**
 * The error for a value passed where a client belongs: names the argument
 * and what to pass instead (an `openai` client is told to use `fromOpenAI`).
 */
export function notAClientError(value: unknown, argument = "client"): InvalidArgumentError {
  const got =
    value === null || value === undefined
      ? String(value)
      : looksLikeOpenAI(value)
        ? "an `openai` client; wrap it first: fromOpenAI(openai)"
        : typeof value === "object"
          ? "an object that is not a cortex-ml client"
          : `a ${typeof value}`;
  return new InvalidArgumentError({
    argument,
    problem: `expected a cortex-ml client from createInstructor(), fromOpenAI(openai), fromProvider("ollama/llama3.2") or fromLocalModel(path); got ${got}.`,
  });
}
