import {
  isIterableResponseModel,
  isResponseModel,
  type ResponseModel,
  type ResponseModelInput,
  resolveResponseModel,
  strictResponseModel,
  UnsupportedSchemaError,
} from "@cortex-ml/schemas";
import { Effect } from "effect";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { type Budget, checkedBudget } from "./budget/budget.js";
import type { CallBudget } from "./budget/budget-guard.js";
import { priceOf } from "./budget/price-table.js";
import type { ClientDefaults } from "./client-options.js";
import { InvalidArgumentError, type StructuredChatError } from "./errors/index.js";
import { type InstructorClient, isInstructorClient, notAClientError } from "./instructor-client.js";
import { isSettingsError, mergeDefaults } from "./merge-defaults.js";
import type { Hooks } from "./hooks.js";
import { Mode, type ModeSettings, type ModeStrategy } from "./modes/mode.js";
import { modeStrategy } from "./modes/mode-strategy.js";
import type { CallCache } from "./cache/call-cache.js";
import { cacheKey } from "./cache/cache-key.js";
import { callTtl } from "./cache/client-cache.js";
import { inlineRemoteImages } from "./providers/inline-remote-images.js";
import type { AutoCall } from "./auto-mode/auto-call.js";
import { autoCandidates } from "./auto-mode/auto-candidates.js";
import { autoCall } from "./auto-mode/resolve-auto-call.js";
import { thinkingFields } from "./auto-mode/think-option.js";
import type { StreamingOptions } from "./streaming/streaming-program.js";

/** Request fields handled by cortex-ml itself, never passed through. */
const ownKeys = new Set([
  "model", "responseModel", "messages", "mode", "maxRetries", "transportRetry",
  "timeout", "totalTimeout", "idleTimeout", "schemaInPrompt", "signal", "temperature", "seed", "hooks",
  "maxDepth", "maxLength", "cache", "budget", "repair", "think",
]);

/** Everything a call needs, resolved once before its first request. */
export interface PreparedCall {
  /** The model called: the call's, else the client's default. */
  readonly model: string;
  readonly settings: ClientDefaults;
  readonly strategy: ModeStrategy;
  readonly modeSettings: ModeSettings;
  /** The response model as sent (strict for strict providers). */
  readonly responseModel: ResponseModel;
  /** The caller's messages, with provider fixes (inlined images). */
  readonly messages: readonly ChatCompletionMessageParam[];
  /** The request fields shared by every attempt: model, temperature, seed, pass-through fields. */
  readonly baseBody: Readonly<Record<string, unknown>>;
  readonly maxAttempts: number;
  /** Client hooks, then call hooks. */
  readonly hookSets: readonly (Hooks | undefined)[];
  /** Where the answer is looked up and kept, when the client has a cache and the call does not skip it. */
  readonly cache: CallCache | undefined;
  /** The budget (call's, else client's) with the model's price, when there is one. */
  readonly budget: CallBudget | undefined;
  /** Whether near-JSON answers are repaired before a re-ask. */
  readonly repair: boolean;
  /** In mode "auto": the candidate modes and what is known of the endpoint+model (`strategy` is then the mode picked). */
  readonly auto: AutoCall | undefined;
}

function hasImage(message: ChatCompletionMessageParam): boolean {
  return Array.isArray(message.content) && (message.content as Array<{ type: string }>).some((part) => part.type === "image_url");
}

const noHooks: readonly (Hooks | undefined)[] = [];

function invalid(argument: string, problem: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument, problem });
}

/** The error for a response model that is not a Valibot schema (a Zod schema, say), naming what to write. */
function notValibotError(input: unknown): InvalidArgumentError | undefined {
  if (isResponseModel(input)) return undefined;
  const standard = typeof input === "object" && input !== null ? (input as { "~standard"?: { vendor?: unknown } })["~standard"] : undefined;
  if (standard?.vendor === "valibot") return undefined;
  const got = typeof standard?.vendor === "string" ? `a ${standard.vendor} schema` : input === null ? "null" : `a ${typeof input}`;
  return invalid(
    "responseModel",
    `cortex-ml needs a Valibot schema (it validates the answer and describes it to the model), got ${got}. Write it with valibot: v.object({ name: v.string(), age: v.number() }).`,
  );
}

/** Whether the call overrides any of the client's settings (so they need merging). */
function overridesSettings(options: StreamingOptions<ResponseModelInput>): boolean {
  return (
    options.mode !== undefined ||
    options.maxRetries !== undefined ||
    options.transportRetry !== undefined ||
    options.timeout !== undefined ||
    options.totalTimeout !== undefined ||
    options.idleTimeout !== undefined ||
    options.schemaInPrompt !== undefined ||
    options.temperature != null ||
    options.seed !== undefined
  );
}

/**
 * Resolves and checks a call's client, settings, mode, response model and
 * messages, synchronously: a {@link PreparedCall}, or the typed error naming
 * the fix (never a TypeError, whatever was passed). Remote images for
 * data-URL-only providers are inlined by the caller (`needsImageInlining`),
 * since that needs the network.
 */
export function prepareCall<TModel extends ResponseModelInput>(
  client: InstructorClient,
  options: StreamingOptions<TModel>,
): (PreparedCall & { readonly needsImageInlining: boolean }) | StructuredChatError {
  if (!isInstructorClient(client)) return notAClientError(client);
  if (typeof options !== "object" || options === null) {
    return invalid("options", `expected the call's options, e.g. { model: "llama3.2", responseModel: Person, messages }; got ${String(options)}.`);
  }
  const provider = client.provider;
  let settings = client.defaults;
  if (overridesSettings(options)) {
    const merged = mergeDefaults(client.defaults, { ...options, temperature: options.temperature ?? undefined }, provider);
    if (isSettingsError(merged)) return merged;
    settings = merged;
  }
  const model = options.model ?? client.model;
  if (typeof model !== "string" || model.trim() === "") {
    return invalid("model", 'name the model to call, e.g. model: "llama3.2" (see `ollama list`), or give the client a default: createInstructor({ model }) / fromProvider("ollama/llama3.2").');
  }
  // Mode "auto" starts from its strongest candidate; the attempt driver picks the mode once it knows the endpoint+model.
  const candidates = settings.mode === Mode.AUTO ? autoCandidates(provider) : undefined;
  const strategy = modeStrategy(candidates === undefined ? settings.mode : (candidates[0] as string)) as ModeStrategy;
  if (!Array.isArray(options.messages) || options.messages.length === 0) {
    return invalid("messages", 'give at least one message, e.g. buildMessages("Extract: John is 25").');
  }
  const strict = provider?.strictSchemas === true && strategy.supportsStrict;
  let resolved: ResponseModel;
  try {
    resolved = resolveResponseModel(options.responseModel);
  } catch (error) {
    const notValibot = notValibotError(options.responseModel);
    if (notValibot) return notValibot;
    if (UnsupportedSchemaError.isInstance(error)) return error;
    return invalid("responseModel", `not a usable Valibot schema (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (strategy.needsIterable && !isIterableResponseModel(resolved)) {
    return invalid("responseModel", `mode "${strategy.mode}" needs an iterable response model: iterable(union({ Weather, GoogleSearch })) or iterable(Schema).`);
  }
  if (provider?.imageInput === "none" && options.messages.some(hasImage)) {
    return invalid("messages", `provider "${provider.name}" takes no images; send text only (or use a provider with a vision model).`);
  }
  let budget: Budget | InvalidArgumentError | undefined = client.budget;
  if (options.budget !== undefined) budget = checkedBudget("budget", options.budget);
  if (budget instanceof InvalidArgumentError) return budget;
  if (options.repair !== undefined && typeof options.repair !== "boolean") {
    return invalid("repair", `expected true or false, got ${JSON.stringify(options.repair)}.`);
  }
  const baseBody: Record<string, unknown> = {};
  for (const key in options) {
    const value = (options as unknown as Record<string, unknown>)[key];
    if (value !== undefined && !ownKeys.has(key)) baseBody[key] = value;
  }
  baseBody.model = model;
  baseBody.temperature = settings.temperature;
  if (settings.seed !== null) baseBody.seed = settings.seed;
  if (options.think !== undefined) {
    const fields = thinkingFields(provider, options.think);
    if (fields instanceof InvalidArgumentError) return fields;
    Object.assign(baseBody, fields);
  }
  const responseModel = strict ? strictResponseModel(resolved) : resolved;
  let cache: CallCache | undefined;
  if (client.cache !== undefined && options.cache !== false) {
    const ttlMs = callTtl(options.cache, client.cache);
    if (ttlMs instanceof InvalidArgumentError) return ttlMs;
    const key = cacheKey({
      // The provider and its base URL: two Ollama hosts serving one model name may hold different weights.
      endpoint: provider === undefined ? client.baseURL : `${provider.name} ${client.baseURL}`,
      body: baseBody,
      messages: options.messages,
      mode: settings.mode,
      responseModel,
      schemaInPrompt: settings.schemaInPrompt,
      strict,
    });
    cache = { store: client.cache.store, key, ttlMs };
  }
  return {
    model,
    settings,
    strategy,
    modeSettings: { schemaInPrompt: settings.schemaInPrompt, strict },
    responseModel,
    messages: options.messages,
    needsImageInlining: provider?.imageInput === "data-url-only",
    baseBody,
    maxAttempts: settings.maxRetries + 1,
    hookSets: client.hooks === undefined && options.hooks === undefined ? noHooks : [client.hooks, options.hooks],
    cache,
    budget: budget === undefined ? undefined : { budget, price: budget.usd === undefined ? undefined : priceOf(client.prices, provider?.name, model) },
    repair: options.repair ?? client.repair,
    auto: candidates === undefined ? undefined : autoCall(client.baseURL, model, candidates),
  };
}

/** True when {@link prepareCall} failed. */
export function isPreparationError(value: PreparedCall | StructuredChatError): value is StructuredChatError {
  return "_tag" in value;
}

/**
 * Prepares a call: the {@link PreparedCall} itself when nothing needs the
 * network (the usual case, so the programs take no Effect step for it), else
 * an Effect that fails with the preparation error or inlines remote images
 * for data-URL-only providers.
 */
export function prepareCallNow<TModel extends ResponseModelInput>(
  client: InstructorClient,
  options: StreamingOptions<TModel>,
): PreparedCall | Effect.Effect<PreparedCall, StructuredChatError> {
  const prepared = prepareCall(client, options);
  if (isPreparationError(prepared)) return Effect.fail(prepared);
  if (!prepared.needsImageInlining) return prepared;
  return Effect.map(inlineRemoteImages(prepared.messages), (messages) => ({ ...prepared, messages }));
}
