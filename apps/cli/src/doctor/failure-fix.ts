import {
  ApiError,
  ConnectionError,
  LengthLimitError,
  Mode,
  ModelNotFoundError,
  type ProviderDefinition,
  RefusalError,
  RetriesExhaustedError,
  TimeoutError,
} from "@cortex-ml/core";
import { textInCliWords } from "../cli-wording.js";

/** What the doctor knows about a failed check. */
export interface FailureContext {
  readonly provider: ProviderDefinition | undefined;
  readonly baseURL: string;
  readonly model: string;
  /** The mode of a mode check. */
  readonly mode?: Mode;
}

/** What to try after the model failed in `mode`. */
function modeAdvice(context: FailureContext): string {
  const schemaMode = context.provider?.supportedModes.includes(Mode.JSON_SCHEMA) ?? true;
  return context.mode !== Mode.JSON_SCHEMA && schemaMode
    ? "try --mode json_schema (the server holds the answer to the schema), or a larger model"
    : "try a larger model, or another --mode";
}

/** What was wrong with the model's answers, from the last attempt: invalid JSON, wrong fields, or nothing. */
function answerFix(error: RetriesExhaustedError, context: FailureContext): string {
  const last = error.attempts[error.attempts.length - 1];
  if (last?.failure === "parse") return `the answer was not valid JSON (${last.parseError ?? "unreadable"}): ${modeAdvice(context)}`;
  if (last?.failure === "validation") {
    const fields = last.issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
    return `the answer was valid JSON with the wrong fields (${fields}): ${modeAdvice(context)}`;
  }
  return `the answer was empty: ${modeAdvice(context)}`;
}

function apiFix(error: ApiError, context: FailureContext): string {
  const variable = context.provider?.apiKeyEnvironmentVariable;
  if (error.status === 401 || error.status === 403) return `the server refused the API key: check --api-key${variable ? ` (or $${variable})` : ""}`;
  if (error.status === 404) return "the server has no such endpoint: --base-url must be the OpenAI-compatible root (for Ollama it ends in /v1)";
  if (error.status === 429) return "the server is rate-limiting: wait, then run cortex-ml doctor again";
  if (error.status === 400 && context.mode !== undefined) {
    return `the server rejected the ${context.mode} request, so it may not take this mode: use --mode ${context.provider?.defaultMode ?? Mode.JSON_SCHEMA}`;
  }
  return error.hint ? textInCliWords(error.hint) : `the server failed (HTTP ${error.status}): check its log, then run cortex-ml doctor again`;
}

/**
 * The fix line of a failed check: what actually went wrong, in the CLI's
 * words, and what to do about it. Every failure gets one.
 */
export function fixForFailure(error: unknown, context: FailureContext): string {
  if (ConnectionError.isInstance(error)) {
    return context.provider?.name === "ollama"
      ? "start Ollama (`ollama serve`), or point --base-url / $OLLAMA_BASE_URL at where it listens"
      : `nothing answers at ${context.baseURL}: start the server, or give the right --base-url`;
  }
  if (TimeoutError.isInstance(error)) return `${context.baseURL} did not answer in time: raise --timeout, or check that the server is not overloaded`;
  if (ModelNotFoundError.isInstance(error)) {
    const hint = error.hint ?? context.provider?.modelNotFoundHint?.(context.model);
    return hint ? textInCliWords(hint) : "`cortex-ml models` lists the models there: name one with --model";
  }
  if (RetriesExhaustedError.isInstance(error)) return answerFix(error, context);
  if (ApiError.isInstance(error)) return apiFix(error, context);
  if (LengthLimitError.isInstance(error)) return `the answer was cut off at the token limit: ${modeAdvice(context)}`;
  if (RefusalError.isInstance(error)) return "the model refused the test question: try another --model";
  const name = error instanceof Error ? error.name : "error";
  return `an unexpected ${name}: run the same call with cortex-ml extract --verbose to see where it failed`;
}
