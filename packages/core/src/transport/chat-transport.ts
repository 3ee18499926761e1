import type { Effect, Stream } from "effect";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import type { ModerationCreateParams, ModerationCreateResponse } from "openai/resources/moderations";
import type { TransportError } from "../errors/index.js";

/** Per-request settings of a transport call. */
export interface TransportRequestOptions {
  /** Aborts the HTTP request. */
  readonly signal?: AbortSignal | undefined;
  /** Deadline of this one request, in milliseconds. */
  readonly timeoutMs?: number | undefined;
  /**
   * False when nothing can interrupt the call (a Promise call with no signal
   * and no total deadline): the transport may then skip the per-request
   * AbortController that interruption needs. Default true.
   */
  readonly interruptible?: boolean | undefined;
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
  /**
   * Sends one request and gets the server's answer. cortex-ml checks that it
   * is a chat completion where the attempt reads it (an ApiError naming the
   * base URL when it is not), so a transport need not.
   */
  readonly createCompletion: (
    body: ChatCompletionCreateParamsNonStreaming,
    options: TransportRequestOptions,
  ) => Effect.Effect<ChatCompletion, TransportError>;
  /**
   * Sends one streaming request (`stream: true`, usage included). The outer
   * Effect fails when the request itself fails (retryable before any byte
   * arrived); the stream fails when it is cut or stalls. Interrupting either
   * closes the HTTP request.
   */
  readonly streamCompletion: (
    body: ChatCompletionCreateParamsNonStreaming,
    options: TransportRequestOptions & { readonly idleTimeoutMs?: number | undefined },
  ) => Effect.Effect<Stream.Stream<ChatCompletionChunk, TransportError>, TransportError>;
  /** The ids of the models the server has (`GET /models`). */
  readonly listModels: (options: TransportRequestOptions) => Effect.Effect<readonly string[], TransportError>;
  /**
   * Sends text to `POST /moderations`. Absent on transports whose server has
   * no moderation endpoint (an in-process model): `moderation(...)` then fails
   * with `ModerationUnavailableError`.
   */
  readonly createModeration?: (
    body: ModerationCreateParams,
    options: TransportRequestOptions,
  ) => Effect.Effect<ModerationCreateResponse, TransportError>;
}
