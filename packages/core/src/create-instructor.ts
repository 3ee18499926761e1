import OpenAI from "openai";
import { checkCount, checkPositive } from "./check-options.js";
import type { ClientDefaults, InstructorOptions } from "./client-options.js";
import { clientDefaults, defaultApiKey, defaultBaseURL } from "./defaults.js";
import { InvalidArgumentError } from "./errors/index.js";
import { modeStrategy } from "./modes/mode-strategy.js";
import type { Hooks } from "./hooks.js";
import type { Logger } from "./logger.js";
import type { ProviderDefinition } from "./providers/provider-definition.js";
import type { ChatTransport } from "./transport/chat-transport.js";
import { limitedFetch } from "./transport/limited-fetch.js";
import { makeOpenAITransport } from "./transport/openai-transport.js";

/** A client for structured calls: an `openai` client, its transport, and the call defaults. */
export interface InstructorClient {
  /** The underlying OpenAI-compatible client, for calls cortex-ml does not wrap. */
  readonly openai: OpenAI;
  /** How requests are sent. */
  readonly transport: ChatTransport;
  /** Where requests go. */
  readonly baseURL: string;
  /** What every call starts from. */
  readonly defaults: ClientDefaults;
  /** The provider's request rules, when the client came from `fromProvider`. */
  readonly provider: ProviderDefinition | undefined;
  readonly hooks: Hooks | undefined;
  readonly logger: Logger | undefined;
  /** Values redacted from anything cortex-ml logs or throws (the API key). */
  readonly secrets: readonly string[];
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

/** Validates call-default overrides and merges them over `base`. */
export function mergeDefaults(base: ClientDefaults, options: Partial<InstructorOptions>): ClientDefaults {
  checkCount("maxRetries", options.maxRetries);
  checkCount("transportRetry.maxRetries", options.transportRetry?.maxRetries);
  checkPositive("timeout", options.timeout);
  checkPositive("totalTimeout", options.totalTimeout);
  if (options.temperature !== undefined && (typeof options.temperature !== "number" || !Number.isFinite(options.temperature))) {
    throw new InvalidArgumentError({ argument: "temperature", problem: `expected a number, got ${JSON.stringify(options.temperature)}.` });
  }
  if (options.mode !== undefined) {
    const strategy = modeStrategy(options.mode);
    if (strategy instanceof InvalidArgumentError) throw strategy;
  }
  return {
    mode: options.mode ?? base.mode,
    temperature: options.temperature ?? base.temperature,
    seed: options.seed === undefined ? base.seed : options.seed,
    maxRetries: options.maxRetries ?? base.maxRetries,
    transportRetry: options.transportRetry ? { ...base.transportRetry, ...definedFields(options.transportRetry) } : base.transportRetry,
    timeout: options.timeout ?? base.timeout,
    totalTimeout: options.totalTimeout ?? base.totalTimeout,
    schemaInPrompt: options.schemaInPrompt ?? base.schemaInPrompt,
  };
}

/**
 * Creates a client for structured calls. With no options it talks to a local
 * Ollama (`OLLAMA_BASE_URL` or `http://localhost:11434/v1`, key "ollama") in
 * JSON mode with temperature 0, seed 42 and 3 re-asks.
 *
 * @example
 * const client = createInstructor();
 * const person = await structuredChat(client, { model: "llama3.2", responseModel: Person, messages });
 */
export function createInstructor(options: InstructorOptions = {}): InstructorClient {
  const defaults = mergeDefaults(clientDefaults, options);
  checkPositive("maxResponseBytes", options.maxResponseBytes);
  const baseURL = options.baseURL ?? defaultBaseURL();
  const openai =
    options.openai ??
    new OpenAI({
      baseURL,
      apiKey: options.apiKey ?? defaultApiKey,
      maxRetries: 0,
      ...(options.defaultHeaders ? { defaultHeaders: options.defaultHeaders } : {}),
      fetch: limitedFetch(options.fetch ?? globalThis.fetch, options.maxResponseBytes ?? 32 * 1024 * 1024, baseURL.replace(/\/+$/, "")),
    });
  const secrets = [options.apiKey, openai.apiKey].filter((key): key is string => typeof key === "string" && key.length > 0);
  const transport = options.transport ?? makeOpenAITransport(openai, secrets);
  return {
    openai,
    transport,
    baseURL: transport.baseURL,
    defaults,
    provider: options.provider,
    hooks: options.hooks,
    logger: options.logger,
    secrets,
  };
}
