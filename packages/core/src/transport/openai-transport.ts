import { Effect } from "effect";
import type OpenAI from "openai";
import type { ChatCompletion } from "openai/resources/chat/completions";
import { ConnectionError, RequestAbortedError, type TransportError } from "../errors/index.js";
import type { ChatTransport } from "./chat-transport.js";
import { mapOpenAIError } from "./map-openai-error.js";
import { sseChunkStream } from "./sse-chunk-stream.js";

/**
 * The per-request options of an `openai` call: only what differs from the
 * client's own settings. The default client already has maxRetries 0 and the
 * 10-minute timeout, so a plain call gets no options object at all and is
 * built exactly as `create(body)` (same headers: no `X-Stainless-Timeout`).
 */
export function openAIRequestOptions(
  openai: OpenAI,
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): { signal?: AbortSignal; maxRetries: 0; timeout?: number } | undefined {
  const timeout = timeoutMs === undefined || timeoutMs === openai.timeout ? undefined : timeoutMs;
  if (signal === undefined && timeout === undefined && openai.maxRetries === 0) return undefined;
  return { ...(signal ? { signal } : {}), maxRetries: 0, ...(timeout === undefined ? {} : { timeout }) };
}

/**
 * A {@link ChatTransport} over an `openai` client. The client's own retries
 * are turned off per request: cortex-ml retries with its own schedule, so
 * retries never multiply.
 */
export function makeOpenAITransport(openai: OpenAI, secrets: readonly string[]): ChatTransport {
  const baseURL = openai.baseURL.replace(/\/+$/, "");
  return {
    baseURL,
    listModels: (options) =>
      Effect.tryPromise({
        try: async (effectSignal) => {
          const signal = options.signal ? AbortSignal.any([effectSignal, options.signal]) : effectSignal;
          const ids: string[] = [];
          const page = await openai.models.list(openAIRequestOptions(openai, signal, options.timeoutMs));
          for await (const model of page) ids.push(model.id);
          return ids;
        },
        catch: (error) => mapOpenAIError(error, { baseURL, model: "", timeoutMs: options.timeoutMs, secrets }),
      }),
    createModeration: (body, options) =>
      Effect.tryPromise({
        try: (effectSignal) =>
          openai.moderations.create(
            body,
            openAIRequestOptions(openai, options.signal ? AbortSignal.any([effectSignal, options.signal]) : effectSignal, options.timeoutMs),
          ),
        catch: (error) => mapOpenAIError(error, { baseURL, model: body.model ?? "", timeoutMs: options.timeoutMs, secrets }),
      }),
    streamCompletion: (body, options) =>
      Effect.suspend(() => {
        // Aborting this controller releases the socket even while a read is pending: an async
        // iterator's return() would wait for that read, so a stalled stream could never close.
        const controller = new AbortController();
        const context = { baseURL, model: body.model, timeoutMs: options.timeoutMs, secrets };
        const readError = (error: unknown): TransportError => {
          if (options.signal?.aborted) return new RequestAbortedError({ reason: "the AbortSignal fired" });
          const mapped = mapOpenAIError(error, context);
          return mapped._tag === "ApiError" && mapped.status === 0
            ? new ConnectionError({ baseURL, reason: `the stream was cut (${mapped.serverMessage.replace(/^unreadable answer: /, "")})` })
            : mapped;
        };
        return Effect.map(
          Effect.tryPromise({
            try: (effectSignal) =>
              // The raw response: its SSE body is read here, a batch of chunks per network read.
              openai.chat.completions
                .create(
                  { ...body, stream: true, stream_options: { include_usage: true } },
                  openAIRequestOptions(
                    openai,
                    AbortSignal.any(options.signal ? [effectSignal, controller.signal, options.signal] : [effectSignal, controller.signal]),
                    options.timeoutMs,
                  ),
                )
                .asResponse(),
            catch: (error) => mapOpenAIError(error, context),
          }),
          (response) => sseChunkStream(response, { baseURL, secrets, idleTimeoutMs: options.idleTimeoutMs, controller, readError }),
        ).pipe(Effect.onInterrupt(() => Effect.sync(() => controller.abort())));
      }),
    createCompletion: (body, options) => {
      // The openai call goes to the fiber as it is: no async wrapper, no extra step. An
      // answer that is not a chat completion is caught where the attempt reads it.
      const catchError = (error: unknown) => mapOpenAIError(error, { baseURL, model: body.model, timeoutMs: options.timeoutMs, secrets });
      if (options.interruptible === false && !options.signal) {
        return Effect.tryPromise({ try: () => openai.chat.completions.create(body, openAIRequestOptions(openai, undefined, options.timeoutMs)), catch: catchError });
      }
      return Effect.tryPromise({
        try: (effectSignal) =>
          openai.chat.completions.create(
            body,
            openAIRequestOptions(openai, options.signal ? AbortSignal.any([effectSignal, options.signal]) : effectSignal, options.timeoutMs),
          ),
        catch: catchError,
      });
    },
  };
}
