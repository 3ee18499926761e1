import { type ChatTransport, InvalidArgumentError, TimeoutError, type TransportError } from "@cortex-ml/core";
import { Effect, Stream } from "effect";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { sharedEngine } from "../engine/engine-registry.js";
import type { LocalEngine, LocalEngineOptions } from "../engine/local-engine.js";
import { asTransportError, modelFileMissing } from "../errors/engine-errors.js";
import { checkModelFile } from "../models/check-model-file.js";
import { isRemoteModelSpec, resolveLocalModelPath } from "../models/resolve-model-path.js";
import { type GenerationPlan, readChatRequest } from "../request/read-chat-request.js";
import { buildCompletion } from "../response/build-completion.js";
import { requestSignals } from "./request-signals.js";
import { streamGeneration } from "./stream-generation.js";

/** Options of {@link createLocalTransport}: the model and how it runs, plus the default token limit. */
export interface LocalTransportOptions extends LocalEngineOptions {
  /** Token limit of a request that sets no `max_tokens` / `max_completion_tokens`. Default 1,024. */
  readonly maxTokens?: number;
  /** At most this many tool calls in a PARALLEL_TOOLS answer (small models may never close the list). Default 8. */
  readonly maxToolCalls?: number;
  /**
   * At most this many thinking tokens (models whose chat wrapper has thought
   * segments, e.g. Qwen3, DeepSeek-R1); then the thought is closed and the
   * answer starts under its grammar. Default: no limit but the request's.
   */
  readonly maxThoughtTokens?: number;
}

/** A core ChatTransport over an in-process GGUF model; dispose it to unload the model. */
export interface LocalTransport extends ChatTransport, AsyncDisposable {
  /** The shared engine this transport runs on. */
  readonly engine: LocalEngine;
  /** Unloads the model (the next request loads it again). A second call does nothing. */
  readonly dispose: () => Promise<void>;
}

function plan(body: ChatCompletionCreateParamsNonStreaming): Effect.Effect<GenerationPlan, TransportError> {
  return Effect.suspend(() => {
    const read = readChatRequest(body);
    return read instanceof InvalidArgumentError ? Effect.fail(asTransportError(read)) : Effect.succeed(read);
  });
}

/**
 * A cortex-ml {@link ChatTransport} that answers chat-completions requests
 * from a GGUF model in this process, the JSON schema enforced token by token
 * by llama.cpp's grammar. The model is loaded on the first request and shared
 * with every transport for the same file and settings.
 *
 * @example
 * const transport = createLocalTransport({ modelPath: "./models/qwen2.5-0.5b-instruct-q4_k_m.gguf", threads: 2 });
 * const client = createInstructor({ transport, mode: Mode.JSON_SCHEMA });
 * const person = await structuredChat(client, { model: "local", responseModel: Person, messages });
 * await transport.dispose();
 */
export function createLocalTransport(options: LocalTransportOptions): LocalTransport {
  if (options.maxTokens !== undefined && (!Number.isInteger(options.maxTokens) || options.maxTokens < 1)) {
    throw new InvalidArgumentError({ argument: "maxTokens", problem: `expected a positive integer, got ${JSON.stringify(options.maxTokens)}.` });
  }
  if (options.maxToolCalls !== undefined && (!Number.isInteger(options.maxToolCalls) || options.maxToolCalls < 1)) {
    throw new InvalidArgumentError({ argument: "maxToolCalls", problem: `expected a positive integer, got ${JSON.stringify(options.maxToolCalls)}.` });
  }
  if (options.maxThoughtTokens !== undefined && (!Number.isInteger(options.maxThoughtTokens) || options.maxThoughtTokens < 0)) {
    throw new InvalidArgumentError({ argument: "maxThoughtTokens", problem: `expected an integer of 0 or more, got ${JSON.stringify(options.maxThoughtTokens)}.` });
  }
  const limits = { defaultMaxTokens: options.maxTokens, maxToolCalls: options.maxToolCalls, maxThoughtTokens: options.maxThoughtTokens };
  const engine = sharedEngine(options);
  const baseURL = engine.baseURL;
  const modelId = (body: ChatCompletionCreateParamsNonStreaming) => (typeof body.model === "string" && body.model ? body.model : engine.modelName);
  const dispose = () => engine.dispose();
  return {
    baseURL,
    engine,
    dispose,
    [Symbol.asyncDispose]: dispose,
    listModels: () =>
      Effect.tryPromise({
        try: async () => {
          if (isRemoteModelSpec(options.modelPath)) return [options.modelPath];
          const path = resolveLocalModelPath(options.modelPath);
          const problem = await checkModelFile(path);
          if (problem?.kind === "missing") throw modelFileMissing(options.modelPath, path, baseURL);
          if (problem?.kind === "invalid") throw problem.error;
          return [options.modelPath];
        },
        catch: (error) => requestSignals({}, baseURL).failure(error),
      }),
    createCompletion: (body, requestOptions) =>
      Effect.flatMap(plan(body), (generationPlan) =>
        Effect.tryPromise({
          try: async (interruption) => {
            const signals = requestSignals(requestOptions, baseURL, interruption);
            try {
              const generation = await engine.generate(generationPlan, { signal: signals.signal, ...limits });
              return buildCompletion(modelId(body), generationPlan.constraint, generation);
            } catch (error) {
              throw signals.failure(error);
            }
          },
          catch: (error) => error as TransportError,
        }),
      ),
    streamCompletion: (body, requestOptions) =>
      Effect.gen(function* () {
        const generationPlan = yield* plan(body);
        // Load errors (missing file, bad binary) fail the request itself, before any chunk.
        if (!engine.isLoaded) yield* Effect.tryPromise({
          try: async (interruption) => {
            const signals = requestSignals(requestOptions, baseURL, interruption);
            try {
              await engine.load(signals.signal);
            } catch (error) {
              throw signals.failure(error);
            }
          },
          catch: (error) => error as TransportError,
        });
        const chunks = streamGeneration(engine, generationPlan, {
          model: modelId(body),
          signal: requestOptions.signal,
          timeoutMs: requestOptions.timeoutMs,
          ...limits,
        });
        const idle = requestOptions.idleTimeoutMs;
        if (idle === undefined) return chunks;
        return chunks.pipe(Stream.timeoutFail(() => new TimeoutError({ scope: "idle", timeoutMs: idle, baseURL }), idle));
      }),
  };
}
