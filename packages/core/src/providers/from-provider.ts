import type { InstructorOptions } from "../client-options.js";
import { createInstructor } from "../create-instructor.js";
import { ProviderConfigError } from "../errors/index.js";
import type { InstructorClient } from "../instructor-client.js";
import { parseProviderModel } from "./parse-provider-model.js";
import type { ProviderDefinition } from "./provider-definition.js";

/** Options of {@link fromProvider}: client defaults, plus overrides of the provider's URL and key. */
export interface FromProviderOptions extends Omit<InstructorOptions, "provider" | "openai" | "transport" | "model"> {
  /** Where environment variables are read from. Default `process.env`. */
  readonly environment?: Record<string, string | undefined>;
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
 * mode that works best there unless you pick one. The client's default model
 * is the one in the string; it is the same client `createInstructor` returns.
 *
 * @example
 * const client = fromProvider("ollama/llama3.2");      // or "openai/gpt-4o", "anthropic/claude-3-5-haiku-latest"
 * const user = await client.chat.completions.create({ responseModel: User, messages });
 * const same = await structuredChat(client, { responseModel: User, messages });
 */
export function fromProvider(providerModel: string, options: FromProviderOptions = {}): InstructorClient {
  const parsed = parseProviderModel(providerModel);
  if (parsed instanceof ProviderConfigError) throw parsed;
  const { provider, model } = parsed;
  const { environment: _environment, ...clientOptions } = options;
  const transport = provider.createTransport?.(model);
  if (transport) return createInstructor({ ...clientOptions, provider, model, transport });
  return createInstructor({ ...clientOptions, ...providerConnection(provider, options), provider, model });
}
