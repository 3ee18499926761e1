import { type ResponseModel, type ResponseModelInput, resolveResponseModel, strictResponseModel, UnsupportedSchemaError } from "@cortex-ml/schemas";
import { Effect } from "effect";
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessage,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import * as v from "valibot";
import type { AttemptRecord } from "./attempt.js";
import type { OutputOf, StructuredChatOptions, StructuredChatResult } from "./call-options.js";
import { type InstructorClient, mergeDefaults } from "./create-instructor.js";
import {
  InvalidArgumentError,
  LengthLimitError,
  ModelNotFoundError,
  ProviderConfigError,
  RefusalError,
  RetriesExhaustedError,
  type StructuredChatError,
  TimeoutError,
} from "./errors/index.js";
import type { ModeOutput, ModeStrategy } from "./modes/mode.js";
import { modeStrategy } from "./modes/mode-strategy.js";
import { parseJsonOutput } from "./parsing/parse-json-output.js";
import { adaptRequestFields } from "./providers/adapt-request-fields.js";
import { inlineRemoteImages } from "./providers/inline-remote-images.js";
import { parseFeedback, truncateForReask, validationFeedback } from "./reask-feedback.js";
import { addUsage, emptyUsage, type TokenUsage } from "./token-usage.js";
import { transportRetrySchedule } from "./transport/transport-retry-schedule.js";
import { toValidationIssues } from "./validation-issues.js";

const ownKeys = new Set([
  "model", "responseModel", "messages", "mode", "maxRetries", "transportRetry",
  "timeout", "totalTimeout", "schemaInPrompt", "signal", "temperature", "seed",
]);

function passThrough(options: object): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (!ownKeys.has(key) && value !== undefined) rest[key] = value;
  return rest;
}

/** The answer as shown back to the model in a re-ask: long outputs cut, with a note. */
function boundedMessage(message: ChatCompletionMessage): ChatCompletionMessage {
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

type AttemptOutcome<T> =
  | { readonly valid: true; readonly data: T }
  | { readonly valid: false; readonly record: Omit<AttemptRecord, "attempt" | "finishReason" | "usage">; readonly feedback: string };

function checkAnswer(responseModel: ResponseModel, output: ModeOutput): Effect.Effect<AttemptOutcome<unknown>> {
  if (output.text === undefined || output.text.trim() === "") {
    return Effect.succeed({
      valid: false,
      record: { rawOutput: output.text, failure: "empty", parseError: undefined, issues: [] },
      feedback: parseFeedback("the answer was empty"),
    });
  }
  const parsed = parseJsonOutput(output.text);
  if (!parsed.ok) {
    return Effect.succeed({
      valid: false,
      record: { rawOutput: output.text, failure: "parse", parseError: parsed.error, issues: [] },
      feedback: parseFeedback(parsed.error),
    });
  }
  const schema = responseModel.validationSchema;
  const validation = schema.async
    ? Effect.promise(() => v.safeParseAsync(schema, parsed.value))
    : Effect.sync(() => v.safeParse(schema as v.GenericSchema, parsed.value));
  return Effect.map(validation, (result): AttemptOutcome<unknown> => {
    if (result.success) return { valid: true, data: responseModel.unwrap(result.output) };
    const issues = toValidationIssues(result.issues, responseModel.jsonSchema, responseModel.wrapped);
    return {
      valid: false,
      record: { rawOutput: output.text, failure: "validation", parseError: undefined, issues },
      feedback: validationFeedback(issues),
    };
  });
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
    const settings = yield* Effect.try({
      try: () =>
        mergeDefaults(client.defaults, {
          mode: options.mode,
          maxRetries: options.maxRetries,
          transportRetry: options.transportRetry,
          timeout: options.timeout,
          totalTimeout: options.totalTimeout,
          schemaInPrompt: options.schemaInPrompt,
          temperature: options.temperature ?? undefined,
          seed: options.seed,
        }),
      catch: (error) => error as InvalidArgumentError,
    });
    const strategy: ModeStrategy | InvalidArgumentError = modeStrategy(settings.mode);
    if (strategy instanceof InvalidArgumentError) return yield* Effect.fail(strategy);
    if (typeof options.model !== "string" || options.model.trim() === "") {
      return yield* Effect.fail(new InvalidArgumentError({ argument: "model", problem: 'name the model to call, e.g. model: "llama3.2" (see `ollama list`).' }));
    }
    if (!Array.isArray(options.messages) || options.messages.length === 0) {
      return yield* Effect.fail(new InvalidArgumentError({ argument: "messages", problem: "give at least one message, e.g. buildMessages(\"Extract: John is 25\")." }));
    }
    const provider = client.provider;
    if (provider && !provider.supportedModes.includes(settings.mode)) {
      return yield* Effect.fail(
        new ProviderConfigError({
          provider: provider.name,
          problem: `mode "${settings.mode}" is not supported here. Use one of: ${provider.supportedModes.map((mode) => `"${mode}"`).join(", ")} (default "${provider.defaultMode}").`,
          environmentVariable: undefined,
        }),
      );
    }
    const strict = provider?.strictSchemas === true && (settings.mode === "json_schema" || settings.mode === "tools");
    const resolvedModel = yield* Effect.try({
      try: () => resolveResponseModel(options.responseModel),
      catch: (error) => {
        if (UnsupportedSchemaError.isInstance(error)) return error;
        return new InvalidArgumentError({ argument: "responseModel", problem: `not a Valibot schema (${error instanceof Error ? error.message : String(error)}).` });
      },
    });
    const responseModel = strict ? strictResponseModel(resolvedModel) : resolvedModel;
    const messages = provider?.imageInput === "data-url-only" ? yield* inlineRemoteImages(options.messages) : options.messages;
    const schedule = transportRetrySchedule(settings.transportRetry);
    const base: Record<string, unknown> = {
      ...passThrough(options),
      model: options.model,
      temperature: settings.temperature,
      ...(settings.seed === null ? {} : { seed: settings.seed }),
    };
    const modeSettings = { schemaInPrompt: settings.schemaInPrompt, strict };
    const rejected: AttemptRecord[] = [];
    let usage: TokenUsage = emptyUsage;
    let followUp: ChatCompletionMessageParam[] = [];
    let lastMessages: readonly ChatCompletionMessageParam[] = messages;
    for (let attempt = 1; attempt <= settings.maxRetries + 1; attempt += 1) {
      const request = strategy.buildRequest(responseModel, [...messages, ...followUp], modeSettings);
      lastMessages = request.messages;
      const body = adaptRequestFields(provider, { ...base, ...request }) as unknown as ChatCompletionCreateParamsNonStreaming;
      const completion: ChatCompletion = yield* client.transport
        .createCompletion(body, { signal: options.signal, timeoutMs: settings.timeout })
        .pipe(
          Effect.retry(schedule),
          Effect.mapError((error) =>
            error._tag === "ModelNotFoundError" && provider?.modelNotFoundHint && error.hint === undefined
              ? new ModelNotFoundError({ ...error, hint: provider.modelNotFoundHint(error.model) })
              : error,
          ),
        );
      const attemptUsage = addUsage(emptyUsage, completion.usage);
      usage = addUsage(usage, completion.usage);
      const choice = completion.choices[0];
      const message: ChatCompletionMessage = choice?.message ?? { role: "assistant", content: null, refusal: null };
      const output = strategy.readOutput(responseModel, message);
      if (message.refusal || choice?.finish_reason === "content_filter") {
        return yield* Effect.fail(
          new RefusalError({ model: options.model, refusal: message.refusal || "the server's content filter stopped the answer", usage }),
        );
      }
      if (choice?.finish_reason === "length") {
        return yield* Effect.fail(new LengthLimitError({ model: options.model, rawOutput: output.text, attempt, usage }));
      }
      const outcome = yield* checkAnswer(responseModel, output);
      if (outcome.valid) {
        return { data: outcome.data as OutputOf<TModel>, completion, usage, attempts: attempt, rejectedAttempts: rejected };
      }
      rejected.push({ ...outcome.record, attempt, finishReason: choice?.finish_reason, usage: attemptUsage });
      // Only the latest failed answer is kept in the conversation, so re-asks stay bounded.
      followUp = strategy.reaskMessages(boundedMessage(message), output, outcome.feedback);
    }
    return yield* Effect.fail(
      new RetriesExhaustedError({ attempts: rejected, maxRetries: settings.maxRetries, messages: lastMessages, usage, model: options.model }),
    );
  });
  const total = options.totalTimeout ?? client.defaults.totalTimeout;
  if (total === undefined) return program;
  return program.pipe(
    Effect.timeoutFail({
      duration: total,
      onTimeout: () => new TimeoutError({ scope: "total", timeoutMs: total, baseURL: client.baseURL }),
    }),
  );
}
