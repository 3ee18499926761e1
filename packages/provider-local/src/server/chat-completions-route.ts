import type { ServerResponse } from "node:http";
import { Cause, Effect, Exit, Option, Stream } from "effect";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import type { LocalTransport } from "../transport/local-transport.js";
import { errorAnswerFor } from "./error-body.js";
import { sendError, sendJson, startEvents, writeEvent } from "./send.js";

/** Settings of the chat-completions route. */
export interface ChatRouteSettings {
  readonly transport: LocalTransport;
  /** Deadline of one generation, in milliseconds; undefined for none. */
  readonly timeoutMs: number | undefined;
}

function failureOf<E>(exit: Exit.Exit<unknown, E>): unknown {
  if (Exit.isSuccess(exit)) return undefined;
  const failure = Cause.failureOption(exit.cause);
  return Option.isSome(failure) ? failure.value : Cause.squash(exit.cause);
}

/** The request's abort signal: fires when the client goes away before the answer is complete. */
function clientGone(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  const abort = () => {
    if (!response.writableFinished) controller.abort(new Error("the client closed the connection"));
  };
  response.once("close", abort);
  return controller.signal;
}

async function answerOnce(body: ChatCompletionCreateParamsNonStreaming, settings: ChatRouteSettings, signal: AbortSignal, response: ServerResponse) {
  const exit = await Effect.runPromiseExit(settings.transport.createCompletion(body, { signal, timeoutMs: settings.timeoutMs }), { signal });
  if (Exit.isSuccess(exit)) sendJson(response, 200, exit.value);
  else if (!signal.aborted) sendError(response, errorAnswerFor(failureOf(exit)));
}

async function answerStreaming(
  body: ChatCompletionCreateParamsNonStreaming,
  settings: ChatRouteSettings,
  signal: AbortSignal,
  response: ServerResponse,
  includeUsage: boolean,
) {
  const started = await Effect.runPromiseExit(settings.transport.streamCompletion(body, { signal, timeoutMs: settings.timeoutMs }), { signal });
  if (Exit.isFailure(started)) {
    if (!signal.aborted) sendError(response, errorAnswerFor(failureOf(started)));
    return;
  }
  startEvents(response);
  const written = Stream.runForEach(started.value, (chunk) =>
    Effect.sync(() => {
      if (chunk.choices.length === 0 && !includeUsage) return;
      writeEvent(response, JSON.stringify(chunk));
    }),
  );
  const exit = await Effect.runPromiseExit(written, { signal });
  if (signal.aborted) return;
  if (Exit.isFailure(exit)) writeEvent(response, JSON.stringify(errorAnswerFor(failureOf(exit)).body));
  writeEvent(response, "[DONE]");
  response.end();
}

/**
 * `POST /v1/chat/completions`: one generation with the local engine, as a
 * `chat.completion` or (`stream: true`) as server-sent `chat.completion.chunk`
 * events ending in `data: [DONE]`, the usage chunk included when
 * `stream_options.include_usage` is set. Errors are OpenAI error bodies; a
 * client that disconnects stops its generation.
 */
export async function handleChatCompletions(
  response: ServerResponse,
  body: Record<string, unknown>,
  settings: ChatRouteSettings,
): Promise<void> {
  const signal = clientGone(response);
  const { stream, stream_options: streamOptions, ...rest } = body;
  const completionBody = rest as unknown as ChatCompletionCreateParamsNonStreaming;
  if (stream === true) {
    const includeUsage = (streamOptions as { include_usage?: unknown } | undefined)?.include_usage === true;
    await answerStreaming(completionBody, settings, signal, response, includeUsage);
  } else {
    await answerOnce(completionBody, settings, signal, response);
  }
}
