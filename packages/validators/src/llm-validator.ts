import { type InstructorClient, isInstructorClient, notAClientError, recordValidatorUsage, structuredChatWithMetadata } from "@cortex-ml/core";
import * as v from "valibot";

/** Options of {@link llmValidator}. */
export interface LlmValidatorOptions {
  /** The client whose model judges the value: any cortex-ml client (`createInstructor`, `fromProvider`, `fromLocalModel`...). */
  readonly client: InstructorClient;
  /** The model that judges (can differ from the one extracting). Default: the client's model. */
  readonly model?: string;
  /** When the judge proposes a `fixedValue`, use it instead of failing. Default false. */
  readonly allowOverride?: boolean;
  /** Re-asks of the judge's own call when its verdict is malformed. Default 2. */
  readonly maxRetries?: number;
}

/** The judge's answer. */
export interface LlmVerdict {
  readonly isValid: boolean;
  readonly reason?: string | undefined;
  readonly fixedValue?: unknown;
}

const Verdict = v.pipe(
  v.object({
    isValid: v.pipe(v.boolean(), v.description("true when the value satisfies the statement")),
    reason: v.pipe(v.optional(v.nullable(v.string())), v.description("why not, in one sentence, when isValid is false")),
    fixedValue: v.pipe(v.optional(v.unknown()), v.description("a corrected value that satisfies the statement, when isValid is false")),
  }),
  v.title("Verdict"),
);

function describeValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * A Valibot async action for `v.pipeAsync(...)` that asks a model whether the
 * value satisfies a statement ("must be professional and constructive"). A
 * "no" becomes a validation issue whose message is the model's reason, so the
 * structured call re-asks with it. The judge runs at temperature 0 with its
 * own retries; its token usage is added to the call being validated. It runs
 * on final objects only (never on partial streaming snapshots).
 *
 * @example
 * const judge = fromProvider("ollama/llama3.2");
 * const Review = v.objectAsync({
 *   content: v.pipeAsync(v.string(), llmValidator("must be professional and constructive", { client: judge })),
 *   rating: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
 * });
 */
export function llmValidator<TInput>(statement: string, options: LlmValidatorOptions) {
  return v.rawTransformAsync<TInput, TInput>(async ({ dataset, addIssue, NEVER }) => {
    const value = dataset.value;
    if (!isInstructorClient(options?.client)) throw notAClientError(options?.client, "llmValidator(statement, { client })");
    const result = await structuredChatWithMetadata(options.client, {
      model: options.model,
      responseModel: Verdict,
      temperature: 0,
      maxRetries: options.maxRetries ?? 2,
      messages: [
        {
          role: "system",
          content:
            "You are a strict validator. Decide whether the value satisfies the statement. Answer isValid true or false; when false, give the reason in one sentence and, if you can, a fixedValue of the same type that satisfies it.",
        },
        { role: "user", content: `Statement: ${statement}\n\nValue:\n${describeValue(value)}` },
      ],
    });
    recordValidatorUsage(result.usage);
    const verdict = result.data;
    if (verdict.isValid) return value;
    if (options.allowOverride && verdict.fixedValue !== undefined && verdict.fixedValue !== null) {
      if (typeof value !== "string" || typeof verdict.fixedValue === "string") return verdict.fixedValue as TInput;
    }
    addIssue({ message: verdict.reason ? `${verdict.reason} (must satisfy: ${statement})` : `does not satisfy: ${statement}` });
    return NEVER;
  });
}
