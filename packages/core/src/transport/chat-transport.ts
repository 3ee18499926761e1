import type { Effect } from "effect";
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import type { TransportError } from "../errors/index.js";

/** Per-request settings of a transport call. */
export interface TransportRequestOptions {
  /** Aborts the HTTP request. */
  readonly signal?: AbortSignal | undefined;
  /** Deadline of this one request, in milliseconds. */
  readonly timeoutMs?: number | undefined;
}

/**
 * One chat-completions request over some wire, with every failure mapped to a
 * typed {@link TransportError}. It does not retry: retries are a schedule
 * around it. The OpenAI-compatible implementation is the default; tests and
 * embedded providers can supply their own.
 */
export interface ChatTransport {
  /** Where requests go, for error messages. */
  readonly baseURL: string;
  /** Sends one request. */
  readonly createCompletion: (
    body: ChatCompletionCreateParamsNonStreaming,
    options: TransportRequestOptions,
  ) => Effect.Effect<ChatCompletion, TransportError>;
  /** The ids of the models the server has (`GET /models`). */
  readonly listModels: (options: TransportRequestOptions) => Effect.Effect<readonly string[], TransportError>;
}
