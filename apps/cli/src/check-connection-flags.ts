import { getProvider, Mode, type ProviderDefinition, providerNames } from "@cortex-ml/core";
import { UsageError } from "./usage-error.js";

function knownProviders(): string {
  const names = providerNames();
  return [...names, ...(names.includes("local") ? [] : ["local"])].join(", ");
}

/**
 * The provider named by `--provider NAME`, or by the `NAME/` of `--model
 * NAME/MODEL`; a usage error listing the known providers when there is none.
 */
export function providerOfFlags(name: string, fromProvider: boolean, modelFlag: string): ProviderDefinition {
  const provider = getProvider(name.toLowerCase());
  if (provider) return provider;
  throw new UsageError(
    fromProvider
      ? `--provider ${name}: unknown provider. Known providers: ${knownProviders()} (for another OpenAI-compatible server, give its --base-url)`
      : `--model ${modelFlag}: "${name}" is not a known provider (${knownProviders()}); if "${modelFlag}" is the model's whole name, add --provider`,
  );
}

/** Fails unless the base URL (`--base-url`, else the provider's variable such as `$OLLAMA_BASE_URL`) is an http(s) URL. */
export function checkBaseURL(flag: string | undefined, provider: ProviderDefinition, environment: Record<string, string | undefined>): void {
  const variable = provider.baseURLEnvironmentVariable;
  const text = flag ?? (variable ? environment[variable]?.trim() || undefined : undefined);
  if (text === undefined) return;
  const protocol = URL.canParse(text) ? new URL(text).protocol : undefined;
  if (protocol !== "http:" && protocol !== "https:") {
    throw new UsageError(`${flag === undefined ? `$${variable}` : "--base-url"} expects an http:// or https:// URL such as http://localhost:11434/v1, got "${text}"`);
  }
}

/** Fails when the provider does not offer `mode`, naming the modes it does. */
export function checkProviderMode(provider: ProviderDefinition, mode: Mode | undefined): void {
  if (mode === undefined || mode === Mode.AUTO || provider.supportedModes.includes(mode)) return;
  throw new UsageError(`--mode ${mode} is not offered by ${provider.name}; use one of ${provider.supportedModes.join(", ")}, or auto (default ${provider.defaultMode})`);
}

/** Fails when no model is named: the local provider needs the path of its model file. */
export function checkModelNamed(model: string, provider: ProviderDefinition): void {
  if (model.trim() !== "") return;
  throw new UsageError(
    provider.name === "local"
      ? "--provider local needs --model PATH, the GGUF model file (e.g. --model ./model.gguf, or --model local/./model.gguf alone)"
      : "--model is empty: name the model, e.g. --model llama3.2",
  );
}
