import type { ChatCompletion, ChatCompletionCreateParams } from "openai/resources/chat/completions";
import type { AttemptRecord } from "./attempt.js";
import type { Logger } from "./logger.js";
import type { TokenUsage } from "./token-usage.js";

/** What every hook event says about where the call is. */
export interface HookAttempt {
  /** 1 for the first request, 2 for the first re-ask, ... */
  readonly attempt: number;
  /** The most attempts this call may make (`maxRetries + 1`). */
  readonly maxAttempts: number;
  readonly model: string;
}

/** What `cache:hit` and `cache:miss` say: the model and the call's cache key. */
export interface CacheEvent {
  readonly model: string;
  readonly key: string;
}

/**
 * Observers of a call, on a client and per call (both run, client first).
 * Names follow Python Instructor's hooks. A hook that throws is logged and
 * ignored: it never changes the call's outcome.
 */
export interface Hooks {
  /** Before each request, with the exact body sent (no API key is in it). */
  readonly "completion:kwargs"?: (event: HookAttempt & { readonly request: ChatCompletionCreateParams }) => void;
  /** After each completion arrives. */
  readonly "completion:response"?: (event: HookAttempt & { readonly completion: ChatCompletion }) => void;
  /**
   * Once, when a call that was sent ends with an error: a request that failed
   * after its transport retries, every answer rejected, a refusal, a cut-off
   * answer, the total deadline. `attempt` is the attempt it ended on. (Wrong
   * arguments fail before any request and are not reported here.)
   */
  readonly "completion:error"?: (event: HookAttempt & { readonly error: unknown }) => void;
  /** When the last allowed attempt's answer is rejected too. */
  readonly "completion:last_attempt"?: (event: HookAttempt & { readonly rejected: AttemptRecord }) => void;
  /** When an answer does not parse or validate (before the re-ask). */
  readonly "parse:error"?: (event: HookAttempt & { readonly rejected: AttemptRecord }) => void;
  /** A call answered from the cache: no request was sent. */
  readonly "cache:hit"?: (event: CacheEvent) => void;
  /** A call the cache could not answer (absent, expired, or stored JSON that no longer validates): it is sent. */
  readonly "cache:miss"?: (event: CacheEvent) => void;
  /** After each completion: its usage and the running total of the call. */
  readonly "completion:usage"?: (event: HookAttempt & { readonly usage: TokenUsage; readonly totalUsage: TokenUsage }) => void;
}

/** The name of a hook. */
export type HookName = keyof Hooks;

/** The event a hook receives. */
export type HookEvent<TName extends HookName> = Parameters<NonNullable<Hooks[TName]>>[0];

/** Calls the hook of that name on each hook set, isolating failures. */
export function emitHook<TName extends HookName>(
  hookSets: readonly (Hooks | undefined)[],
  name: TName,
  event: HookEvent<TName>,
  logger: Logger | undefined,
): void {
  for (const hooks of hookSets) {
    const hook = hooks?.[name] as ((event: HookEvent<TName>) => void) | undefined;
    if (!hook) continue;
    try {
      hook(event);
    } catch (error) {
      logger?.warn?.(`cortex-ml: the "${name}" hook threw and was ignored: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
