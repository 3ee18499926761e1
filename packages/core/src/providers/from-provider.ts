import type { ResponseModelInput } from "@cortex-ml/schemas";
import type { OutputOf, StructuredChatOptions, StructuredChatResult } from "../call-options.js";
import type { InstructorOptions } from "../client-options.js";
import { createInstructor, type InstructorClient } from "../create-instructor.js";
import { ProviderConfigError } from "../errors/index.js";
import { type CreateIterableOptions, createIterable } from "../create-iterable.js";
import { type CreatePartialOptions, createPartial, type PartialEventOf } from "../create-partial.js";
import { structuredChat, structuredChatWithMetadata } from "../structured-chat.js";
import type * as v from "valibot";
import { parseProviderModel } from "./parse-provider-model.js";
import type { ProviderDefinition } from "./provider-definition.js";
import type OpenAI from "openai";

/** Options of {@link fromProvider}: client defaults, plus overrides of the provider's URL and key. */
export interface FromProviderOptions extends Omit<InstructorOptions, "provider" | "openai" | "transport"> {
  /** Where environment variables are read from. Default `process.env`. */
  readonly environment?: Record<string, string | undefined>;
}

/** A call of a provider client: `model` defaults to the one in the provider string. */
export type ProviderCallOptions<TModel extends ResponseModelInput> = Omit<StructuredChatOptions<TModel>, "model"> & {
  readonly model?: string;
};

/** A client for one provider and model, with the structured `chat.completions.create`. */
export interface ProviderClient {
  readonly chat: {
    readonly completions: {
      /** The validated object. */
      create<TModel extends ResponseModelInput>(params: ProviderCallOptions<TModel>): Promise<OutputOf<TModel>>;
      /** The validated object with the raw completion, total usage and attempts. */
      createWithCompletion<TModel extends ResponseModelInput>(params: ProviderCallOptions<TModel>): Promise<StructuredChatResult<OutputOf<TModel>>>;
      /** Partial snapshots as the answer streams, then the validated object. */
      createPartial<TModel extends ResponseModelInput>(
        params: Omit<CreatePartialOptions<TModel>, "model"> & { readonly model?: string },
      ): AsyncIterable<PartialEventOf<TModel>>;
      /** Each element of an `iterable(...)` response model, validated as soon as it is complete. */
      createIterable<TElement extends v.GenericSchema | v.GenericSchemaAsync>(
        params: Omit<CreateIterableOptions<TElement>, "model"> & { readonly model?: string },
      ): AsyncIterable<v.InferOutput<TElement>>;
    };
  };
  /** The model of the provider string. */
  readonly model: string;
  readonly provider: ProviderDefinition;
  /** The cortex-ml client, for `structuredChat` and the Effect API. */
  readonly client: InstructorClient;
  /** The underlying `openai` client. */
  readonly openai: OpenAI;
}

/** Resolves a provider's base URL and API key from options and the environment, or fails naming the variable to set. */
export function providerConnection(
  provider: ProviderDefinition,
  options: Pick<FromProviderOptions, "baseURL" | "apiKey" | "environment">,
): { baseURL: string; apiKey: string } {
  const environment = options.environment ?? process.env;
  const fromEnvironment = (name: string | undefined) => (name ? environment[name]?.trim() || undefined : undefined);
  const baseURL = options.baseURL ?? fromEnvironment(provider.baseURLEnvironmentVariable) ?? provider.baseURL;
  const apiKey = options.apiKey ?? fromEnvironment(provider.apiKeyEnvironmentVariable);
  if (apiKey) return { baseURL, apiKey };
  if (provider.requiresApiKey) {
    const variable = provider.apiKeyEnvironmentVariable;
    throw new ProviderConfigError({
      provider: provider.name,
      problem: variable
        ? `no API key. Set ${variable} (export ${variable}=...) or pass { apiKey }.`
        : "no API key. Pass { apiKey }.",
      environmentVariable: variable,
    });
  }
  return { baseURL, apiKey: provider.placeholderApiKey ?? "none" };
}

/**
 * A client for `"provider/model"`: the same response models and calls work
 * against any provider by changing this one string. Reads the provider's API
 * key (and base URL override) from its environment variable, and uses the
 * mode that works best there unless you pick one.
 *
 * @example
 * const client = fromProvider("ollama/llama3.2");      // or "openai/gpt-4o", "anthropic/claude-3-5-haiku-latest"
 * const user = await client.chat.completions.create({ responseModel: User, messages });
 */
export function fromProvider(providerModel: string, options: FromProviderOptions = {}): ProviderClient {
  const parsed = parseProviderModel(providerModel);
  if (parsed instanceof ProviderConfigError) throw parsed;
  const { provider, model } = parsed;
  const mode = options.mode ?? provider.defaultMode;
  if (!provider.supportedModes.includes(mode)) {
    throw new ProviderConfigError({
      provider: provider.name,
      problem: `mode "${mode}" is not supported here. Use one of: ${provider.supportedModes.map((name) => `"${name}"`).join(", ")}.`,
      environmentVariable: undefined,
    });
  }
  const { environment: _environment, ...clientOptions } = options;
  const connection = providerConnection(provider, options);
  const transport = provider.createTransport?.(model);
  const client = createInstructor({ ...clientOptions, ...connection, mode, provider, ...(transport ? { transport } : {}) });
  const withModel = <TModel extends ResponseModelInput>(params: ProviderCallOptions<TModel>): StructuredChatOptions<TModel> => ({
    ...params,
    model: params.model ?? model,
  });
  return {
    chat: {
      completions: {
        create: (params) => structuredChat(client, withModel(params)),
        createWithCompletion: (params) => structuredChatWithMetadata(client, withModel(params)),
        createPartial: (params) => createPartial(client, { ...params, model: params.model ?? model }),
        createIterable: (params) => createIterable(client, { ...params, model: params.model ?? model }),
      },
    },
    model,
    provider,
    client,
    openai: client.openai,
  };
}
