import type { ClientDefaults } from "./client-options.js";
import { Mode } from "./modes/mode.js";
import { defaultTransportRetryPolicy } from "./transport/transport-retry-schedule.js";

/** Ollama's OpenAI-compatible endpoint on its default port. */
export const defaultOllamaBaseURL = "http://localhost:11434/v1";

/** The placeholder key Ollama accepts (and ignores). */
export const defaultApiKey = "ollama";

/** The base URL a client uses when none is given: `OLLAMA_BASE_URL`, else Ollama's default. */
export function defaultBaseURL(environment: Record<string, string | undefined> = process.env): string {
  const fromEnvironment = environment.OLLAMA_BASE_URL?.trim();
  return fromEnvironment ? fromEnvironment : defaultOllamaBaseURL;
}

/** The settings of a client created with no options. */
export const clientDefaults: ClientDefaults = {
  mode: Mode.JSON,
  temperature: 0,
  seed: 42,
  maxRetries: 3,
  transportRetry: defaultTransportRetryPolicy,
  timeout: 600_000,
  totalTimeout: undefined,
  schemaInPrompt: false,
  idleTimeout: 60_000,
};
