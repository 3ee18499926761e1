import { Effect } from "effect";
import type OpenAI from "openai";
import type { ChatCompletion } from "openai/resources/chat/completions";
import { ApiError } from "../errors/index.js";
import type { ChatTransport } from "./chat-transport.js";
import { mapOpenAIError } from "./map-openai-error.js";

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
          const page = await openai.models.list({
            signal,
            maxRetries: 0,
            ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
          });
          for await (const model of page) ids.push(model.id);
          return ids;
        },
        catch: (error) => mapOpenAIError(error, { baseURL, model: "", timeoutMs: options.timeoutMs, secrets }),
      }),
    createCompletion: (body, options) =>
      Effect.tryPromise({
        try: (effectSignal) => {
          const signal = options.signal ? AbortSignal.any([effectSignal, options.signal]) : effectSignal;
          return openai.chat.completions.create(body, {
            signal,
            maxRetries: 0,
            ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
          }) as Promise<ChatCompletion>;
        },
        catch: (error) => mapOpenAIError(error, { baseURL, model: body.model, timeoutMs: options.timeoutMs, secrets }),
      }).pipe(
        Effect.filterOrFail(
          (completion): completion is ChatCompletion =>
            typeof completion === "object" && completion !== null && Array.isArray((completion as ChatCompletion).choices),
          (completion) =>
            new ApiError({
              status: 200,
              baseURL,
              serverMessage: `the answer is not a chat completion (got ${typeof completion === "string" ? "text" : JSON.stringify(completion)?.slice(0, 200)})`,
              retryable: false,
              retryAfterMs: undefined,
              hint: "Is the base URL an OpenAI-compatible endpoint (for Ollama it ends in /v1)?",
            }),
        ),
      ),
  };
}
