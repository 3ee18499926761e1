import { type ChatWrapper, LlamaChat, type LlamaContext, type LlamaModel } from "node-llama-cpp";
import { engineFailure, modelFileMissing } from "../errors/engine-errors.js";
import { GrammarCache } from "../grammar/grammar-cache.js";
import { checkModelFile } from "../models/check-model-file.js";
import { resolveModelPath } from "../models/resolve-model-path.js";
import { acquireLlama, type LlamaLease, type LlamaSettings } from "./shared-llama.js";

/** A model loaded and ready to generate: its context (one sequence), chat and grammars. */
export interface LoadedModel {
  readonly path: string;
  readonly lease: LlamaLease;
  readonly model: LlamaModel;
  readonly context: LlamaContext;
  readonly chat: LlamaChat;
  readonly grammars: GrammarCache;
}

/** How to load a model: where it is, and how llama.cpp runs it. */
export interface LoadSettings extends LlamaSettings {
  /** Where the model is: an absolute path, `hf:...` or a URL. */
  readonly spec: string;
  /** The model as the caller named it, for error messages. */
  readonly requested: string;
  /** Tokens of context; "auto": as many as fit in memory (up to the model's training size); default min(4096, training size). */
  readonly contextSize: number | "auto" | undefined;
  /** For error messages. */
  readonly baseURL: string;
  /** The prompt format; undefined: the one matching the model's chat template. */
  readonly chatWrapper?: ChatWrapper | undefined;
}

/** The default context: the model's own size, at most this many tokens (bigger contexts cost memory). */
const defaultMaxContextSize = 4096;

async function disposeQuietly(dispose: () => unknown): Promise<void> {
  try {
    await dispose();
  } catch {
    // Already gone; nothing else to free.
  }
}

/**
 * Loads a model for generation: resolves the spec (downloading `hf:` models),
 * checks the file (missing ⇒ ModelNotFoundError, not GGUF ⇒
 * InvalidArgumentError), then loads llama.cpp (native binary failure ⇒
 * ApiError with the reason), the weights and a one-sequence context. Frees
 * what it loaded when a later step fails.
 */
export async function loadModel(settings: LoadSettings, signal?: AbortSignal): Promise<LoadedModel> {
  const path = await resolveModelPath(settings.spec, signal ? { signal } : {});
  const problem = await checkModelFile(path);
  if (problem?.kind === "missing") throw modelFileMissing(settings.requested, path, settings.baseURL);
  if (problem?.kind === "invalid") throw problem.error;
  let lease: LlamaLease;
  try {
    lease = await acquireLlama(settings);
  } catch (error) {
    throw engineFailure(
      settings.baseURL,
      "the llama.cpp native binary failed to load",
      error,
      "node-llama-cpp ships prebuilt binaries for Linux, macOS and Windows (x64, arm64); check that its platform package installed (`npx node-llama-cpp inspect gpu`).",
    );
  }
  let model: LlamaModel | undefined;
  try {
    signal?.throwIfAborted();
    model = await lease.llama.loadModel({ modelPath: path, ...(settings.gpu === false ? { gpuLayers: 0 } : {}) });
    const contextSize = settings.contextSize ?? Math.min(defaultMaxContextSize, model.trainContextSize);
    const context = await model.createContext({ threads: settings.threads, sequences: 1, contextSize });
    const chat = new LlamaChat({ contextSequence: context.getSequence(), chatWrapper: settings.chatWrapper ?? "auto", autoDisposeSequence: false });
    return { path, lease, model, context, chat, grammars: new GrammarCache(lease.llama) };
  } catch (error) {
    const loaded = model;
    if (loaded) await disposeQuietly(() => loaded.dispose());
    await lease.release();
    if (signal?.aborted) throw signal.reason;
    throw engineFailure(settings.baseURL, `${path} could not be loaded`, error, "Is it a complete GGUF file (not a partial download), and does it fit in memory? A smaller contextSize needs less.");
  }
}

/** Frees a loaded model: chat, context, weights, then its share of llama.cpp. */
export async function unloadModel(loaded: LoadedModel): Promise<void> {
  await disposeQuietly(() => loaded.chat.dispose());
  await disposeQuietly(() => loaded.context.dispose());
  await disposeQuietly(() => loaded.model.dispose());
  await loaded.lease.release();
}
