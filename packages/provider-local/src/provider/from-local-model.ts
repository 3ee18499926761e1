import { createInstructor, type FromProviderOptions, type InstructorClient } from "@cortex-ml/core";
import { createLocalTransport, type LocalTransport, type LocalTransportOptions } from "../transport/local-transport.js";
import { localProvider } from "./local-provider.js";

/** Options of {@link fromLocalModel}: client defaults (mode, retries...) and how the model runs. */
export interface FromLocalModelOptions
  extends Omit<FromProviderOptions, "baseURL" | "apiKey" | "environment" | "defaultHeaders" | "fetch" | "maxResponseBytes">,
    Omit<LocalTransportOptions, "modelPath"> {}

/** A cortex-ml client for a local model, with its transport (to dispose it). */
export type LocalModelClient = InstructorClient & { readonly transport: LocalTransport };

/**
 * The same client as `fromProvider("local/<path>")`, with the model's
 * settings (threads, context size, GPU, token limit) spelled out: calls use
 * `model: path` unless they name another, mode "auto" (JSON_SCHEMA once a
 * probe of a few tokens confirms the grammar applies it) unless you pick another. It works with every helper (`structuredChat`, `createPartial`,
 * `llmValidator`...); `client.transport.dispose()` unloads the model.
 *
 * @example
 * const local = fromLocalModel("./models/model.gguf", { threads: 2 });
 * const person = await local.chat.completions.create({ responseModel: Person, messages });
 */
export function fromLocalModel(path: string, options: FromLocalModelOptions = {}): LocalModelClient {
  const { threads, contextSize, gpu, chatWrapper, maxTokens, maxToolCalls, maxThoughtTokens, ...clientOptions } = options;
  const transport = createLocalTransport({
    modelPath: path,
    ...(threads !== undefined ? { threads } : {}),
    ...(contextSize !== undefined ? { contextSize } : {}),
    ...(gpu !== undefined ? { gpu } : {}),
    ...(chatWrapper !== undefined ? { chatWrapper } : {}),
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    ...(maxToolCalls !== undefined ? { maxToolCalls } : {}),
    ...(maxThoughtTokens !== undefined ? { maxThoughtTokens } : {}),
  });
  return createInstructor({ ...clientOptions, provider: localProvider, model: path, transport }) as LocalModelClient;
}
