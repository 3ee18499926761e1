import type { ResponseModelInput } from "@cortex-ml/schemas";
import { Effect } from "effect";
import type { ChatCompletion } from "openai/resources/chat/completions";
import { AttemptLoop } from "./attempt-loop.js";
import type { OutputOf, StructuredChatOptions, StructuredChatResult } from "./call-options.js";
import type { InstructorClient } from "./create-instructor.js";
import { type StructuredChatError, TimeoutError } from "./errors/index.js";
import { prepareCallNow } from "./prepare-call.js";
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
  const program = Effect.gen(function* () {
    // The sync steps are plain calls, so the only Effect boundary of a valid first answer is the request itself.
    const prepared = prepareCallNow(client, options);
    const call = Effect.isEffect(prepared) ? yield* prepared : prepared;
    const loop = new AttemptLoop(client, call, options.model);
    const interruptible = run.interruptible || call.settings.totalTimeout !== undefined;
    for (let attempt = 1; attempt <= call.maxAttempts; attempt += 1) {
      const body = loop.request(attempt);
      const completion: ChatCompletion = yield* withTransportRetries(
        client.transport.createCompletion(body, { signal: options.signal, timeoutMs: call.settings.timeout, interruptible }),
        call.settings.transportRetry,
        loop.failed(attempt),
      );
      const settled = loop.settle(attempt, completion);
      const verdict = Effect.isEffect(settled) ? yield* settled : settled;
      if (verdict.valid) {
        return { data: verdict.data as OutputOf<TModel>, completion, usage: loop.usage, attempts: attempt, rejectedAttempts: loop.rejected };
      }
    }
    return yield* Effect.fail(loop.exhausted());
  });
  return withTotalDeadline(program, client, options.totalTimeout);
}
