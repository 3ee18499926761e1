import type { TransportError } from "@cortex-ml/core";
import { Effect, Stream } from "effect";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import type { LocalEngine } from "../engine/local-engine.js";
import type { GenerationPlan } from "../request/read-chat-request.js";
import { answerOf, completionId } from "../response/build-completion.js";
import { CompletionChunks } from "../response/completion-chunks.js";
import { toolCallId } from "../response/read-tool-calls.js";
import { requestSignals } from "./request-signals.js";

/** Settings of one streamed generation. */
export interface StreamGenerationOptions {
  readonly model: string;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
  readonly defaultMaxTokens?: number | undefined;
  readonly maxToolCalls?: number | undefined;
  readonly maxThoughtTokens?: number | undefined;
}

/**
 * A generation as a stream of OpenAI `chat.completion.chunk`s: one per piece
 * of text as llama.cpp produces it (a thinking model's thought as
 * `reasoning_content` deltas first; tool arguments as tool-call deltas; the
 * calls of a parallel-tools answer in one chunk each at the end, once they
 * parse), then the finish chunk and the usage chunk. Ending or interrupting
 * the stream stops the generation at once.
 */
export function streamGeneration(
  engine: LocalEngine,
  plan: GenerationPlan,
  options: StreamGenerationOptions,
): Stream.Stream<ChatCompletionChunk, TransportError> {
  return Stream.asyncPush<ChatCompletionChunk, TransportError>(
    (emit) =>
      Effect.acquireRelease(
        Effect.sync(() => {
          const interruption = new AbortController();
          const signals = requestSignals(options, engine.baseURL, interruption.signal);
          const chunks = new CompletionChunks(completionId(), options.model);
          const constraint = plan.constraint;
          const callId = toolCallId();
          // `first`: no chunk yet (the role goes on it); `firstAnswer`: no answer chunk yet (a tool call opens on it).
          let first = true;
          let firstAnswer = true;
          const onThoughtChunk = (text: string) => {
            emit.single(chunks.reasoning(text, first));
            first = false;
          };
          const onTextChunk = (text: string) => {
            if (text.length === 0 || constraint.kind === "tools") return;
            if (constraint.kind === "tool") emit.single(firstAnswer ? chunks.toolCallStart(0, callId, constraint.tool.name, text) : chunks.toolArguments(0, text));
            else emit.single(chunks.content(text, first));
            first = false;
            firstAnswer = false;
          };
          engine
            .generate(plan, {
              signal: signals.signal,
              onTextChunk,
              onThoughtChunk,
              defaultMaxTokens: options.defaultMaxTokens,
              maxToolCalls: options.maxToolCalls,
              maxThoughtTokens: options.maxThoughtTokens,
            })
            .then((generation) => {
              const { message, finishReason } = answerOf(constraint, generation);
              if (constraint.kind === "tools") {
                const calls = message.tool_calls ?? [];
                calls.forEach((call, index) => {
                  if (call.type === "function") emit.single(chunks.toolCallStart(index, call.id, call.function.name, call.function.arguments));
                });
                if (calls.length === 0 && generation.text) emit.single(chunks.content(generation.text, true));
              } else if (firstAnswer && constraint.kind === "tool") {
                emit.single(chunks.toolCallStart(0, callId, constraint.tool.name, ""));
              }
              emit.single(chunks.finish(finishReason));
              emit.single(chunks.usage(generation.promptTokens, generation.completionTokens));
              emit.end();
            })
            .catch((error: unknown) => {
              if (!interruption.signal.aborted) emit.fail(signals.failure(error));
            });
          return interruption;
        }),
        (interruption) => Effect.sync(() => interruption.abort(new Error("the stream was closed"))),
      ),
    { bufferSize: "unbounded" },
  );
}
