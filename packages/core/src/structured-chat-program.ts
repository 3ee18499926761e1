import type { ResponseModelInput } from "@cortex-ml/schemas";
import { Effect } from "effect";
import { AttemptLoop, type AttemptVerdict } from "./attempt-loop.js";
import type { OutputOf, StructuredChatOptions, StructuredChatResult } from "./call-options.js";
import type { InstructorClient } from "./create-instructor.js";
import { type StructuredChatError, TimeoutError } from "./errors/index.js";
import { type PreparedCall, prepareCallNow } from "./prepare-call.js";
import { withTransportRetries } from "./transport/transport-retry-schedule.js";


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
  run: { readonly interruptible: boolean } = { interruptible: true },
): Effect.Effect<StructuredChatResult<OutputOf<TModel>>, StructuredChatError> {
  // Written as a chain of plain steps rather than Effect.gen: the only Effect boundaries of a
  // valid first answer are the fiber and the request itself (no generator, no yield wrappers).
  const program = Effect.suspend(() => {
    const prepared = prepareCallNow(client, options);
    return Effect.isEffect(prepared) ? Effect.flatMap(prepared, (call) => attempts(client, options, run, call)) : attempts(client, options, run, prepared);
  });
  return withTotalDeadline(program, client, options.totalTimeout);
}

/** Sends attempt 1, then re-asks while the answer is rejected and attempts are left. */
function attempts<TModel extends ResponseModelInput>(
  client: InstructorClient,
  options: StructuredChatOptions<TModel>,
  run: { readonly interruptible: boolean },
  call: PreparedCall,
): Effect.Effect<StructuredChatResult<OutputOf<TModel>>, StructuredChatError> {
  const loop = new AttemptLoop(client, call, options.model);
  const requestOptions = {
    signal: options.signal,
    timeoutMs: call.settings.timeout,
    interruptible: run.interruptible || call.settings.totalTimeout !== undefined,
  };
  const attempt = (number: number): Effect.Effect<StructuredChatResult<OutputOf<TModel>>, StructuredChatError> => {
    const request = client.transport.createCompletion(loop.request(number), requestOptions);
    return Effect.flatMap(withTransportRetries(request, call.settings.transportRetry, loop.failed(number)), (completion) => {
      const next = (verdict: AttemptVerdict): Effect.Effect<StructuredChatResult<OutputOf<TModel>>, StructuredChatError> => {
        if (verdict.valid) {
          return Effect.succeed({ data: verdict.data as OutputOf<TModel>, completion, usage: loop.usage, attempts: number, rejectedAttempts: loop.rejected });
        }
        return number < call.maxAttempts ? attempt(number + 1) : Effect.fail(loop.exhausted());
      };
      const settled = loop.settle(number, completion);
      return Effect.isEffect(settled) ? Effect.flatMap(settled, next) : next(settled);
    });
  };
  return attempt(1);
}
