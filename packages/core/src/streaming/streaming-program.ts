import type { ResponseModelInput } from "@cortex-ml/schemas";
import { Effect, Exit, Stream } from "effect";
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { AttemptRecord } from "../attempt.js";
import type { StructuredChatOptions } from "../call-options.js";
import { checkAnswer } from "../check-answer.js";
import type { InstructorClient } from "../create-instructor.js";
import { LengthLimitError, RefusalError, RetriesExhaustedError, type StructuredChatError } from "../errors/index.js";
import { emitHook } from "../hooks.js";
import { logRejectedAnswer } from "../logger.js";
import { prepareCallEffect } from "../prepare-call.js";
import { adaptRequestFields } from "../providers/adapt-request-fields.js";
import { boundedMessage, plusUsage, withTotalDeadline } from "../structured-chat-program.js";
import { addUsage, emptyUsage, type TokenUsage } from "../token-usage.js";
import { withTransportRetries } from "../transport/transport-retry-schedule.js";
import { ChunkAccumulator } from "./chunk-accumulator.js";
import type { ObserverFactory } from "./chunk-observer.js";
import { streamedCompletion } from "./streamed-completion.js";

/** Options of the streaming calls: those of `structuredChat`, plus the idle timeout of the stream. */
export interface StreamingOptions<TModel extends ResponseModelInput> extends StructuredChatOptions<TModel> {
  /** Fail when the stream sends nothing for this long, in milliseconds. Default 60,000. */
  readonly idleTimeout?: number;
}

/** What the driver reports when the call ends well: the validated data and its cost. */
export interface StreamingOutcome {
  readonly data: unknown;
  readonly attempt: number;
  readonly usage: TokenUsage;
}

/**
 * The streaming structured call as an Effect `Stream`: each attempt streams
 * the answer (observer events are emitted as chunks arrive), the assembled
 * answer is validated exactly like a non-streaming one (async validators run
 * here, on the final object only), and invalid answers are re-asked. Ending
 * the stream early interrupts the driver and closes the HTTP request.
 */
export function streamingProgram<TModel extends ResponseModelInput, TEvent>(
  client: InstructorClient,
  options: StreamingOptions<TModel>,
  observe: ObserverFactory<TEvent>,
  finalEvent: (outcome: StreamingOutcome) => readonly TEvent[],
): Stream.Stream<TEvent, StructuredChatError> {
  return Stream.asyncPush<TEvent, StructuredChatError>(
    (emit) => {
      const driver = Effect.gen(function* () {
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
          if (observed) emitHook(hookSets, "completion:kwargs", { ...where, request: { ...body, stream: true } }, logger);
          const failed = (transportError: Parameters<typeof call.withProviderHint>[0]) => {
            const error = call.withProviderHint(transportError);
            if (observed) emitHook(hookSets, "completion:error", { ...where, error }, logger);
            return Effect.fail(error);
          };
          const chunks = yield* withTransportRetries(
            client.transport.streamCompletion(body, {
              signal: options.signal,
              timeoutMs: call.settings.timeout,
              idleTimeoutMs: options.idleTimeout ?? 60_000,
            }),
            call.settings.transportRetry,
          ).pipe(Effect.catchAll(failed));
          const accumulator = new ChunkAccumulator();
          const observer = observe(attempt, call);
          yield* Stream.runForEach(chunks, (chunk) =>
            Effect.suspend(() => {
              const events = observer.onDelta(accumulator.push(chunk), accumulator);
              if (Effect.isEffect(events)) return Effect.map(events, (produced) => void emit.array(produced));
              if (events.length > 0) emit.array(events);
              return Effect.void;
            }),
          ).pipe(Effect.catchAll(failed));
          const completion = streamedCompletion(accumulator, options.model);
          if (observed) emitHook(hookSets, "completion:response", { ...where, completion }, logger);
          let attemptUsage = addUsage(emptyUsage, completion.usage);
          usage = addUsage(usage, completion.usage);
          const choice = completion.choices[0];
          const message = accumulator.message();
          const output = strategy.readOutput(responseModel, message);
          if (message.refusal || choice?.finish_reason === "content_filter") {
            return yield* Effect.fail(
              new RefusalError({ model: options.model, refusal: message.refusal || "the server's content filter stopped the answer", usage }),
            );
          }
          if (choice?.finish_reason === "length") {
            return yield* Effect.fail(new LengthLimitError({ model: options.model, rawOutput: output.text, attempt, usage }));
          }
          const checked = checkAnswer(responseModel, output);
          const outcome = Effect.isEffect(checked) ? yield* checked : checked;
          attemptUsage = plusUsage(attemptUsage, outcome.validatorUsage);
          usage = plusUsage(usage, outcome.validatorUsage);
          if (observed) emitHook(hookSets, "completion:usage", { ...where, usage: attemptUsage, totalUsage: usage }, logger);
          if (outcome.valid) {
            emit.array([...observer.onValid(outcome.data), ...finalEvent({ data: outcome.data, attempt, usage })]);
            return;
          }
          const record: AttemptRecord = { ...outcome.record, attempt, finishReason: choice?.finish_reason, usage: attemptUsage };
          rejected.push(record);
          logRejectedAnswer(logger, record, { model: options.model, maxAttempts, secrets: client.secrets });
          if (observed) emitHook(hookSets, "parse:error", { ...where, rejected: record }, logger);
          if (observed && attempt === maxAttempts) emitHook(hookSets, "completion:last_attempt", { ...where, rejected: record }, logger);
          followUp = strategy.reaskMessages(boundedMessage(message), output, outcome.feedback);
        }
        return yield* Effect.fail(
          new RetriesExhaustedError({ attempts: rejected, maxRetries: call.settings.maxRetries, messages: lastMessages, usage, model: options.model }),
        );
      });
      return Effect.forkScoped(
        withTotalDeadline(driver, client, options.totalTimeout).pipe(
          Effect.exit,
          Effect.flatMap((exit) => Effect.sync(() => (Exit.isSuccess(exit) ? emit.end() : emit.halt(exit.cause)))),
        ),
      );
    },
    { bufferSize: "unbounded" },
  );
}
