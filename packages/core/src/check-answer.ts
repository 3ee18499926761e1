import { isCortexError, type ResponseModel } from "@cortex-ml/schemas";
import { Effect } from "effect";
import * as v from "valibot";
import type { AttemptRecord } from "./attempt.js";
import type { StructuredChatError } from "./errors/index.js";
import type { ModeOutput } from "./modes/mode.js";
import { parseJsonOutput } from "./parsing/parse-json-output.js";
import { coerceNumberStrings } from "./repair/coerce-number-strings.js";
import { RepairTally, type Repairs } from "./repair/repair-kinds.js";
import { repairJsonText } from "./repair/repair-json-text.js";
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
      /** What was repaired in the answer to make it valid; absent when nothing was. */
      readonly repairs?: Repairs | undefined;
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
  "ApiError", "BudgetExceededError", "CassetteFileError", "CassetteMissError", "ConnectionError", "InvalidArgumentError", "LengthLimitError", "ModelNotFoundError", "ProviderConfigError",
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

/** Runs `next` on a check, whether it is a plain value or an Effect. */
function thenCheck(
  checked: AnswerCheck | Effect.Effect<AnswerCheck, StructuredChatError>,
  next: (check: AnswerCheck) => AnswerCheck | Effect.Effect<AnswerCheck, StructuredChatError>,
): AnswerCheck | Effect.Effect<AnswerCheck, StructuredChatError> {
  if (!Effect.isEffect(checked)) return next(checked);
  return Effect.flatMap(checked, (check) => {
    const after = next(check);
    return Effect.isEffect(after) ? after : Effect.succeed(after);
  });
}

/** Validates a repaired value, with the repairs on a valid verdict (a rejected one keeps its issues for the re-ask). */
function validateRepaired(
  responseModel: ResponseModel,
  value: unknown,
  rawOutput: string,
  tally: RepairTally,
): AnswerCheck | Effect.Effect<AnswerCheck, StructuredChatError> {
  return thenCheck(validateValue(responseModel, value, rawOutput), (check) => (check.valid ? { ...check, repairs: tally.result() } : check));
}

/** A rejected parsed answer with number strings where the schema wants numbers, validated again once they are numbers. */
function withNumbersRepaired(responseModel: ResponseModel, check: AnswerCheck, value: unknown, rawOutput: string): AnswerCheck | Effect.Effect<AnswerCheck, StructuredChatError> {
  if (check.valid || check.record.failure !== "validation") return check;
  const tally = new RepairTally();
  const coerced = coerceNumberStrings(value, responseModel.jsonSchema, tally);
  return tally.count === 0 ? check : validateRepaired(responseModel, coerced, rawOutput, tally);
}

/**
 * Reads, parses and validates a model's answer (a plain value for sync
 * schemas, an Effect for async ones). With `repair`, an answer that does not
 * parse is repaired once (trailing commas, single quotes, bare keys, missing
 * closing brackets) and one that does not validate has its number strings
 * made numbers where the schema wants numbers, before it is rejected; a valid
 * answer is never touched. Callers never repair a cut-off answer.
 */
export function checkAnswer(responseModel: ResponseModel, output: ModeOutput, repair = false): AnswerCheck | Effect.Effect<AnswerCheck, StructuredChatError> {
  const text = output.text;
  if (text === undefined || text.trim() === "") {
    return {
      valid: false,
      record: { rawOutput: text, failure: "empty", parseError: undefined, issues: [] },
      feedback: parseFeedback("the answer was empty"),
      validatorUsage: undefined,
    };
  }
  const parsed = parseJsonOutput(text);
  if (!parsed.ok) {
    const tally = repair ? new RepairTally() : undefined;
    const repaired = tally === undefined ? undefined : repairJsonText(text, tally);
    const reparsed = repaired === undefined ? undefined : parseJsonOutput(repaired);
    if (tally !== undefined && reparsed?.ok) {
      return validateRepaired(responseModel, coerceNumberStrings(reparsed.value, responseModel.jsonSchema, tally), text, tally);
    }
    return {
      valid: false,
      record: { rawOutput: text, failure: "parse", parseError: parsed.error, issues: [] },
      feedback: parseFeedback(parsed.error),
      validatorUsage: undefined,
    };
  }
  const checked = validateValue(responseModel, parsed.value, text);
  // A valid answer (the usual case) returns at once: no closure, no second look.
  if (!repair || (!Effect.isEffect(checked) && checked.valid)) return checked;
  return thenCheck(checked, (check) => withNumbersRepaired(responseModel, check, parsed.value, text));
}
