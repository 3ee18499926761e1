import { Effect } from "effect";
import type OpenAI from "openai";
import type { ChatCompletion } from "openai/resources/chat/completions";
import { ApiError } from "../errors/index.js";
import type { ChatTransport } from "./chat-transport.js";
import { redact } from "../redact.js";
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
        try: async (effectSignal) => {
          const signal = options.signal ? AbortSignal.any([effectSignal, options.signal]) : effectSignal;
          const completion: unknown = await openai.chat.completions.create(body, {
            signal,
            maxRetries: 0,
            ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
          });
          if (typeof completion === "object" && completion !== null && Array.isArray((completion as ChatCompletion).choices)) {
            return completion as ChatCompletion;
          }
          throw new ApiError({
            status: 200,
            baseURL,
            serverMessage: redact(
              `the answer is not a chat completion (got ${typeof completion === "string" ? `text: ${completion.slice(0, 200)}` : JSON.stringify(completion)?.slice(0, 200)})`,
              secrets,
            ),
            retryable: false,
            retryAfterMs: undefined,
            hint: "Is the base URL an OpenAI-compatible endpoint (for Ollama it ends in /v1)?",
          });
        },
        catch: (error) =>
          ApiError.isInstance(error) ? error : mapOpenAIError(error, { baseURL, model: body.model, timeoutMs: options.timeoutMs, secrets }),
      }),
  };
}
