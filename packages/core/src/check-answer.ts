import { isCortexError, type ResponseModel } from "@cortex-ml/schemas";
import { Effect } from "effect";
import * as v from "valibot";
import type { AttemptRecord } from "./attempt.js";
import type { StructuredChatError } from "./errors/index.js";
import type { ModeOutput } from "./modes/mode.js";
import { parseJsonOutput } from "./parsing/parse-json-output.js";
import { parseFeedback, validationFeedback } from "./reask-feedback.js";
import type { TokenUsage } from "./token-usage.js";
import { collectValidatorUsage, UsageCollector } from "./validator-usage.js";
import { toValidationIssues } from "./validation-issues.js";

/** The verdict on one answer: the validated output, or why not and what to tell the model. */
export type AnswerCheck =
  | {
      readonly valid: true;
      readonly data: unknown;
      /** The parsed JSON that validated (what a cache stores). */
      readonly input: unknown;
      readonly validatorUsage: TokenUsage | undefined;
    }
  | {
      readonly valid: false;
      readonly record: Omit<AttemptRecord, "attempt" | "finishReason" | "usage">;
      readonly feedback: string;
      readonly validatorUsage: TokenUsage | undefined;
    };

function verdict(
  responseModel: ResponseModel,
  result: v.SafeParseResult<v.GenericSchema>,
  rawOutput: string | undefined,
  validatorUsage: TokenUsage | undefined,
  input: unknown,
): AnswerCheck {
  if (result.success) return { valid: true, data: responseModel.unwrap(result.output), input, validatorUsage };
  const issues = toValidationIssues(result.issues, responseModel.jsonSchema, responseModel.wrapped);
  return {
    valid: false,
    record: { rawOutput, failure: "validation", parseError: undefined, issues },
    feedback: validationFeedback(issues),
    validatorUsage,
  };
}

const typedFailures = new Set<string>([
  "ApiError", "CassetteFileError", "CassetteMissError", "ConnectionError", "InvalidArgumentError", "LengthLimitError", "ModelNotFoundError", "ProviderConfigError",
  "RefusalError", "RequestAbortedError", "ResponseTooLargeError", "RetriesExhaustedError", "TimeoutError", "UnsupportedSchemaError",
]);

/**
 * What an async validator threw: a cortex-ml error (an LLM judge that could
 * not be reached, a wrong client) stays a typed failure of the call; anything
 * else is a defect, rethrown as itself by the Promise API.
 */
function validatorFailure(error: unknown): StructuredChatError {
  const tag = (error as { _tag?: unknown } | null)?._tag;
  if (typeof tag === "string" && typedFailures.has(tag) && isCortexError(error, tag)) return error as StructuredChatError;
  throw error;
}

/**
 * Validates an already-parsed value against the response model. Sync schemas
 * are checked at once (a plain value); async ones (LLM validators) in an
 * Effect, with the validators' token usage collected.
 */
export function validateValue(responseModel: ResponseModel, value: unknown, rawOutput: string | undefined): AnswerCheck | Effect.Effect<AnswerCheck, StructuredChatError> {
  const schema = responseModel.validationSchema;
  if (!schema.async) return verdict(responseModel, v.safeParse(schema, value), rawOutput, undefined, value);
  const collector = new UsageCollector();
  return Effect.map(
    Effect.tryPromise({
      try: () => collectValidatorUsage(collector, () => v.safeParseAsync(schema, value)),
      catch: validatorFailure,
    }),
    (result) =>
      verdict(responseModel, result as v.SafeParseResult<v.GenericSchema>, rawOutput, collector.total.totalTokens > 0 ? collector.total : undefined, value),
  );
}

/** Reads, parses and validates a model's answer (a plain value for sync schemas, an Effect for async ones). */
export function checkAnswer(responseModel: ResponseModel, output: ModeOutput): AnswerCheck | Effect.Effect<AnswerCheck, StructuredChatError> {
  if (output.text === undefined || output.text.trim() === "") {
    return {
      valid: false,
      record: { rawOutput: output.text, failure: "empty", parseError: undefined, issues: [] },
      feedback: parseFeedback("the answer was empty"),
      validatorUsage: undefined,
    };
  }
  const parsed = parseJsonOutput(output.text);
  if (!parsed.ok) {
    return {
      valid: false,
      record: { rawOutput: output.text, failure: "parse", parseError: parsed.error, issues: [] },
      feedback: parseFeedback(parsed.error),
      validatorUsage: undefined,
    };
  }
  return validateValue(responseModel, parsed.value, output.text);
}
