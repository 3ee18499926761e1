import type { AnySchema, InferResponseModelOutput, ResponseModel, ResponseModelInput } from "@cortex-ml/schemas";
import type * as v from "valibot";
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import type { AttemptRecord } from "./attempt.js";
import type { Budget } from "./budget/budget.js";
import type { CallCacheOption } from "./cache/client-cache.js";
import type { Hooks } from "./hooks.js";
import type { Mode, WireMode } from "./modes/mode.js";
import type { Repairs } from "./repair/repair-kinds.js";
import type { TokenUsage } from "./token-usage.js";
import type { TransportRetryPolicy } from "./transport/transport-retry-schedule.js";

/** OpenAI request fields a structured call passes through unchanged (`max_tokens`, `top_p`, `stop`...). */
export type PassThroughParams = Omit<
  ChatCompletionCreateParamsNonStreaming,
  "messages" | "model" | "response_format" | "tools" | "tool_choice" | "stream" | "n" | "stream_options"
>;

/** Options of one structured call. Unset settings come from the client's defaults. */
export interface StructuredChatOptions<TModel extends ResponseModelInput> extends PassThroughParams {
  /** The model name on the server, e.g. `llama3.2`. Required unless the client has a default model (`fromProvider`, `fromLocalModel`, the `model` option). */
  readonly model?: string;
  /** A Valibot schema (or a prepared response model): the answer is guaranteed to match it. */
  readonly responseModel: TModel;
  readonly messages: readonly ChatCompletionMessageParam[];
  readonly mode?: Mode;
  /** Re-asks after an invalid answer (default 3: at most 4 requests). */
  readonly maxRetries?: number;
  readonly transportRetry?: Partial<TransportRetryPolicy>;
  /** Deadline of each HTTP request, in milliseconds. */
  readonly timeout?: number;
  /** Deadline of the whole call, in milliseconds. */
  readonly totalTimeout?: number;
  /** Repeat the schema in the system message in JSON_SCHEMA mode. */
  readonly schemaInPrompt?: boolean;
  /** Cancels the call and closes its HTTP request. */
  readonly signal?: AbortSignal;
  /** Observers of this call (after the client's). */
  readonly hooks?: Hooks;
  /** With a client cache: `false` sends the call whatever is stored, `{ ttl }` keeps this answer that long (ms). */
  readonly cache?: CallCacheOption;
  /** The most this call may spend, re-asks included (over the client's budget); `false` for none. See {@link Budget}. */
  readonly budget?: Budget | false;
  /** Repair near-JSON answers (trailing commas, single quotes, bare keys, missing brackets, number strings) before a re-ask. Default: the client's (true). */
  readonly repair?: boolean;
  /**
   * `false` turns a thinking model's thinking off, with the provider's own
   * field (Ollama: `reasoning_effort: "none"`; vLLM, llama.cpp:
   * `chat_template_kwargs.enable_thinking: false`). Default: the server's
   * (thinking is kept out of the JSON either way).
   */
  readonly think?: boolean;
}

/** A validated object with what it cost to get it. */
export interface StructuredChatResult<TOutput> {
  /** The validated output of the response model. */
  readonly data: TOutput;
  /** The raw completion the data came from (the last attempt's). */
  readonly completion: ChatCompletion;
  /** Tokens used by every attempt, summed. */
  readonly usage: TokenUsage;
  /** Requests made for valid data: 1 when the first answer was valid. */
  readonly attempts: number;
  /** The attempts whose answers were rejected, with their raw output and issues. */
  readonly rejectedAttempts: readonly AttemptRecord[];
  /** With a client cache: `"hit"` when the answer came from it (no request, `attempts` 0, no tokens), else `"miss"`. */
  readonly cache?: "hit" | "miss";
  /** What was repaired in the answer to make it valid (see the `repair` option); absent when nothing was. */
  readonly repairs?: Repairs;
  /** In mode "auto": the mode of the answer (the one picked, or the next one after a dropped constraint). */
  readonly modeUsed?: WireMode;
  /** In mode "auto": whether the server applied that mode's constraint to the answer; undefined when it could not tell (MD_JSON has none). */
  readonly constraintHonoured?: boolean | undefined;
}

/** The output type of a call with these options. */
export type OutputOf<TModel extends ResponseModelInput> = InferResponseModelOutput<TModel>;

/** The input type of a response model: what the model writes (before transforms). */
export type InputOf<TModel extends ResponseModelInput> = TModel extends ResponseModel<infer TSchema>
  ? v.InferInput<TSchema>
  : TModel extends AnySchema
    ? v.InferInput<TModel>
    : never;
