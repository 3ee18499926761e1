import type { ResponseModelInput } from "@cortex-ml/schemas";
import type { ChatCompletionCreateParams } from "openai/resources/chat/completions";
import type * as v from "valibot";
import type { StructuredChatOptions } from "./call-options.js";
import { type CreateIterableOptions, createIterable } from "./create-iterable.js";
import { type CreatePartialOptions, createPartial } from "./create-partial.js";
import { InvalidArgumentError } from "./errors/index.js";
import type { CallRequestOptions, InstructorClient, InstructorCompletions } from "./instructor-client.js";
import { structuredChat, structuredChatWithMetadata } from "./structured-chat.js";

const requestOptionKeys = new Set(["signal", "timeout"]);

/**
 * The call's params with the `openai`-style second argument folded in: its
 * signal (combined with one in the params) and its timeout (the params' own
 * wins). Anything else there is an error that says where it belongs.
 */
function withRequestOptions<T extends object>(params: T, requestOptions: CallRequestOptions | undefined): T | InvalidArgumentError {
  if (requestOptions === undefined || requestOptions === null) return params;
  if (typeof requestOptions !== "object") {
    return new InvalidArgumentError({ argument: "requestOptions", problem: `expected { signal, timeout }, got ${typeof requestOptions}.` });
  }
  const unknown = Object.keys(requestOptions).filter((key) => !requestOptionKeys.has(key) && (requestOptions as Record<string, unknown>)[key] !== undefined);
  if (unknown.length > 0) {
    return new InvalidArgumentError({
      argument: `requestOptions.${unknown[0]}`,
      problem:
        "structured calls take only { signal, timeout } here; re-asks are `maxRetries`, transport retries `transportRetry`, and extra headers `defaultHeaders` of the client.",
    });
  }
  if (params === null || typeof params !== "object") return params;
  const own = params as { signal?: AbortSignal; timeout?: number };
  const signal = own.signal && requestOptions.signal ? AbortSignal.any([own.signal, requestOptions.signal]) : (own.signal ?? requestOptions.signal);
  return { ...params, signal, timeout: own.timeout ?? requestOptions.timeout };
}

function hasResponseModel(params: unknown): boolean {
  return typeof params !== "object" || params === null || (params as { responseModel?: unknown }).responseModel !== undefined;
}

/** An async iterable whose first `next()` rejects with `error` (streams fail inside the loop, never when called). */
async function* failedStream<T>(error: InvalidArgumentError): AsyncGenerator<T> {
  throw error;
}

/**
 * The `chat.completions` of a client, in one place for every client kind:
 * `create` with a `responseModel` is `structuredChat`; without one it is the
 * `openai` call itself (or, on a client with its own transport, an error
 * that says to pass `responseModel`).
 */
export function instructorCompletions(client: InstructorClient): InstructorCompletions {
  const completions = {
    create(params: object, requestOptions?: CallRequestOptions) {
      if (!hasResponseModel(params)) {
        if (client.openai) return client.openai.chat.completions.create(params as ChatCompletionCreateParams, requestOptions);
        return Promise.reject(
          new InvalidArgumentError({
            argument: "responseModel",
            problem: `this client answers through its own transport (${client.baseURL}), which only takes structured calls: pass responseModel.`,
          }),
        );
      }
      const call = withRequestOptions(params as StructuredChatOptions<ResponseModelInput>, requestOptions);
      return call instanceof InvalidArgumentError ? Promise.reject(call) : structuredChat(client, call);
    },
    createWithCompletion(params: StructuredChatOptions<ResponseModelInput>, requestOptions?: CallRequestOptions) {
      const call = withRequestOptions(params, requestOptions);
      return call instanceof InvalidArgumentError ? Promise.reject(call) : structuredChatWithMetadata(client, call);
    },
    createPartial(params: CreatePartialOptions<ResponseModelInput>, requestOptions?: CallRequestOptions) {
      const call = withRequestOptions(params, requestOptions);
      return call instanceof InvalidArgumentError ? failedStream(call) : createPartial(client, call);
    },
    createIterable(params: CreateIterableOptions<v.GenericSchema>, requestOptions?: CallRequestOptions) {
      const call = withRequestOptions(params, requestOptions);
      return call instanceof InvalidArgumentError ? failedStream(call) : createIterable(client, call);
    },
  };
  return completions as InstructorCompletions;
}
