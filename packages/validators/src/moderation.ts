import { ApiError, type InstructorClient, isInstructorClient, notAClientError } from "@cortex-ml/core";
import { transportRetrySchedule } from "@cortex-ml/core/effect";
import { Cause, Effect, Exit, Option } from "effect";
import type { ModerationCreateResponse } from "openai/resources/moderations";
import * as v from "valibot";
import { ModerationUnavailableError } from "./moderation-unavailable-error.js";

/** Options of {@link moderation}. */
export interface ModerationOptions {
  /** A client for an endpoint with `/moderations` (OpenAI): any cortex-ml client. */
  readonly client: InstructorClient;
  /** Moderation model. Default `omni-moderation-latest`. */
  readonly model?: string;
}

/** Statuses of a server that has no moderation endpoint at all. */
const noEndpointStatuses = new Set([404, 405, 501]);

/**
 * Sends the text through the client's transport, with its transport retries;
 * fails with the typed error of any other call (`ConnectionError`,
 * `ApiError`, `TimeoutError`...), or `ModerationUnavailableError` where the
 * server (or an in-process model) has no moderation endpoint.
 */
async function moderate(options: ModerationOptions, input: string): Promise<ModerationCreateResponse> {
  const client = options?.client;
  if (!isInstructorClient(client)) throw notAClientError(client, "moderation({ client })");
  const createModeration = client.transport.createModeration;
  if (createModeration === undefined) throw new ModerationUnavailableError({ baseURL: client.baseURL, status: undefined });
  const request = createModeration({ input, model: options.model ?? "omni-moderation-latest" }, { timeoutMs: client.defaults.timeout });
  const exit = await Effect.runPromiseExit(Effect.retry(request, transportRetrySchedule(client.defaults.transportRetry)));
  if (Exit.isSuccess(exit)) return exit.value;
  const failure = Cause.failureOption(exit.cause);
  if (Option.isNone(failure)) throw Cause.squash(exit.cause);
  const error = failure.value;
  if (ApiError.isInstance(error) && noEndpointStatuses.has(error.status)) {
    throw new ModerationUnavailableError({ baseURL: client.baseURL, status: error.status });
  }
  throw error;
}

/**
 * A Valibot async check that sends the text to the OpenAI-compatible
 * `/moderations` endpoint (through the client's transport, like every other
 * call) and fails with the flagged categories. Against an endpoint without
 * one (Ollama, an in-process model) it fails at first use with
 * `ModerationUnavailableError`, never silently passes.
 *
 * @example
 * const moderator = fromProvider("openai/omni-moderation-latest");
 * const Comment = v.objectAsync({ text: v.pipeAsync(v.string(), moderation({ client: moderator })) });
 */
export function moderation(options: ModerationOptions) {
  return v.rawTransformAsync<string, string>(async ({ dataset, addIssue, NEVER }) => {
    const response = await moderate(options, dataset.value);
    const flagged = response.results.filter((result) => result.flagged);
    if (flagged.length === 0) return dataset.value;
    const categories = new Set<string>();
    for (const result of flagged) {
      for (const [category, isFlagged] of Object.entries(result.categories)) if (isFlagged) categories.add(category);
    }
    addIssue({ message: `flagged by moderation: ${[...categories].join(", ") || "unspecified"}; rewrite it without that content` });
    return NEVER;
  });
}
