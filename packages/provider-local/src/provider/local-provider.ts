import { getProvider, Mode, type ProviderDefinition, registerProvider } from "@cortex-ml/core";
import { modelNotFoundHint } from "../errors/engine-errors.js";
import { createLocalTransport } from "../transport/local-transport.js";

/** The modes the local provider supports (every core mode; see README for how each is enforced). */
export const localSupportedModes = [Mode.JSON_SCHEMA, Mode.JSON, Mode.TOOLS, Mode.PARALLEL_TOOLS, Mode.MD_JSON] as const;

/**
 * The "local" provider: `fromProvider("local/<path to .gguf>")` runs the model
 * in this process (the part after "local/" is the path: "local//abs/x.gguf",
 * "local/./models/x.gguf", "local/~/models/x.gguf", "local/hf:user/repo/x.gguf").
 */
export const localProvider: ProviderDefinition = {
  name: "local",
  baseURL: "local:",
  requiresApiKey: false,
  placeholderApiKey: "local",
  // "auto": one probe of a few tokens per model and process confirms the grammar applies json_schema.
  defaultMode: Mode.AUTO,
  supportedModes: localSupportedModes,
  imageInput: "none",
  // `think: false`: the local server reads it as llama.cpp's server does, and answers after an empty thought.
  thinkingOff: { chat_template_kwargs: { enable_thinking: false } },
  modelNotFoundHint,
  documentation: "https://node-llama-cpp.withcat.ai/guide/",
  createTransport: (model) => createLocalTransport({ modelPath: model }),
};

/** Registers the "local" provider with core (done on import of this package; calling it again is harmless). */
export function registerLocalProvider(): void {
  if (getProvider(localProvider.name) !== localProvider) registerProvider(localProvider);
}
