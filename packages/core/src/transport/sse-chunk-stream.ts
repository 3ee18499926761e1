import { Chunk, Effect, Option, Stream } from "effect";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { ApiError, isRetryableStatus, TimeoutError, type TransportError } from "../errors/index.js";
import { redact } from "../redact.js";
import { SseDecoder, type ServerSentEvent } from "./sse-decoder.js";

/** How a chat-completions SSE body is read. */
export interface SseChunkStreamOptions {
  readonly baseURL: string;
  readonly secrets: readonly string[];
  /** Fail when a read waits longer than this for the server, in milliseconds. */
  readonly idleTimeoutMs: number | undefined;
  /** Aborts the request (the body read with it); the stream aborts it when it ends, early or not. */
  readonly controller: AbortController;
  /** Maps a failed read (a cut connection, an abort, a size limit) to a transport error. */
  readonly readError: (error: unknown) => TransportError;
}

/** The server's in-stream error event (`data: {"error": {...}}`) as an ApiError. */
function streamedError(error: unknown, options: SseChunkStreamOptions): ApiError {
  const details = (typeof error === "object" && error !== null ? error : { message: String(error) }) as { message?: unknown; code?: unknown };
  const code = typeof details.code === "number" ? details.code : Number(details.code);
  const status = Number.isInteger(code) && code >= 400 && code <= 599 ? code : 500;
  const message = typeof details.message === "string" ? details.message : JSON.stringify(error);
  return new ApiError({
    status,
    baseURL: options.baseURL,
    serverMessage: redact(`error in the stream: ${message}`, options.secrets),
    retryable: isRetryableStatus(status),
    retryAfterMs: undefined,
    hint: undefined,
  });
}

/** The chunks of the events one read completed; `done` once `[DONE]` arrived. */
function chunksOf(events: readonly ServerSentEvent[], options: SseChunkStreamOptions): { chunks: ChatCompletionChunk[]; done: boolean } | TransportError {
  const chunks: ChatCompletionChunk[] = [];
  for (const event of events) {
    if (event.data.startsWith("[DONE]")) return { chunks, done: true };
    if (event.event !== null && event.event.startsWith("thread.")) continue;
    let data: { error?: unknown } | null;
    try {
      data = JSON.parse(event.data) as { error?: unknown } | null;
    } catch {
      return new ApiError({
        status: 0,
        baseURL: options.baseURL,
        serverMessage: redact(`unreadable stream event: ${event.data.slice(0, 200)}`, options.secrets),
        retryable: true,
        retryAfterMs: undefined,
        hint: "Is the base URL an OpenAI-compatible endpoint (for Ollama it ends in /v1)?",
      });
    }
    if (data !== null && typeof data === "object" && data.error !== undefined && data.error !== null) return streamedError(data.error, options);
    chunks.push(data as ChatCompletionChunk);
  }
  return { chunks, done: false };
}

/**
 * The `chat.completion.chunk`s of an SSE response body as an Effect `Stream`,
 * one Effect step per network read rather than per event: each read's bytes
 * are decoded (linearly), and every chunk it completed is emitted as one
 * batch. An idle timer, re-armed at each read, fails a stalled stream with
 * `TimeoutError` (scope "idle"); it only counts time spent waiting for the
 * server, never time the consumer takes between reads. Ending the stream,
 * early or not, aborts the request and releases the socket.
 */
export function sseChunkStream(response: Response, options: SseChunkStreamOptions): Stream.Stream<ChatCompletionChunk, TransportError> {
  const body = response.body;
  if (body === null) return Stream.empty;
  const reader = body.getReader();
  const decoder = new SseDecoder();
  const idle = options.idleTimeoutMs;
  let finished = false;
  let waiting = false;
  let stalled = false;
  const timer =
    idle === undefined
      ? undefined
      : setTimeout(() => {
          if (!waiting) return;
          stalled = true;
          options.controller.abort();
        }, idle);
  timer?.unref();
  const read = Effect.tryPromise({
    try: () => {
      waiting = true;
      timer?.refresh();
      return reader.read();
    },
    catch: (error) => (stalled && idle !== undefined ? new TimeoutError({ scope: "idle", timeoutMs: idle, baseURL: options.baseURL }) : options.readError(error)),
  });
  const pull: Effect.Effect<Chunk.Chunk<ChatCompletionChunk>, Option.Option<TransportError>> = Effect.suspend(() => {
    if (finished) return Effect.fail(Option.none());
    return Effect.matchEffect(read, {
      onFailure: (error) => Effect.fail(Option.some(error)),
      onSuccess: (result) => {
        waiting = false;
        const events = result.done ? decoder.end() : decoder.push(result.value);
        const batch = chunksOf(events, options);
        if (!("chunks" in batch)) return Effect.fail(Option.some(batch));
        if (batch.done || result.done) finished = true;
        if (batch.chunks.length === 0 && finished) return Effect.fail(Option.none());
        return Effect.succeed(Chunk.unsafeFromArray(batch.chunks));
      },
    });
  });
  return Stream.repeatEffectChunkOption(pull).pipe(
    Stream.ensuring(
      Effect.sync(() => {
        if (timer !== undefined) clearTimeout(timer);
        options.controller.abort();
      }),
    ),
  );
}
