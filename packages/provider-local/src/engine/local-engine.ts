import { InvalidArgumentError, RequestAbortedError } from "@cortex-ml/core";
import type { ChatWrapper } from "node-llama-cpp";
import { defaultThreads } from "../default-threads.js";
import { asTransportError } from "../errors/engine-errors.js";
import { grammarForConstraint } from "../grammar/constraint-grammar.js";
import { localBaseURL, modelFileName } from "../model-file-name.js";
import { isRemoteModelSpec, resolveLocalModelPath } from "../models/resolve-model-path.js";
import type { GenerationPlan } from "../request/read-chat-request.js";
import { type LoadedModel, loadModel, unloadModel } from "./load-model.js";
import { SerialQueue } from "./serial-queue.js";
import { thinkThenAnswer } from "./think-then-answer.js";

/** How a model file is loaded and run. */
export interface LocalEngineOptions {
  /** A GGUF file (relative to the working directory, `~` expanded), `hf:<user>/<repo>/<file>.gguf`, or an http(s) URL. */
  readonly modelPath: string;
  /** CPU threads. Default: half the logical cores, at least 1 (see README: more threads can be much slower on small machines). */
  readonly threads?: number;
  /** Context tokens; "auto": as many as fit in memory. Default min(4096, the model's training context). */
  readonly contextSize?: number | "auto";
  /** `false` (default): CPU only. `"auto"`: the best GPU node-llama-cpp finds. */
  readonly gpu?: false | "auto";
  /**
   * How messages become the prompt: node-llama-cpp's chat wrapper (e.g.
   * `new QwenChatWrapper()`). Default: the one matching the model's chat
   * template. Its thought segments tell thinking from answer.
   */
  readonly chatWrapper?: ChatWrapper;
}

/** Per-generation settings that do not come from the request. */
export interface GenerateOptions {
  readonly signal?: AbortSignal | undefined;
  /** Called with each piece of text as it is generated. */
  readonly onTextChunk?: ((text: string) => void) | undefined;
  /** The token limit when the request sets none. */
  readonly defaultMaxTokens?: number | undefined;
  /** At most this many calls in a parallel-tools answer. Default 8. */
  readonly maxToolCalls?: number | undefined;
  /** Called with each piece of a thinking model's thought as it is generated (never part of the text). */
  readonly onThoughtChunk?: ((text: string) => void) | undefined;
  /** At most this many thinking tokens before the answer starts. Default: no limit but the request's. */
  readonly maxThoughtTokens?: number | undefined;
}

/** One finished generation. */
export interface Generation {
  readonly text: string;
  /** What a thinking model thought before the answer ("" when it did not think). */
  readonly thought: string;
  /** "length" when the token limit (or the context) cut it off. */
  readonly finish: "stop" | "length";
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** The token limit of a request that sets none and a transport that sets none. */
export const defaultMaxTokens = 1024;

/**
 * One GGUF model in this process: loaded lazily on the first request, reused
 * by every later one, unloaded by {@link dispose}. Generations run one at a
 * time in arrival order (the context has one sequence); each stops at once
 * when its signal fires. After `dispose()` the next request loads the model
 * again.
 */
export class LocalEngine {
  /** The model as given (what `listModels` reports). */
  readonly modelSpec: string;
  /** `local:<file name>`, for errors. */
  readonly baseURL: string;
  /** The model file's name. */
  readonly modelName: string;
  readonly threads: number;
  readonly contextSize: number | "auto" | undefined;
  readonly gpu: false | "auto";
  /** The chat wrapper given, or undefined for the model's own. */
  readonly chatWrapper: ChatWrapper | undefined;
  /** Where the model is loaded from: the absolute path (resolved when the engine is made), or the `hf:` / URL spec. */
  readonly source: string;
  private readonly queue = new SerialQueue();
  private loaded: LoadedModel | undefined;

  constructor(options: LocalEngineOptions) {
    if (typeof options.modelPath !== "string" || options.modelPath.trim() === "") {
      throw new InvalidArgumentError({ argument: "modelPath", problem: 'name a GGUF model file, e.g. "./models/model.gguf".' });
    }
    if (options.threads !== undefined && (!Number.isInteger(options.threads) || options.threads < 1)) {
      throw new InvalidArgumentError({ argument: "threads", problem: `expected a positive integer, got ${JSON.stringify(options.threads)}.` });
    }
    const size = options.contextSize;
    if (size !== undefined && size !== "auto" && (!Number.isInteger(size) || size < 16)) {
      throw new InvalidArgumentError({ argument: "contextSize", problem: `expected "auto" or an integer of at least 16, got ${JSON.stringify(size)}.` });
    }
    this.modelSpec = options.modelPath;
    this.source = isRemoteModelSpec(options.modelPath) ? options.modelPath.trim() : resolveLocalModelPath(options.modelPath);
    this.baseURL = localBaseURL(options.modelPath);
    this.modelName = modelFileName(options.modelPath);
    this.threads = options.threads ?? defaultThreads();
    this.contextSize = size;
    this.gpu = options.gpu ?? false;
    this.chatWrapper = options.chatWrapper;
  }

  /** True while the model is in memory. */
  get isLoaded(): boolean {
    return this.loaded !== undefined;
  }

  /** Generations waiting behind the running one. */
  get pendingGenerations(): number {
    return this.queue.pending;
  }

  /** True while a generation (or the load) runs. */
  get busy(): boolean {
    return this.queue.busy;
  }

  /** The loaded model's context size in tokens, once loaded. */
  get loadedContextSize(): number | undefined {
    return this.loaded?.context.contextSize;
  }

  /** Loads the model now instead of on the first request (missing file ⇒ ModelNotFoundError, etc.). */
  load(signal?: AbortSignal): Promise<void> {
    return this.queue.run(async (taskSignal) => {
      await this.ensureLoaded(taskSignal);
    }, signal);
  }

  /** Runs one generation after those queued before it, loading the model first if needed. */
  generate(plan: GenerationPlan, options: GenerateOptions = {}): Promise<Generation> {
    return this.queue.run((signal) => this.run(plan, options, signal), options.signal);
  }

  /**
   * Unloads the model: the running generation is stopped and waiting ones
   * fail with RequestAbortedError. A second call does nothing; a request
   * after it loads the model again.
   */
  async dispose(): Promise<void> {
    if (!this.loaded && !this.queue.busy && this.queue.pending === 0) return;
    this.queue.abortAll(new RequestAbortedError({ reason: `the local engine of ${this.modelName} was disposed` }));
    await this.queue.run(async () => {
      const loaded = this.loaded;
      this.loaded = undefined;
      if (loaded) await unloadModel(loaded);
    });
  }

  /** `await using engine = new LocalEngine(...)` disposes it at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  private async ensureLoaded(signal: AbortSignal): Promise<LoadedModel> {
    if (this.loaded) return this.loaded;
    const loaded = await loadModel(
      { spec: this.source, requested: this.modelSpec, threads: this.threads, gpu: this.gpu, contextSize: this.contextSize, baseURL: this.baseURL, chatWrapper: this.chatWrapper },
      signal,
    );
    if (signal.aborted) {
      await unloadModel(loaded);
      throw signal.reason;
    }
    this.loaded = loaded;
    return loaded;
  }

  private async run(plan: GenerationPlan, options: GenerateOptions, signal: AbortSignal): Promise<Generation> {
    const loaded = await this.ensureLoaded(signal);
    const grammar = await grammarForConstraint(loaded.grammars, plan.constraint, options.maxToolCalls)?.catch((error: unknown) => {
      throw asTransportError(
        new InvalidArgumentError({
          argument: plan.constraint.kind === "schema" ? "response_format" : "tools",
          problem: `the JSON schema cannot be turned into a llama.cpp grammar (${error instanceof Error ? error.message : String(error)}).`,
        }),
      );
    });
    const prompt = loaded.chat.chatWrapper.generateContextState({ chatHistory: plan.history }).contextText;
    const promptTokens = prompt.tokenize(loaded.model.tokenizer).length;
    const room = loaded.context.contextSize - promptTokens;
    if (room < 1) {
      throw asTransportError(
        new InvalidArgumentError({
          argument: "messages",
          problem: `the prompt is ${promptTokens} tokens, the context of ${this.modelName} holds ${loaded.context.contextSize}. Shorten the messages or raise contextSize.`,
        }),
      );
    }
    const wanted = plan.maxTokens ?? options.defaultMaxTokens ?? defaultMaxTokens;
    let streamedTokens = 0;
    const meter = loaded.chat.sequence.tokenMeter;
    const outputBefore = meter.usedOutputTokens;
    const penalties = plan.frequencyPenalty !== undefined || plan.presencePenalty !== undefined;
    const result = await thinkThenAnswer(loaded.chat, {
      history: plan.history,
      grammar,
      maxTokens: Math.min(wanted, room),
      thinking: plan.thinking,
      maxThoughtTokens: options.maxThoughtTokens,
      signal,
      sampling: {
        ...(plan.temperature !== undefined ? { temperature: plan.temperature } : {}),
        ...(plan.seed !== undefined ? { seed: plan.seed } : {}),
        ...(plan.topP !== undefined ? { topP: plan.topP } : {}),
        ...(plan.stop.length > 0 ? { customStopTriggers: plan.stop } : {}),
        ...(penalties
          ? { repeatPenalty: { frequencyPenalty: plan.frequencyPenalty ?? 0, presencePenalty: plan.presencePenalty ?? 0 } }
          : {}),
      },
      onToken: (count) => {
        streamedTokens += count;
      },
      onTextChunk: options.onTextChunk,
      onThoughtChunk: options.onThoughtChunk,
    });
    // The sequence's meter counts every sampled token, including ones held back from onToken (a stop trigger's start).
    const completionTokens = Math.max(streamedTokens, meter.usedOutputTokens - outputBefore);
    return { text: result.text, thought: result.thought, finish: result.cut ? "length" : "stop", promptTokens, completionTokens };
  }
}
