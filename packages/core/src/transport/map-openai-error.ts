import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import {
  ApiError,
  ConnectionError,
  isRetryableStatus,
  ModelNotFoundError,
  RequestAbortedError,
  TimeoutError,
  type TransportError,
} from "../errors/index.js";
import { carriedError } from "../cassette/carried-error.js";
import { ResponseTooLargeError } from "../errors/response-too-large-error.js";
import { redact } from "../redact.js";
import { retryAfterMs } from "./retry-after.js";

/** What is known about the request that failed. */
export interface FailedRequestContext {
  readonly baseURL: string;
  readonly model: string;
  readonly timeoutMs: number | undefined;
  /** Secrets that must not appear in the error (the API key). */
  readonly secrets: readonly string[];
}

function findCause<T>(error: unknown, guard: (value: unknown) => value is T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth += 1) {
    if (guard(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function networkReason(error: unknown): string {
  let current: unknown = error;
  let deepestMessage = "connection failed";
  for (let depth = 0; depth < 6 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code.length > 0) return code;
    if (current instanceof Error && current.message) deepestMessage = current.message;
    current = (current as { cause?: unknown }).cause;
  }
  return deepestMessage;
}

function serverMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  if (body && typeof body.message === "string") return body.message;
  return error.message.replace(/^\d{3}\s*/, "") || "no message";
}

const notFoundModel = /model\b.*\bnot found|not found.*\bmodel\b|does not exist|try pulling/i;

function hintFor(status: number): string | undefined {
  if (status === 401 || status === 403) return "Check the API key (`apiKey`, or the provider's key variable) and that it may use this model.";
  if (status === 429) return "The server is rate limiting: lower the concurrency or wait.";
  if (status >= 500) return "The server failed; for Ollama see its log (`ollama serve` output).";
  return undefined;
}

/** Maps anything the `openai` client throws to one typed transport error, with secrets redacted. */
export function mapOpenAIError(error: unknown, context: FailedRequestContext): TransportError {
  const clean = (text: string) => redact(text, context.secrets);
  const tooLarge = findCause(error, (value): value is ResponseTooLargeError => ResponseTooLargeError.isInstance(value));
  if (tooLarge) return tooLarge;
  // A cassette's typed failure (no recorded answer, a corrupt file), thrown from its fetch wrapper.
  const fromCassette = carriedError(findCause(error, (value): value is object => carriedError(value) !== undefined));
  if (fromCassette !== undefined) return fromCassette as TransportError;
  if (error instanceof APIUserAbortError || (error instanceof Error && error.name === "AbortError")) {
    return new RequestAbortedError({ reason: "the AbortSignal fired" });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new TimeoutError({ scope: "attempt", timeoutMs: context.timeoutMs ?? 0, baseURL: context.baseURL });
  }
  if (error instanceof APIConnectionError) {
    return new ConnectionError({ baseURL: context.baseURL, reason: clean(networkReason(error)) });
  }
  if (error instanceof APIError && typeof error.status === "number") {
    const message = clean(serverMessage(error));
    if (error.status === 404 && notFoundModel.test(message)) {
      return new ModelNotFoundError({ model: context.model, baseURL: context.baseURL, serverMessage: message });
    }
    return new ApiError({
      status: error.status,
      baseURL: context.baseURL,
      serverMessage: message,
      retryable: isRetryableStatus(error.status),
      retryAfterMs: retryAfterMs(error.headers),
      hint: hintFor(error.status),
    });
  }
  // Anything else (a body that is not JSON, a proxy's HTML page...) is a bad answer from the server.
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError({
    status: 0,
    baseURL: context.baseURL,
    serverMessage: clean(`unreadable answer: ${message}`),
    retryable: true,
    retryAfterMs: undefined,
    hint: "Is the base URL an OpenAI-compatible endpoint (for Ollama it ends in /v1)?",
  });
}
