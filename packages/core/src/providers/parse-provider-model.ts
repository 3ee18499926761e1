import { ProviderConfigError } from "../errors/index.js";
import type { ProviderDefinition } from "./provider-definition.js";
import { getProvider, providerNames } from "./provider-registry.js";

/** A `"provider/model"` string, split and looked up. */
export interface ProviderModel {
  readonly provider: ProviderDefinition;
  /** Everything after the first slash (model names may contain slashes and colons). */
  readonly model: string;
}

/** Providers that live in their own package and register themselves when it is imported. */
const providerPackages: Readonly<Record<string, string>> = { local: "@cortex-ml/provider-local" };

/** Splits `"ollama/llama3.2"` into its provider and model, or fails with a ProviderConfigError that says how to fix it. */
export function parseProviderModel(text: string): ProviderModel | ProviderConfigError {
  const slash = text.indexOf("/");
  if (slash <= 0 || slash === text.length - 1) {
    return new ProviderConfigError({
      provider: undefined,
      problem: `"${text}" is not "provider/model": write it like "ollama/llama3.2" or "openai/gpt-4o". Known providers: ${providerNames().join(", ")}.`,
      environmentVariable: undefined,
    });
  }
  const name = text.slice(0, slash).toLowerCase();
  const model = text.slice(slash + 1);
  const provider = getProvider(name);
  const packageName = providerPackages[name];
  if (!provider && packageName) {
    return new ProviderConfigError({
      provider: name,
      problem: `this provider lives in ${packageName}: install it (npm install ${packageName}) and import it once before the call (import "${packageName}";).`,
      environmentVariable: undefined,
    });
  }
  if (!provider) {
    return new ProviderConfigError({
      provider: name,
      problem: `unknown provider. Known providers: ${providerNames().join(", ")}; add your own with registerProvider({...}).`,
      environmentVariable: undefined,
    });
  }
  return { provider, model };
}
