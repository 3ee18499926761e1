import {
  createInstructor,
  createIterable,
  createPartial,
  type FromProviderOptions,
  ProviderConfigError,
  type ProviderClient,
  structuredChat,
  structuredChatWithMetadata,
} from "@cortex-ml/core";
import { createLocalTransport, type LocalTransport, type LocalTransportOptions } from "../transport/local-transport.js";
import { localProvider } from "./local-provider.js";

/** Options of {@link fromLocalModel}: client defaults (mode, retries...) and how the model runs. */
export interface FromLocalModelOptions
  extends Omit<FromProviderOptions, "baseURL" | "apiKey" | "environment" | "defaultHeaders" | "fetch">,
    Omit<LocalTransportOptions, "modelPath"> {}

/** A provider client for a local model, with its transport (to dispose it). */
export interface LocalModelClient extends ProviderClient {
  readonly transport: LocalTransport;
}

/**
 * The same kind of client as `fromProvider("local/<path>")`, with the model's
 * settings (threads, context size, GPU, token limit) spelled out: calls use
 * `model: path` unless they name another, JSON_SCHEMA mode unless you pick
 * another. `client.transport.dispose()` unloads the model.
 *
 * @example
 * const local = fromLocalModel("./models/model.gguf", { threads: 2 });
 * const person = await local.chat.completions.create({ responseModel: Person, messages });
 */
export function fromLocalModel(path: string, options: FromLocalModelOptions = {}): LocalModelClient {
  const { threads, contextSize, gpu, maxTokens, maxToolCalls, ...clientOptions } = options;
  const mode = clientOptions.mode ?? localProvider.defaultMode;
  if (!localProvider.supportedModes.includes(mode)) {
    throw new ProviderConfigError({
      provider: localProvider.name,
      problem: `mode "${mode}" is not supported here. Use one of: ${localProvider.supportedModes.map((name) => `"${name}"`).join(", ")}.`,
      environmentVariable: undefined,
    });
  }
  const transport = createLocalTransport({
    modelPath: path,
    ...(threads !== undefined ? { threads } : {}),
    ...(contextSize !== undefined ? { contextSize } : {}),
    ...(gpu !== undefined ? { gpu } : {}),
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    ...(maxToolCalls !== undefined ? { maxToolCalls } : {}),
  });
  const client = createInstructor({
    ...clientOptions,
    mode,
    provider: localProvider,
    transport,
    baseURL: localProvider.baseURL,
    apiKey: localProvider.placeholderApiKey ?? "local",
  });
  const model = (named: string | undefined) => named ?? path;
  return {
    chat: {
      completions: {
        create: (params) => structuredChat(client, { ...params, model: model(params.model) }),
        createWithCompletion: (params) => structuredChatWithMetadata(client, { ...params, model: model(params.model) }),
        createPartial: (params) => createPartial(client, { ...params, model: model(params.model) }),
        createIterable: (params) => createIterable(client, { ...params, model: model(params.model) }),
      },
    },
    model: path,
    provider: localProvider,
    client,
    openai: client.openai,
    transport,
  };
}
