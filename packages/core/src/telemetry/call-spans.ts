import { Effect } from "effect";
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import type { AttemptVerdict } from "../attempt-loop.js";
import type { StructuredChatResult } from "../call-options.js";
import type { PreparedCall } from "../prepare-call.js";
import type { TokenUsage } from "../token-usage.js";
import type { CallTelemetry } from "./telemetry-options.js";

/** The attributes every span of a call starts with (GenAI semantic conventions, then cortex-ml's own). */
function callAttributes(telemetry: CallTelemetry, call: PreparedCall): Record<string, unknown> {
  return {
    "gen_ai.operation.name": "chat",
    "gen_ai.provider.name": telemetry.providerName,
    "gen_ai.request.model": call.model,
    "server.address": telemetry.serverAddress,
    "server.port": telemetry.serverPort,
    "cortex_ml.mode": call.settings.mode,
  };
}

function usageAttributes(usage: TokenUsage): Record<string, unknown> {
  return { "gen_ai.usage.input_tokens": usage.promptTokens, "gen_ai.usage.output_tokens": usage.completionTokens };
}

function finishReasons(completion: ChatCompletion): string[] {
  return completion.choices.map((choice) => choice.finish_reason ?? "unknown");
}

/**
 * The span of a whole call (`cortex_ml.structured_chat`, streaming or not):
 * the request's model, provider and mode; at the end the response model,
 * the summed usage, the attempts made, the finish reasons of the answer and
 * its repairs, or the error type and the usage spent when it failed. Runs
 * the call on the client's tracer.
 */
export function traceCall<E>(
  telemetry: CallTelemetry,
  call: PreparedCall,
  program: Effect.Effect<StructuredChatResult<unknown>, E>,
): Effect.Effect<StructuredChatResult<unknown>, E> {
  const annotated = program.pipe(
    Effect.tap((result) =>
      Effect.annotateCurrentSpan({
        "gen_ai.response.model": result.completion.model,
        "gen_ai.response.finish_reasons": finishReasons(result.completion),
        ...usageAttributes(result.usage),
        "cortex_ml.attempts": result.attempts,
        "cortex_ml.repairs": result.repairs?.count ?? 0,
        ...(result.repairs ? { "cortex_ml.repair.kinds": result.repairs.kinds } : {}),
      }),
    ),
    Effect.tapError((error) => {
      const usage = (error as { usage?: TokenUsage } | null)?.usage;
      return usage === undefined ? Effect.void : Effect.annotateCurrentSpan(usageAttributes(usage));
    }),
  );
  const traced = Effect.withSpan(annotated, "cortex_ml.structured_chat", {
    kind: "internal",
    attributes: { ...callAttributes(telemetry, call), "cortex_ml.max_attempts": call.maxAttempts },
    captureStackTrace: false,
  });
  return Effect.withTracer(traced, telemetry.tracer);
}

/**
 * The span of one attempt (`cortex_ml.attempt`): its number, then how it
 * ended (`valid` or `rejected`), its answer's usage and finish reasons and
 * repairs. Its requests (a first try and transport retries) are its children.
 */
export function traceAttempt<E>(
  telemetry: CallTelemetry,
  call: PreparedCall,
  attempt: number,
  judged: Effect.Effect<AttemptVerdict, E>,
  completionOf: () => ChatCompletion | undefined,
  failureOf: () => string | undefined,
): Effect.Effect<AttemptVerdict, E> {
  const annotated = Effect.tap(judged, (verdict) => {
    const completion = completionOf();
    return Effect.annotateCurrentSpan({
      "cortex_ml.attempt.outcome": verdict.valid ? "valid" : "rejected",
      ...(completion ? { "gen_ai.response.finish_reasons": finishReasons(completion), "gen_ai.response.model": completion.model } : {}),
      ...(completion?.usage ? { "gen_ai.usage.input_tokens": completion.usage.prompt_tokens, "gen_ai.usage.output_tokens": completion.usage.completion_tokens } : {}),
      ...(verdict.valid && verdict.repairs ? { "cortex_ml.repairs": verdict.repairs.count, "cortex_ml.repair.kinds": verdict.repairs.kinds } : {}),
      ...(verdict.valid ? {} : { "cortex_ml.attempt.failure": failureOf() }),
    });
  });
  return Effect.withSpan(annotated, "cortex_ml.attempt", {
    kind: "internal",
    attributes: { ...callAttributes(telemetry, call), "cortex_ml.attempt": attempt },
    captureStackTrace: false,
  });
}

/**
 * The span of each request sent for an attempt, its transport retries
 * included (`chat {model}`, kind client, as the GenAI conventions name an
 * inference): `cortex_ml.transport.try` (1 for the first), the request's
 * sampling fields, and the response's id, model, usage and finish reasons,
 * or the error type. Prompt and answer only with `recordContent`.
 */
export function traceRequest<E>(
  telemetry: CallTelemetry,
  call: PreparedCall,
  attempt: number,
  body: ChatCompletionCreateParamsNonStreaming,
  request: Effect.Effect<ChatCompletion, E>,
): Effect.Effect<ChatCompletion, E> {
  let tries = 0;
  const annotated = Effect.tap(request, (completion) =>
    Effect.annotateCurrentSpan({
      "gen_ai.response.id": completion.id,
      "gen_ai.response.model": completion.model,
      "gen_ai.response.finish_reasons": finishReasons(completion),
      ...(completion.usage ? { "gen_ai.usage.input_tokens": completion.usage.prompt_tokens, "gen_ai.usage.output_tokens": completion.usage.completion_tokens } : {}),
      ...(telemetry.recordContent ? { "gen_ai.output.messages": JSON.stringify(completion.choices.map((choice) => choice.message)) } : {}),
    }),
  );
  return Effect.suspend(() => {
    tries += 1;
    return Effect.withSpan(annotated, `chat ${call.model}`, {
      kind: "client",
      attributes: {
        ...callAttributes(telemetry, call),
        "cortex_ml.attempt": attempt,
        "cortex_ml.transport.try": tries,
        "gen_ai.request.temperature": body.temperature ?? undefined,
        "gen_ai.request.seed": body.seed ?? undefined,
        "gen_ai.request.max_tokens": body.max_completion_tokens ?? body.max_tokens ?? undefined,
        ...(telemetry.recordContent ? { "gen_ai.input.messages": JSON.stringify(body.messages) } : {}),
      },
      captureStackTrace: false,
    });
  });
}

/**
 * The span of a cache lookup (`cortex_ml.cache.lookup`): the call's model,
 * provider and mode, and `cortex_ml.cache.hit`. A hit sends no request, so
 * this span is all a trace shows of it; a miss is followed by the call's span.
 */
export function traceCacheLookup<A, E>(telemetry: CallTelemetry, call: PreparedCall, lookup: Effect.Effect<A | undefined, E>): Effect.Effect<A | undefined, E> {
  const annotated = Effect.tap(lookup, (hit) => Effect.annotateCurrentSpan({ "cortex_ml.cache.hit": hit !== undefined }));
  const traced = Effect.withSpan(annotated, "cortex_ml.cache.lookup", { kind: "internal", attributes: callAttributes(telemetry, call), captureStackTrace: false });
  return Effect.withTracer(traced, telemetry.tracer);
}
