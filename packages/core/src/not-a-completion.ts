import type { ChatCompletion } from "openai/resources/chat/completions";
import { ApiError } from "./errors/index.js";
import { redact } from "./redact.js";

/** True when a transport's answer has the shape of a chat completion (a `choices` array). */
export function isChatCompletion(answer: unknown): answer is ChatCompletion {
  return typeof answer === "object" && answer !== null && Array.isArray((answer as ChatCompletion).choices);
}

/**
 * The error for a 200 answer that is not a chat completion (a proxy's HTML
 * page, another API behind the base URL): what came back, cut to 200
 * characters with the client's secrets removed, and where to look.
 */
export function notAChatCompletion(answer: unknown, baseURL: string, secrets: readonly string[]): ApiError {
  return new ApiError({
    status: 200,
    baseURL,
    serverMessage: redact(
      `the answer is not a chat completion (got ${typeof answer === "string" ? `text: ${answer.slice(0, 200)}` : JSON.stringify(answer)?.slice(0, 200)})`,
      secrets,
    ),
    retryable: false,
    retryAfterMs: undefined,
    hint: "Is the base URL an OpenAI-compatible endpoint (for Ollama it ends in /v1)?",
  });
}
