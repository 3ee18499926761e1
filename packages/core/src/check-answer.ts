import type { ResponseModel } from "@cortex-ml/schemas";
import { Effect } from "effect";
import * as v from "valibot";
import type { AttemptRecord } from "./attempt.js";
import type { ModeOutput } from "./modes/mode.js";
import { parseJsonOutput } from "./parsing/parse-json-output.js";
import { parseFeedback, validationFeedback } from "./reask-feedback.js";
import type { TokenUsage } from "./token-usage.js";
import { collectValidatorUsage, UsageCollector } from "./validator-usage.js";
import { toValidationIssues } from "./validation-issues.js";

/** The verdict on one answer: the validated output, or why not and what to tell the model. */
export type AnswerCheck =
  | { readonly valid: true; readonly data: unknown; readonly validatorUsage: TokenUsage | undefined }
  | {
      readonly valid: false;
      readonly record: Omit<AttemptRecord, "attempt" | "finishReason" | "usage">;
      readonly feedback: string;
      readonly validatorUsage: TokenUsage | undefined;
    };

/** Validates an already-parsed value against the response model (async validators included, their usage collected). */
export function validateValue(responseModel: ResponseModel, value: unknown, rawOutput: string | undefined): Effect.Effect<AnswerCheck> {
  const schema = responseModel.validationSchema;
  const collector = new UsageCollector();
  const validation = schema.async
    ? Effect.promise(() => collectValidatorUsage(collector, () => v.safeParseAsync(schema, value)))
    : Effect.sync(() => v.safeParse(schema as v.GenericSchema, value));
  return Effect.map(validation, (result): AnswerCheck => {
    const validatorUsage = collector.total.totalTokens > 0 ? collector.total : undefined;
    if (result.success) return { valid: true, data: responseModel.unwrap(result.output), validatorUsage };
    const issues = toValidationIssues(result.issues, responseModel.jsonSchema, responseModel.wrapped);
    return {
      valid: false,
      record: { rawOutput, failure: "validation", parseError: undefined, issues },
      feedback: validationFeedback(issues),
      validatorUsage,
    };
  });
}

/** Reads, parses and validates a model's answer. */
export function checkAnswer(responseModel: ResponseModel, output: ModeOutput): Effect.Effect<AnswerCheck> {
  if (output.text === undefined || output.text.trim() === "") {
    return Effect.succeed({
      valid: false,
      record: { rawOutput: output.text, failure: "empty", parseError: undefined, issues: [] },
      feedback: parseFeedback("the answer was empty"),
      validatorUsage: undefined,
    });
  }
  const parsed = parseJsonOutput(output.text);
  if (!parsed.ok) {
    return Effect.succeed({
      valid: false,
      record: { rawOutput: output.text, failure: "parse", parseError: parsed.error, issues: [] },
      feedback: parseFeedback(parsed.error),
      validatorUsage: undefined,
    });
  }
  return validateValue(responseModel, parsed.value, output.text);
}
