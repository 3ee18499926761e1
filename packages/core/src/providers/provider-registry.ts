import { InvalidArgumentError } from "../errors/index.js";
import { Mode } from "../modes/mode.js";
import { builtinProviders } from "./builtin-providers.js";
import type { ProviderDefinition } from "./provider-definition.js";

const registry = new Map<string, ProviderDefinition>(builtinProviders.map((provider) => [provider.name, provider]));

/**
 * Adds (or replaces) a provider, so `fromProvider("name/model")` works with
 * your own OpenAI-compatible endpoint.
 *
 * @example
 * registerProvider({ name: "corp", baseURL: "https://llm.corp.example/v1", apiKeyEnvironmentVariable: "CORP_LLM_KEY",
 *   requiresApiKey: true, defaultMode: Mode.JSON_SCHEMA, supportedModes: [Mode.JSON_SCHEMA, Mode.TOOLS], imageInput: "url" });
 */
export function registerProvider(provider: ProviderDefinition): void {
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(provider.name)) {
    throw new InvalidArgumentError({ argument: "provider.name", problem: `"${provider.name}" must be lowercase letters, digits, "-" or "_".` });
  }
  if (provider.defaultMode !== Mode.AUTO && !provider.supportedModes.includes(provider.defaultMode)) {
    throw new InvalidArgumentError({ argument: "provider.defaultMode", problem: `"${provider.defaultMode}" is not in supportedModes.` });
  }
  registry.set(provider.name, provider);
}

/** The provider of that name, or undefined. */
export function getProvider(name: string): ProviderDefinition | undefined {
  return registry.get(name);
}

/** The names of every known provider, built-in and registered. */
export function providerNames(): string[] {
  return [...registry.keys()];
}
