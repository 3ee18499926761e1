import type { ResponseModelInput } from "@cortex-ml/schemas";
import { Effect } from "effect";
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessage,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import type { AttemptRecord } from "./attempt.js";
import type { OutputOf, StructuredChatOptions, StructuredChatResult } from "./call-options.js";
import { checkAnswer } from "./check-answer.js";
import type { InstructorClient } from "./create-instructor.js";
import { LengthLimitError, RefusalError, RetriesExhaustedError, type StructuredChatError, TimeoutError } from "./errors/index.js";
import { emitHook } from "./hooks.js";
import { logRejectedAnswer } from "./logger.js";
import { prepareCallEffect } from "./prepare-call.js";
import { adaptRequestFields } from "./providers/adapt-request-fields.js";
import { truncateForReask } from "./reask-feedback.js";
import { addUsage, emptyUsage, type TokenUsage } from "./token-usage.js";
import { withTransportRetries } from "./transport/transport-retry-schedule.js";

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

/** Wraps a call's program in its total deadline, when it has one. */
export function withTotalDeadline<A, E>(
  program: Effect.Effect<A, E>,
  client: InstructorClient,
  totalTimeout: number | undefined,
): Effect.Effect<A, E | TimeoutError> {
  const total = totalTimeout ?? client.defaults.totalTimeout;
  if (total === undefined) return program;
  return program.pipe(
    Effect.timeoutFail({ duration: total, onTimeout: () => new TimeoutError({ scope: "total", timeoutMs: total, baseURL: client.baseURL }) }),
  );
}

/**
 * The structured call as an Effect: build the request for the mode, send it
 * (transport faults retried on their own schedule), read and validate the
 * answer, and re-ask with the issues until it is valid or `maxRetries`
 * re-asks are spent. Every failure is a typed error in the error channel.
 */
export function structuredChatProgram<TModel extends ResponseModelInput>(
  client: InstructorClient,
  options: StructuredChatOptions<TModel>,
): Effect.Effect<StructuredChatResult<OutputOf<TModel>>, StructuredChatError> {
  const program = Effect.gen(function* () {
    const call = yield* prepareCallEffect(client, options);
    const { strategy, responseModel, maxAttempts, hookSets } = call;
    const logger = client.logger;
    const observed = hookSets.some((hooks) => hooks !== undefined);
    const rejected: AttemptRecord[] = [];
    let usage: TokenUsage = emptyUsage;
    let followUp: ChatCompletionMessageParam[] = [];
    let lastMessages: readonly ChatCompletionMessageParam[] = call.messages;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const where = { attempt, maxAttempts, model: options.model };
      const request = strategy.buildRequest(responseModel, [...call.messages, ...followUp], call.modeSettings);
      lastMessages = request.messages;
      const body = adaptRequestFields(client.provider, { ...call.baseBody, ...request }) as unknown as ChatCompletionCreateParamsNonStreaming;
      if (observed) emitHook(hookSets, "completion:kwargs", { ...where, request: body }, logger);
      const completion: ChatCompletion = yield* withTransportRetries(
        client.transport.createCompletion(body, { signal: options.signal, timeoutMs: call.settings.timeout }),
        call.settings.transportRetry,
      ).pipe(
        Effect.catchAll((transportError) => {
          const error = call.withProviderHint(transportError);
          if (observed) emitHook(hookSets, "completion:error", { ...where, error }, logger);
          return Effect.fail(error);
        }),
      );
      if (observed) emitHook(hookSets, "completion:response", { ...where, completion }, logger);
      let attemptUsage = addUsage(emptyUsage, completion.usage);
      usage = addUsage(usage, completion.usage);
      const choice = completion.choices[0];
      const message: ChatCompletionMessage = choice?.message ?? { role: "assistant", content: null, refusal: null };
      const output = strategy.readOutput(responseModel, message);
      if (message.refusal || choice?.finish_reason === "content_filter") {
        if (observed) emitHook(hookSets, "completion:usage", { ...where, usage: attemptUsage, totalUsage: usage }, logger);
        return yield* Effect.fail(
          new RefusalError({ model: options.model, refusal: message.refusal || "the server's content filter stopped the answer", usage }),
        );
      }
      if (choice?.finish_reason === "length") {
        if (observed) emitHook(hookSets, "completion:usage", { ...where, usage: attemptUsage, totalUsage: usage }, logger);
        return yield* Effect.fail(new LengthLimitError({ model: options.model, rawOutput: output.text, attempt, usage }));
      }
      const checked = checkAnswer(responseModel, output);
      const outcome = Effect.isEffect(checked) ? yield* checked : checked;
      attemptUsage = plusUsage(attemptUsage, outcome.validatorUsage);
      usage = plusUsage(usage, outcome.validatorUsage);
      if (observed) emitHook(hookSets, "completion:usage", { ...where, usage: attemptUsage, totalUsage: usage }, logger);
      if (outcome.valid) {
        return { data: outcome.data as OutputOf<TModel>, completion, usage, attempts: attempt, rejectedAttempts: rejected };
      }
      const record: AttemptRecord = { ...outcome.record, attempt, finishReason: choice?.finish_reason, usage: attemptUsage };
      rejected.push(record);
      logRejectedAnswer(logger, record, { model: options.model, maxAttempts, secrets: client.secrets });
      if (observed) emitHook(hookSets, "parse:error", { ...where, rejected: record }, logger);
      if (observed && attempt === maxAttempts) emitHook(hookSets, "completion:last_attempt", { ...where, rejected: record }, logger);
      // Only the latest failed answer is kept in the conversation, so re-asks stay bounded.
      followUp = strategy.reaskMessages(boundedMessage(message), output, outcome.feedback);
    }
    return yield* Effect.fail(
      new RetriesExhaustedError({ attempts: rejected, maxRetries: call.settings.maxRetries, messages: lastMessages, usage, model: options.model }),
    );
  });
  return withTotalDeadline(program, client, options.totalTimeout);
}
