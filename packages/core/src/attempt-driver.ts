import { Effect } from "effect";
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { AttemptLoop, type AttemptVerdict } from "./attempt-loop.js";
import { resolveAutoCall } from "./auto-mode/resolve-auto-call.js";
import { budgetExceeded } from "./budget/budget-guard.js";
import { writeCache } from "./cache/call-cache.js";
import type { StructuredChatResult } from "./call-options.js";
import { type StructuredChatError, TimeoutError, type TransportError } from "./errors/index.js";
import type { InstructorClient } from "./instructor-client.js";
import type { ModeStrategy } from "./modes/mode.js";
import type { PreparedCall } from "./prepare-call.js";
import { traceAttempt, traceCall, traceRequest } from "./telemetry/call-spans.js";
import { withTransportRetriesThen } from "./transport/transport-retry-schedule.js";

/** Sends one attempt's request (built by `strategy`'s mode) and gets its completion: one request, or a stream assembled into one. */
export type SendAttempt = (body: ChatCompletionCreateParamsNonStreaming, attempt: number, strategy: ModeStrategy) => Effect.Effect<ChatCompletion, TransportError>;

/** How a call sends its attempts. */
export interface AttemptSender {
  readonly send: SendAttempt;
  /** False when a failed try must not be sent again (a stream that already showed events). Default: always. */
  readonly canRetry?: (() => boolean) | undefined;
  /** Fields only hooks see in the request (`stream: true`). */
  readonly hookFields?: Record<string, unknown> | undefined;
}

/**
 * Sends the request of an attempt with its transport retries (each try in a
 * span when the client has a tracer), then `then` on the completion; or
 * fails with the budget's refusal to send it. A plain function, so an
 * untraced call allocates no closure for it.
 */
function sendAttempt<B>(
  client: InstructorClient,
  call: PreparedCall,
  loop: AttemptLoop,
  sender: AttemptSender,
  number: number,
  then: (completion: ChatCompletion) => Effect.Effect<B, StructuredChatError>,
): Effect.Effect<B, StructuredChatError> {
  const body = loop.request(number, sender.hookFields);
  if (call.budget !== undefined) {
    const over = budgetExceeded(call.model, call.budget, loop, body, number);
    if (over !== undefined) return Effect.fail(over);
  }
  const request = sender.send(body, number, loop.strategy);
  const telemetry = client.telemetry;
  const traced = telemetry === undefined ? request : traceRequest(telemetry, call, number, body, request);
  return withTransportRetriesThen(traced, call.settings.transportRetry, loop.fail, sender.canRetry, then);
}

/**
 * The attempts of one call, streaming or not: attempt 1, then a re-ask while
 * the answer is rejected and attempts are left. Each attempt's request is
 * retried on the transport schedule (a 503 never spends a re-ask, an
 * invalid answer never spends a transport retry); the total deadline bounds
 * them all; a budget stops the call before an attempt it cannot pay for;
 * `completion:error` hears once how a failed call ended. In mode "auto" the
 * mode is picked first (what the endpoint+model is known to honour, else one
 * shared probe), inside the total deadline. With a client tracer, the call,
 * each attempt and each request are spans; without one, no tracing step is
 * taken.
 */
export function driveAttempts(
  client: InstructorClient,
  call: PreparedCall,
  sender: AttemptSender,
): Effect.Effect<StructuredChatResult<unknown>, StructuredChatError> {
  const auto = call.auto;
  if (auto !== undefined && auto.capabilities === undefined) {
    let picked: AttemptLoop | undefined;
    const program = Effect.flatMap(resolveAutoCall(client, call, auto), (resolved) => {
      picked = new AttemptLoop(client, resolved);
      return runAttempts(client, resolved, sender, picked);
    });
    return bounded(client, call, program, (error) => picked?.reportError(error));
  }
  const loop = new AttemptLoop(client, call);
  return bounded(client, call, runAttempts(client, call, sender, loop), loop.observed ? (error) => loop.reportError(error) : undefined);
}

/** Attempt 1, then a re-ask while the answer is rejected and attempts are left. */
function runAttempts(
  client: InstructorClient,
  call: PreparedCall,
  sender: AttemptSender,
  loop: AttemptLoop,
): Effect.Effect<StructuredChatResult<unknown>, StructuredChatError> {
  const telemetry = client.telemetry;
  /** The result of a valid answer (cached when the call has a cache), or the next attempt, or the error once none is left. */
  const next = (number: number, completion: ChatCompletion, verdict: AttemptVerdict): Effect.Effect<StructuredChatResult<unknown>, StructuredChatError> => {
    if (verdict.valid) {
      let result: StructuredChatResult<unknown> = { data: verdict.data, completion, usage: loop.usage, attempts: number, rejectedAttempts: loop.rejected };
      if (verdict.repairs !== undefined) result = { ...result, repairs: verdict.repairs };
      if (call.auto !== undefined) result = { ...result, modeUsed: loop.modeUsed, constraintHonoured: loop.constraintHonoured };
      if (call.cache === undefined) return Effect.succeed(result);
      const stored = { ...result, cache: "miss" as const };
      return Effect.as(writeCache(client, call, call.cache, { input: verdict.input, text: verdict.text, usage: loop.usage }), stored);
    }
    return number < call.maxAttempts ? attempt(number + 1) : Effect.fail(loop.exhausted());
  };
  const attempt: (number: number) => Effect.Effect<StructuredChatResult<unknown>, StructuredChatError> =
    telemetry === undefined
      ? (number) =>
          sendAttempt(client, call, loop, sender, number, (completion) => {
            const settled = loop.settle(number, completion);
            return Effect.isEffect(settled) ? Effect.flatMap(settled, (verdict) => next(number, completion, verdict)) : next(number, completion, settled);
          })
      : // An attempt in its own span, which ends with its verdict: the next attempt is its sibling, not its child.
        (number) => {
          let completion: ChatCompletion | undefined;
          const judged = sendAttempt(client, call, loop, sender, number, (received) => {
            completion = received;
            const settled = loop.settle(number, received);
            return Effect.isEffect(settled) ? settled : Effect.succeed(settled);
          });
          const failureOf = () => loop.rejected[loop.rejected.length - 1]?.failure;
          const traced = traceAttempt(telemetry, call, number, judged, () => completion, failureOf);
          return Effect.flatMap(traced, (verdict) => next(number, completion as ChatCompletion, verdict));
        };
  return attempt(1);
}

/** The call's total deadline around its program, its span (with a tracer), and `completion:error` told how it failed (when someone listens). */
function bounded(
  client: InstructorClient,
  call: PreparedCall,
  program: Effect.Effect<StructuredChatResult<unknown>, StructuredChatError>,
  report: ((error: StructuredChatError) => void) | undefined,
): Effect.Effect<StructuredChatResult<unknown>, StructuredChatError> {
  const { totalTimeout } = call.settings;
  let bounded = program;
  if (totalTimeout !== undefined) {
    bounded = Effect.timeoutFail(bounded, {
      duration: totalTimeout,
      onTimeout: () => new TimeoutError({ scope: "total", timeoutMs: totalTimeout, baseURL: client.baseURL }),
    });
  }
  if (client.telemetry !== undefined) bounded = traceCall(client.telemetry, call, bounded);
  if (report === undefined) return bounded;
  return Effect.tapError(bounded, (error) => Effect.sync(() => report(error)));
}
