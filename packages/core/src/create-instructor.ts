import OpenAI from "openai";
import { checkedBudget } from "./budget/budget.js";
import { priceTable } from "./budget/price-table.js";
import { clientCache } from "./cache/client-cache.js";
import { checkCassetteClient, clientCassetteFetch } from "./cassette/client-cassette.js";
import { positiveProblem } from "./check-options.js";
import { instructorCompletions } from "./client-completions.js";
import type { InstructorOptions } from "./client-options.js";
import { clientDefaults, defaultApiKey, defaultBaseURL } from "./defaults.js";
import { InvalidArgumentError } from "./errors/index.js";
import { clientMarker, type InstructorClient } from "./instructor-client.js";
import { isSettingsError, mergeDefaults } from "./merge-defaults.js";
import { limitedFetch } from "./transport/limited-fetch.js";
import { makeOpenAITransport } from "./transport/openai-transport.js";
import { callTelemetry } from "./telemetry/call-telemetry.js";

export type { InstructorClient } from "./instructor-client.js";

function checkedBaseURL(baseURL: string): string {
  let url: URL | undefined;
  try {
    url = new URL(baseURL);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new InvalidArgumentError({
      argument: "baseURL",
      problem: `expected an http(s) URL such as http://localhost:11434/v1, got ${JSON.stringify(baseURL)}.`,
    });
  }
  return baseURL;
}

function openAIClient(options: InstructorOptions): OpenAI {
  const baseURL = checkedBaseURL(options.baseURL ?? defaultBaseURL());
  const limitProblem = positiveProblem("maxResponseBytes", options.maxResponseBytes);
  if (limitProblem) throw limitProblem;
  return new OpenAI({
    baseURL,
    apiKey: options.apiKey ?? defaultApiKey,
    maxRetries: 0,
    ...(options.defaultHeaders ? { defaultHeaders: options.defaultHeaders } : {}),
    fetch: clientCassetteFetch(
      limitedFetch(options.fetch ?? globalThis.fetch, options.maxResponseBytes ?? 32 * 1024 * 1024, baseURL.replace(/\/+$/, "")),
      options,
    ),
  });
}

/**
 * Creates a client for structured calls. With no options it talks to a local
 * Ollama (`OLLAMA_BASE_URL` or `http://localhost:11434/v1`, key "ollama") in
 * JSON mode with temperature 0, seed 42 and 3 re-asks. Throws
 * `InvalidArgumentError` (or `ProviderConfigError` for a mode the provider
 * cannot do) naming the wrong option.
 *
 * @example
 * const client = createInstructor({ model: "llama3.2" });
 * const person = await client.chat.completions.create({ responseModel: Person, messages });
 * const same = await structuredChat(client, { responseModel: Person, messages });
 */
export function createInstructor(options: InstructorOptions = {}): InstructorClient {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError({ argument: "options", problem: `expected an object of client settings, got ${String(options)}.` });
  }
  const provider = options.provider;
  const defaults = mergeDefaults(clientDefaults, { ...options, mode: options.mode ?? provider?.defaultMode }, provider);
  if (isSettingsError(defaults)) throw defaults;
  if (options.model !== undefined && (typeof options.model !== "string" || options.model.trim() === "")) {
    throw new InvalidArgumentError({ argument: "model", problem: `expected a model name such as "llama3.2", got ${JSON.stringify(options.model)}.` });
  }
  checkCassetteClient(options);
  const budget = checkedBudget("budget", options.budget);
  if (budget instanceof InvalidArgumentError) throw budget;
  if (options.repair !== undefined && typeof options.repair !== "boolean") {
    throw new InvalidArgumentError({ argument: "repair", problem: `expected true or false, got ${JSON.stringify(options.repair)}.` });
  }
  // A client with its own transport has no `openai` client at all (nothing points at a dummy URL).
  const openai = options.openai ?? (options.transport ? undefined : openAIClient(options));
  const secrets = [options.apiKey, openai?.apiKey].filter((key): key is string => typeof key === "string" && key.length > 0);
  const transport = options.transport ?? makeOpenAITransport(openai as OpenAI, secrets);
  const client = {
    [clientMarker]: true as const,
    chat: undefined as unknown as InstructorClient["chat"],
    model: options.model,
    openai,
    transport,
    baseURL: transport.baseURL,
    defaults,
    provider,
    hooks: options.hooks,
    logger: options.logger,
    secrets,
    cache: clientCache(options.cache),
    budget,
    prices: priceTable(options.prices),
    repair: options.repair ?? true,
    telemetry: callTelemetry(options.telemetry, provider?.name, transport.baseURL),
  };
  client.chat = { completions: instructorCompletions(client) };
  return client;
}
