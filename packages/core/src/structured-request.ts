import type { ResponseModelInput } from "@cortex-ml/schemas";
import { Effect } from "effect";
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessage,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import { boundedMessage, plusUsage } from "./attempt-loop.js";
import type { AttemptRecord } from "./attempt.js";
import type { StructuredChatOptions } from "./call-options.js";
import { type AnswerCheck, checkAnswer } from "./check-answer.js";
import { LengthLimitError, RefusalError, RetriesExhaustedError, type StructuredChatError } from "./errors/index.js";
import type { InstructorClient } from "./instructor-client.js";
import { mergeFields } from "./merge-fields.js";
import type { Mode } from "./modes/mode.js";
import { isPreparationError, prepareCall } from "./prepare-call.js";
import { adaptRequestFields } from "./providers/adapt-request-fields.js";
import { addUsage, emptyUsage, type TokenUsage } from "./token-usage.js";

/** How one answer of a {@link StructuredRequestPlan} was judged. */
export type StructuredAnswerVerdict =
  | { readonly kind: "valid"; readonly data: unknown; readonly usage: TokenUsage }
  | {
      readonly kind: "rejected";
      /** The rejected attempt: raw output, issues, finish reason, usage. */
      readonly rejected: AttemptRecord;
      /** The messages the next attempt appends to the call's own: the bad answer (bounded) and the feedback. */
      readonly followUp: ChatCompletionMessageParam[];
      readonly usage: TokenUsage;
    }
  | {
      /** Not worth a re-ask: cut off at the token limit, or refused. */
      readonly kind: "failed";
      readonly error: LengthLimitError | RefusalError | StructuredChatError;
      readonly usage: TokenUsage;
    };

/**
 * One structured call split into its steps, for callers that send the
 * requests themselves (provider batch APIs): the exact request body a live
 * call sends at each attempt, and the verdict on each answer. It keeps no
 * state between attempts, so the follow-up messages can be stored and the
 * call resumed in another process.
 */
export interface StructuredRequestPlan {
  /** The model called. */
  readonly model: string;
  readonly mode: Mode;
  /** Re-asks allowed after the first answer. */
  readonly maxRetries: number;
  /** The request of an attempt: the call's messages, plus the last rejected answer's follow-up (none for attempt 1). */
  request(followUp?: readonly ChatCompletionMessageParam[]): ChatCompletionCreateParamsNonStreaming;
  /**
   * Judges the completion of `attempt` (1-based). `usageBefore` is the usage
   * of the earlier attempts, so a failure carries the call's total.
   */
  judge(completion: ChatCompletion, attempt: number, usageBefore?: TokenUsage): Promise<StructuredAnswerVerdict>;
  /** The error once every attempt was rejected. */
  exhausted(rejected: readonly AttemptRecord[], usage: TokenUsage, lastFollowUp?: readonly ChatCompletionMessageParam[]): RetriesExhaustedError;
}

/**
 * Plans a structured call without sending it: the same preparation,
 * request building and answer checks as `structuredChat`, with the client's
 * mode, strictness and provider field fixes. The client's cache and hooks are
 * not used. Throws the typed error naming the fix (bad options, unsupported
 * schema) like `structuredChat` rejects with it.
 *
 * @example
 * const plan = planStructuredRequest(client, { responseModel: Person, messages });
 * const body = plan.request();                        // what a live call sends
 * const verdict = await plan.judge(completion, 1);    // valid / rejected (+ follow-up) / failed
 */
export function planStructuredRequest<TModel extends ResponseModelInput>(
  client: InstructorClient,
  options: StructuredChatOptions<TModel>,
): StructuredRequestPlan {
  const prepared = prepareCall(client, { ...options, cache: false, hooks: undefined });
  if (isPreparationError(prepared)) throw prepared;
  const { strategy, responseModel, modeSettings, baseBody, model } = prepared;
  const request = (followUp: readonly ChatCompletionMessageParam[] = []): ChatCompletionCreateParamsNonStreaming => {
    const messages = followUp.length === 0 ? prepared.messages : [...prepared.messages, ...followUp];
    const built = strategy.buildRequest(responseModel, messages, modeSettings);
    return adaptRequestFields(client.provider, mergeFields(baseBody, built)) as unknown as ChatCompletionCreateParamsNonStreaming;
  };
  const judge = async (completion: ChatCompletion, attempt: number, usageBefore: TokenUsage = emptyUsage): Promise<StructuredAnswerVerdict> => {
    const attemptUsage = addUsage(emptyUsage, completion.usage);
    const total = plusUsage(usageBefore, attemptUsage);
    const choice = completion.choices[0];
    const message: ChatCompletionMessage = choice?.message ?? { role: "assistant", content: null, refusal: null };
    const output = strategy.readOutput(responseModel, message);
    if (message.refusal || choice?.finish_reason === "content_filter") {
      const refusal = message.refusal || "the server's content filter stopped the answer";
      return { kind: "failed", error: new RefusalError({ model, refusal, usage: total }), usage: attemptUsage };
    }
    if (choice?.finish_reason === "length") {
      return { kind: "failed", error: new LengthLimitError({ model, rawOutput: output.text, attempt, usage: total }), usage: attemptUsage };
    }
    const checked = checkAnswer(responseModel, output);
    let outcome: AnswerCheck;
    if (Effect.isEffect(checked)) {
      const settled = await Effect.runPromise(Effect.either(checked));
      if (settled._tag === "Left") return { kind: "failed", error: settled.left, usage: attemptUsage };
      outcome = settled.right;
    } else {
      outcome = checked;
    }
    const usage = plusUsage(attemptUsage, outcome.validatorUsage);
    if (outcome.valid) return { kind: "valid", data: outcome.data, usage };
    const rejected: AttemptRecord = { ...outcome.record, attempt, finishReason: choice?.finish_reason, usage };
    const followUp = strategy.reaskMessages(boundedMessage(message), output, outcome.feedback);
    return { kind: "rejected", rejected, followUp, usage };
  };
  return {
    model,
    mode: strategy.mode,
    maxRetries: prepared.settings.maxRetries,
    request,
    judge,
    exhausted: (rejected, usage, lastFollowUp = []) =>
      new RetriesExhaustedError({
        attempts: rejected,
        maxRetries: prepared.settings.maxRetries,
        messages: request(lastFollowUp).messages,
        usage,
        model,
      }),
  };
}
