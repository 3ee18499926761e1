import { Effect } from "effect";
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessage,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import type { AttemptRecord } from "./attempt.js";
import { type AnswerCheck, checkAnswer } from "./check-answer.js";
import type { InstructorClient } from "./create-instructor.js";
import {
  LengthLimitError,
  ModelNotFoundError,
  RefusalError,
  RetriesExhaustedError,
  type StructuredChatError,
  type TransportError,
} from "./errors/index.js";
import { emitHook, type HookAttempt } from "./hooks.js";
import { logRejectedAnswer } from "./logger.js";
import { mergeFields } from "./merge-fields.js";
import { isChatCompletion, notAChatCompletion } from "./not-a-completion.js";
import type { ModeOutput, ModeStrategy, WireMode } from "./modes/mode.js";
import { judgeAutoAnswer } from "./auto-mode/judge-auto-answer.js";
import type { PreparedCall } from "./prepare-call.js";
import { adaptRequestFields } from "./providers/adapt-request-fields.js";
import type { ProviderDefinition } from "./providers/provider-definition.js";
import { truncateForReask } from "./reask-feedback.js";
import type { Repairs } from "./repair/repair-kinds.js";
import { addUsage, emptyUsage, type TokenUsage } from "./token-usage.js";

/** The answer as shown back to the model in a re-ask: long outputs cut, with a note. */
export function boundedMessage(message: ChatCompletionMessage): ChatCompletionMessage {
  return {
    ...message,
    content: message.content == null ? message.content : truncateForReask(message.content),
    ...(message.tool_calls
      ? {
          tool_calls: message.tool_calls.map((call) =>
            call.type === "function" ? { ...call, function: { ...call.function, arguments: truncateForReask(call.function.arguments) } } : call,
          ),
        }
      : {}),
  };
}

/** Adds a TokenUsage to a running total. */
export function plusUsage(total: TokenUsage, extra: TokenUsage | undefined): TokenUsage {
  if (!extra) return total;
  return addUsage(total, { prompt_tokens: extra.promptTokens, completion_tokens: extra.completionTokens, total_tokens: extra.totalTokens });
}

/** A missing-model error with the provider's own hint (`ollama pull`-style) when it has one and the error has none. */
export function withProviderHint(provider: ProviderDefinition | undefined, error: TransportError): TransportError {
  const hint = provider?.modelNotFoundHint;
  if (hint === undefined || error._tag !== "ModelNotFoundError" || error.hint !== undefined) return error;
  return new ModelNotFoundError({ ...error, hint: hint(error.model) });
}

/** How an attempt ended: a valid answer, or a rejected one to re-ask. */
export type AttemptVerdict =
  | { readonly valid: true; readonly data: unknown; readonly input: unknown; readonly text: string | undefined; readonly repairs: Repairs | undefined }
  | { readonly valid: false };

/**
 * The state shared by the attempts of one call, streaming or not: the
 * conversation so far (the caller's messages plus only the latest failed
 * answer and its feedback, so re-asks stay bounded), the rejected attempts,
 * the total usage, and the hooks and logger to tell.
 */
export class AttemptLoop {
  readonly rejected: AttemptRecord[] = [];
  usage: TokenUsage = emptyUsage;
  /** True when the call has hooks, so events are only built when someone listens. */
  readonly observed: boolean;
  /** The mode of the next attempt: the call's, or in mode "auto" the next one after a dropped constraint. */
  strategy: ModeStrategy;
  /** In mode "auto": whether the last answer's constraint was applied (undefined: it could not tell). */
  constraintHonoured: boolean | undefined;
  /** In mode "auto": the mode of the last answer. */
  modeUsed: WireMode | undefined;
  private followUp: ChatCompletionMessageParam[] = [];
  private lastMessages: readonly ChatCompletionMessageParam[];
  /** The attempt sent last. */
  private current = 0;
  private readonly model: string;

  constructor(
    private readonly client: InstructorClient,
    private readonly call: PreparedCall,
  ) {
    this.lastMessages = call.messages;
    this.model = call.model;
    this.strategy = call.strategy;
    this.observed = call.hookSets.some((hooks) => hooks !== undefined);
  }

  /** Where an attempt is, for hooks. */
  where(attempt: number): HookAttempt {
    return { attempt, maxAttempts: this.call.maxAttempts, model: this.model };
  }

  /** The request body of an attempt (after `completion:kwargs`). `extra` only changes what hooks see (e.g. `stream: true`). */
  request(attempt: number, extra?: Record<string, unknown>): ChatCompletionCreateParamsNonStreaming {
    const { responseModel, modeSettings } = this.call;
    const strategy = this.strategy;
    this.current = attempt;
    // Every mode copies the messages it is given, so the caller's list is passed as it is until there is a re-ask.
    const messages = this.followUp.length === 0 ? this.call.messages : [...this.call.messages, ...this.followUp];
    const request = strategy.buildRequest(responseModel, messages, modeSettings);
    this.lastMessages = request.messages;
    const body = adaptRequestFields(this.client.provider, mergeFields(this.call.baseBody, request)) as unknown as ChatCompletionCreateParamsNonStreaming;
    if (this.observed) emitHook(this.call.hookSets, "completion:kwargs", { ...this.where(attempt), request: { ...body, ...extra } }, this.client.logger);
    return body;
  }

  /** Fails an attempt whose request failed (after its transport retries), with the provider's hint added. */
  readonly fail = (transportError: TransportError): Effect.Effect<never, TransportError> =>
    Effect.fail(withProviderHint(this.client.provider, transportError));

  /** Tells `completion:error` that the call ended with `error`, at the attempt sent last. */
  reportError(error: unknown): void {
    if (this.observed) emitHook(this.call.hookSets, "completion:error", { ...this.where(this.current), error }, this.client.logger);
  }

  /**
   * Judges one completion: refusal and truncation are errors; otherwise the
   * answer is read, parsed and validated (async validators included). A
   * rejected answer is recorded, logged and turned into the next re-ask.
   * A sync schema's verdict comes back as a plain value; refusals,
   * truncation and async validators come back as an Effect.
   */
  settle(attempt: number, completion: ChatCompletion): AttemptVerdict | Effect.Effect<AttemptVerdict, StructuredChatError> {
    if (!isChatCompletion(completion)) return Effect.fail(notAChatCompletion(completion, this.client.baseURL, this.client.secrets));
    const { responseModel, hookSets } = this.call;
    const strategy = this.strategy;
    const logger = this.client.logger;
    if (this.observed) emitHook(hookSets, "completion:response", { ...this.where(attempt), completion }, logger);
    const attemptUsage = addUsage(emptyUsage, completion.usage);
    // The first attempt's total is its own usage: one object, not two equal ones.
    this.usage = this.usage === emptyUsage ? attemptUsage : addUsage(this.usage, completion.usage);
    const choice = completion.choices[0];
    const message: ChatCompletionMessage = choice?.message ?? { role: "assistant", content: null, refusal: null };
    const output = strategy.readOutput(responseModel, message);
    if (message.refusal || choice?.finish_reason === "content_filter") {
      this.reportUsage(attempt, attemptUsage);
      return Effect.fail(new RefusalError({ model: this.model, refusal: message.refusal || "the server's content filter stopped the answer", usage: this.usage }));
    }
    if (choice?.finish_reason === "length") {
      this.reportUsage(attempt, attemptUsage);
      return Effect.fail(new LengthLimitError({ model: this.model, rawOutput: output.text, attempt, usage: this.usage }));
    }
    const checked = checkAnswer(responseModel, output, this.call.repair);
    if (Effect.isEffect(checked)) return Effect.map(checked, (outcome) => this.conclude(attempt, attemptUsage, choice, message, output, outcome));
    return this.conclude(attempt, attemptUsage, choice, message, output, checked);
  }

  private reportUsage(attempt: number, attemptUsage: TokenUsage): void {
    if (this.observed) emitHook(this.call.hookSets, "completion:usage", { ...this.where(attempt), usage: attemptUsage, totalUsage: this.usage }, this.client.logger);
  }

  /** Adds the validators' usage, tells hooks and logger, and turns a rejected answer into the next re-ask. */
  private conclude(
    attempt: number,
    usage: TokenUsage,
    choice: ChatCompletion.Choice | undefined,
    message: ChatCompletionMessage,
    output: ModeOutput,
    outcome: AnswerCheck,
  ): AttemptVerdict {
    const { hookSets, maxAttempts } = this.call;
    const strategy = this.strategy;
    const logger = this.client.logger;
    const attemptUsage = plusUsage(usage, outcome.validatorUsage);
    this.usage = plusUsage(this.usage, outcome.validatorUsage);
    this.reportUsage(attempt, attemptUsage);
    const auto = this.call.auto;
    if (auto !== undefined) {
      const verdict = judgeAutoAnswer(this.client, this.model, this.call.responseModel, auto, strategy, message, output);
      this.modeUsed = strategy.mode;
      this.constraintHonoured = verdict.honoured;
      this.strategy = verdict.next;
    }
    if (outcome.valid) return { valid: true, data: outcome.data, input: outcome.input, text: output.text, repairs: outcome.repairs };
    const record: AttemptRecord =
      auto === undefined
        ? { ...outcome.record, attempt, finishReason: choice?.finish_reason, usage: attemptUsage }
        : { ...outcome.record, attempt, finishReason: choice?.finish_reason, usage: attemptUsage, mode: strategy.mode, constraintHonoured: this.constraintHonoured };
    this.rejected.push(record);
    logRejectedAnswer(logger, record, { model: this.model, maxAttempts, secrets: this.client.secrets });
    if (this.observed) {
      const where = this.where(attempt);
      emitHook(hookSets, "parse:error", { ...where, rejected: record }, logger);
      if (attempt === maxAttempts) emitHook(hookSets, "completion:last_attempt", { ...where, rejected: record }, logger);
    }
    this.followUp = strategy.reaskMessages(boundedMessage(message), output, outcome.feedback);
    return { valid: false };
  }

  /** The error once every attempt was rejected. */
  exhausted(): RetriesExhaustedError {
    return new RetriesExhaustedError({
      attempts: this.rejected,
      maxRetries: this.call.settings.maxRetries,
      messages: this.lastMessages,
      usage: this.usage,
      model: this.model,
    });
  }
}
