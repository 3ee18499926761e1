import type { ResponseModelInput } from "@cortex-ml/schemas";
import { Effect } from "effect";
import { driveAttempts } from "./attempt-driver.js";
import { cachedResult, readCache } from "./cache/call-cache.js";
import type { OutputOf, StructuredChatOptions, StructuredChatResult } from "./call-options.js";
import type { StructuredChatError } from "./errors/index.js";
import type { InstructorClient } from "./instructor-client.js";
import { type PreparedCall, prepareCallNow } from "./prepare-call.js";

/** How a call runs: a Promise call without a signal or deadline cannot be interrupted, so it needs no AbortController. */
export interface CallRun {
  readonly interruptible: boolean;
  /**
   * True when the program runs at once (the Promise API): the call is prepared
   * while the program is built, which saves the fiber a suspended step. An
   * Effect-API program is prepared anew each time it runs.
   */
  readonly eager?: boolean;
}

const interruptibleRun: CallRun = { interruptible: true };

/**
 * The structured call as an Effect: build the request for the mode, send it
 * (transport faults retried on their own schedule), read and validate the
 * answer, and re-ask with the issues until it is valid or `maxRetries`
 * re-asks are spent. Every failure, a wrong client or option included, is a
 * typed error in the error channel.
 */
export function structuredChatProgram<TModel extends ResponseModelInput>(
  client: InstructorClient,
  options: StructuredChatOptions<TModel>,
  run: CallRun = interruptibleRun,
): Effect.Effect<StructuredChatResult<OutputOf<TModel>>, StructuredChatError> {
  // A chain of plain steps rather than Effect.gen: the only Effect boundaries of a
  // valid first answer are the fiber and the request itself.
  const program = () => {
    const prepared = prepareCallNow(client, options);
    return Effect.isEffect(prepared) ? Effect.flatMap(prepared, (call) => send(client, options, run, call)) : send(client, options, run, prepared);
  };
  if (!run.eager) return Effect.suspend(program) as Effect.Effect<StructuredChatResult<OutputOf<TModel>>, StructuredChatError>;
  try {
    return program() as Effect.Effect<StructuredChatResult<OutputOf<TModel>>, StructuredChatError>;
  } catch (defect) {
    // What Effect.suspend makes of a throw: a defect, which the Promise API rejects with as it is.
    return Effect.die(defect);
  }
}

function send(
  client: InstructorClient,
  options: StructuredChatOptions<ResponseModelInput>,
  run: CallRun,
  call: PreparedCall,
): Effect.Effect<StructuredChatResult<unknown>, StructuredChatError> {
  const requestOptions = {
    signal: options.signal,
    timeoutMs: call.settings.timeout,
    interruptible: run.interruptible || call.settings.totalTimeout !== undefined,
  };
  const drive = driveAttempts(client, call, { send: (body) => client.transport.createCompletion(body, requestOptions) });
  const cache = call.cache;
  if (cache === undefined) return drive;
  return Effect.flatMap(readCache(client, call, cache), (hit) => (hit === undefined ? drive : Effect.succeed(cachedResult(hit))));
}
