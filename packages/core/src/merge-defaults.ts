import { countProblem, positiveProblem } from "./check-options.js";
import type { ClientDefaults } from "./client-options.js";
import { InvalidArgumentError, ProviderConfigError } from "./errors/index.js";
import { Mode } from "./modes/mode.js";
import { modeStrategy } from "./modes/mode-strategy.js";
import type { ProviderDefinition } from "./providers/provider-definition.js";
import type { TransportRetryPolicy } from "./transport/transport-retry-schedule.js";

/** Overrides of a client's or a call's settings; undefined fields keep the base value. */
export type DefaultsOverrides = {
  readonly [Key in keyof ClientDefaults]?: Key extends "transportRetry" ? Partial<TransportRetryPolicy> : ClientDefaults[Key];
};

/** A ProviderConfigError when the provider cannot do `mode`, naming the modes it can. */
export function unsupportedModeError(provider: ProviderDefinition | undefined, mode: Mode): ProviderConfigError | undefined {
  if (provider === undefined || mode === Mode.AUTO || provider.supportedModes.includes(mode)) return undefined;
  return new ProviderConfigError({
    provider: provider.name,
    problem: `mode "${mode}" is not supported here. Use one of: ${provider.supportedModes.map((name) => `"${name}"`).join(", ")}, or "auto" (default "${provider.defaultMode}").`,
    environmentVariable: undefined,
  });
}

function problemOf(overrides: DefaultsOverrides): InvalidArgumentError | undefined {
  const retry = overrides.transportRetry;
  const problem =
    countProblem("maxRetries", overrides.maxRetries) ??
    countProblem("transportRetry.maxRetries", retry?.maxRetries) ??
    countProblem("transportRetry.initialDelayMs", retry?.initialDelayMs) ??
    countProblem("transportRetry.maxDelayMs", retry?.maxDelayMs) ??
    positiveProblem("timeout", overrides.timeout) ??
    positiveProblem("totalTimeout", overrides.totalTimeout) ??
    positiveProblem("idleTimeout", overrides.idleTimeout);
  if (problem) return problem;
  const { temperature, seed, schemaInPrompt, mode } = overrides;
  if (temperature !== undefined && (typeof temperature !== "number" || !Number.isFinite(temperature))) {
    return new InvalidArgumentError({ argument: "temperature", problem: `expected a number, got ${JSON.stringify(temperature)}.` });
  }
  if (seed !== undefined && seed !== null && (typeof seed !== "number" || !Number.isInteger(seed))) {
    return new InvalidArgumentError({ argument: "seed", problem: `expected a whole number, or null to send none; got ${JSON.stringify(seed)}.` });
  }
  if (schemaInPrompt !== undefined && typeof schemaInPrompt !== "boolean") {
    return new InvalidArgumentError({ argument: "schemaInPrompt", problem: `expected true or false, got ${JSON.stringify(schemaInPrompt)}.` });
  }
  if (mode !== undefined && mode !== Mode.AUTO) {
    const strategy = modeStrategy(mode);
    if (strategy instanceof InvalidArgumentError) return strategy;
  }
  return undefined;
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

/**
 * Checks overrides and merges them over `base`: the merged settings, or the
 * error naming the wrong option (a mode the provider cannot do included).
 */
export function mergeDefaults(
  base: ClientDefaults,
  overrides: DefaultsOverrides,
  provider: ProviderDefinition | undefined,
): ClientDefaults | InvalidArgumentError | ProviderConfigError {
  const problem = problemOf(overrides);
  if (problem) return problem;
  const merged: ClientDefaults = {
    mode: overrides.mode ?? base.mode,
    temperature: overrides.temperature ?? base.temperature,
    seed: overrides.seed === undefined ? base.seed : overrides.seed,
    maxRetries: overrides.maxRetries ?? base.maxRetries,
    transportRetry: overrides.transportRetry ? { ...base.transportRetry, ...definedFields(overrides.transportRetry) } : base.transportRetry,
    timeout: overrides.timeout ?? base.timeout,
    totalTimeout: overrides.totalTimeout ?? base.totalTimeout,
    schemaInPrompt: overrides.schemaInPrompt ?? base.schemaInPrompt,
    idleTimeout: overrides.idleTimeout ?? base.idleTimeout,
  };
  return unsupportedModeError(provider, merged.mode) ?? merged;
}

/** True when {@link mergeDefaults} failed. */
export function isSettingsError(value: ClientDefaults | InvalidArgumentError | ProviderConfigError): value is InvalidArgumentError | ProviderConfigError {
  return value instanceof InvalidArgumentError || value instanceof ProviderConfigError;
}
