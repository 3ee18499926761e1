import {
  isIterableResponseModel,
  type ResponseModel,
  type ResponseModelInput,
  resolveResponseModel,
  strictResponseModel,
  UnsupportedSchemaError,
} from "@cortex-ml/schemas";
import { Effect } from "effect";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { StructuredChatOptions } from "./call-options.js";
import type { ClientDefaults } from "./client-options.js";
import { type InstructorClient, mergeDefaults } from "./create-instructor.js";
import {
  InvalidArgumentError,
  ModelNotFoundError,
  ProviderConfigError,
  type StructuredChatError,
  type TransportError,
} from "./errors/index.js";
import type { Hooks } from "./hooks.js";
import type { ModeSettings, ModeStrategy } from "./modes/mode.js";
import { modeStrategy } from "./modes/mode-strategy.js";
import { inlineRemoteImages } from "./providers/inline-remote-images.js";

/** Request fields handled by cortex-ml itself, never passed through. */
const ownKeys = new Set([
  "model", "responseModel", "messages", "mode", "maxRetries", "transportRetry",
  "timeout", "totalTimeout", "schemaInPrompt", "signal", "temperature", "seed", "hooks",
]);

/** Everything a call needs, resolved once before its first request. */
export interface PreparedCall {
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
  /** Adds the provider's hint to a missing-model error. */
  readonly withProviderHint: (error: TransportError) => TransportError;
}

function hasImage(message: ChatCompletionMessageParam): boolean {
  return Array.isArray(message.content) && (message.content as Array<{ type: string }>).some((part) => part.type === "image_url");
}

/** The mode settings of a call, one shared object per combination (calls never change them). */
const modeSettingsFor: Readonly<Record<"plain" | "inPrompt" | "strict" | "strictInPrompt", ModeSettings>> = {
  plain: { schemaInPrompt: false, strict: false },
  inPrompt: { schemaInPrompt: true, strict: false },
  strict: { schemaInPrompt: false, strict: true },
  strictInPrompt: { schemaInPrompt: true, strict: true },
};

function modeSettings(schemaInPrompt: boolean, strict: boolean): ModeSettings {
  if (strict) return schemaInPrompt ? modeSettingsFor.strictInPrompt : modeSettingsFor.strict;
  return schemaInPrompt ? modeSettingsFor.inPrompt : modeSettingsFor.plain;
}

const noHooks: readonly (Hooks | undefined)[] = [];

function sameError(error: TransportError): TransportError {
  return error;
}

/** Adds the provider's `ollama pull`-style hint to a missing-model error (one function per provider). */
function providerHinter(provider: InstructorClient["provider"]): (error: TransportError) => TransportError {
  const hint = provider?.modelNotFoundHint;
  if (!hint) return sameError;
  let cached = hinters.get(hint);
  if (!cached) {
    cached = (error) =>
      error._tag === "ModelNotFoundError" && error.hint === undefined ? new ModelNotFoundError({ ...error, hint: hint(error.model) }) : error;
    hinters.set(hint, cached);
  }
  return cached;
}

const hinters = new WeakMap<(model: string) => string, (error: TransportError) => TransportError>();

function invalid(argument: string, problem: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument, problem });
}

/**
 * Resolves and checks a call's settings, mode, response model and messages,
 * synchronously: a {@link PreparedCall}, or the typed error naming the fix.
 * Remote images for data-URL-only providers are inlined by the caller
 * (`needsImageInlining`), since that needs the network.
 */
export function prepareCall<TModel extends ResponseModelInput>(
  client: InstructorClient,
  options: StructuredChatOptions<TModel>,
): (PreparedCall & { readonly needsImageInlining: boolean }) | StructuredChatError {
  let settings: ClientDefaults = client.defaults;
  const overrides =
    options.mode !== undefined ||
    options.maxRetries !== undefined ||
    options.transportRetry !== undefined ||
    options.timeout !== undefined ||
    options.totalTimeout !== undefined ||
    options.schemaInPrompt !== undefined ||
    options.temperature != null ||
    options.seed !== undefined;
  if (overrides) try {
    settings = mergeDefaults(client.defaults, {
      mode: options.mode,
      maxRetries: options.maxRetries,
      transportRetry: options.transportRetry,
      timeout: options.timeout,
      totalTimeout: options.totalTimeout,
      schemaInPrompt: options.schemaInPrompt,
      temperature: options.temperature ?? undefined,
      seed: options.seed,
    });
  } catch (error) {
    return error as InvalidArgumentError;
  }
  const strategy = modeStrategy(settings.mode);
  if (strategy instanceof InvalidArgumentError) return strategy;
  if (typeof options.model !== "string" || options.model.trim() === "") {
    return invalid("model", 'name the model to call, e.g. model: "llama3.2" (see `ollama list`).');
  }
  if (!Array.isArray(options.messages) || options.messages.length === 0) {
    return invalid("messages", 'give at least one message, e.g. buildMessages("Extract: John is 25").');
  }
  const provider = client.provider;
  if (provider && !provider.supportedModes.includes(settings.mode)) {
    return new ProviderConfigError({
      provider: provider.name,
      problem: `mode "${settings.mode}" is not supported here. Use one of: ${provider.supportedModes.map((mode) => `"${mode}"`).join(", ")} (default "${provider.defaultMode}").`,
      environmentVariable: undefined,
    });
  }
  const strict =
    provider?.strictSchemas === true && (settings.mode === "json_schema" || settings.mode === "tools" || settings.mode === "parallel_tools");
  let resolved: ResponseModel;
  try {
    resolved = resolveResponseModel(options.responseModel);
  } catch (error) {
    if (UnsupportedSchemaError.isInstance(error)) return error;
    return invalid("responseModel", `not a Valibot schema (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (settings.mode === "parallel_tools" && !isIterableResponseModel(resolved)) {
    return invalid("responseModel", "PARALLEL_TOOLS needs an iterable response model: iterable(union({ Weather, GoogleSearch })) or iterable(Schema).");
  }
  if (provider?.imageInput === "none" && options.messages.some(hasImage)) {
    return invalid("messages", `provider "${provider.name}" takes no images; send text only (or use a provider with a vision model).`);
  }
  const baseBody: Record<string, unknown> = {};
  for (const key in options) {
    const value = (options as unknown as Record<string, unknown>)[key];
    if (value !== undefined && !ownKeys.has(key)) baseBody[key] = value;
  }
  baseBody.model = options.model;
  baseBody.temperature = settings.temperature;
  if (settings.seed !== null) baseBody.seed = settings.seed;
  return {
    settings,
    strategy,
    modeSettings: modeSettings(settings.schemaInPrompt, strict),
    responseModel: strict ? strictResponseModel(resolved) : resolved,
    messages: options.messages,
    needsImageInlining: provider?.imageInput === "data-url-only",
    baseBody,
    maxAttempts: settings.maxRetries + 1,
    hookSets: client.hooks === undefined && options.hooks === undefined ? noHooks : [client.hooks, options.hooks],
    withProviderHint: providerHinter(provider),
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
  options: StructuredChatOptions<TModel>,
): PreparedCall | Effect.Effect<PreparedCall, StructuredChatError> {
  const prepared = prepareCall(client, options);
  if (isPreparationError(prepared)) return Effect.fail(prepared);
  if (!prepared.needsImageInlining) return prepared;
  return Effect.map(inlineRemoteImages(prepared.messages), (messages) => ({ ...prepared, messages }));
}
