import { Effect } from "effect";
import type { ChatCompletion } from "openai/resources/chat/completions";
import type { StructuredChatResult } from "../call-options.js";
import { validateValue } from "../check-answer.js";
import type { StructuredChatError } from "../errors/index.js";
import { emitHook } from "../hooks.js";
import type { InstructorClient } from "../instructor-client.js";
import type { PreparedCall } from "../prepare-call.js";
import { traceCacheLookup } from "../telemetry/call-spans.js";
import { emptyUsage, type TokenUsage } from "../token-usage.js";
import type { CachedAnswer, CacheStore } from "./cache-store.js";

/** A call's place in its client's cache. */
export interface CallCache {
  readonly store: CacheStore;
  readonly key: string;
  readonly ttlMs: number | undefined;
}

/** A hit: the stored answer, validated again against today's schema. */
export interface CacheHit {
  readonly data: unknown;
  readonly answer: CachedAnswer;
}

function warn(client: InstructorClient, what: string, error: unknown): void {
  client.logger?.warn?.(`cortex-ml: the cache could not ${what} (${error instanceof Error ? error.message : String(error)}); the call went on without it.`);
}

/**
 * Looks the call up: a hit when the store has its key and the stored JSON
 * still validates against today's response model (a stale entry is deleted
 * and counts as a miss). A store that fails is a miss, with a warning: the
 * cache never fails a call. Tells `cache:hit` / `cache:miss`, and, with a
 * tracer, is the `cortex_ml.cache.lookup` span.
 */
export function readCache(client: InstructorClient, call: PreparedCall, cache: CallCache): Effect.Effect<CacheHit | undefined, StructuredChatError> {
  const lookup = lookUp(client, call, cache);
  return client.telemetry === undefined ? lookup : traceCacheLookup(client.telemetry, call, lookup);
}

function lookUp(client: InstructorClient, call: PreparedCall, cache: CallCache): Effect.Effect<CacheHit | undefined, StructuredChatError> {
  const where = { model: call.model, key: cache.key };
  return Effect.flatMap(
    Effect.promise(async () => {
      try {
        return await cache.store.get(cache.key);
      } catch (error) {
        warn(client, "be read", error);
        return undefined;
      }
    }),
    (answer) => {
      if (answer === undefined) {
        emitHook(call.hookSets, "cache:miss", where, client.logger);
        return Effect.succeed(undefined);
      }
      const checked = validateValue(call.responseModel, answer.value, answer.text);
      const judge = (check: Exclude<typeof checked, Effect.Effect<unknown, unknown>>): Effect.Effect<CacheHit | undefined> => {
        if (check.valid) {
          emitHook(call.hookSets, "cache:hit", where, client.logger);
          return Effect.succeed({ data: check.data, answer });
        }
        emitHook(call.hookSets, "cache:miss", where, client.logger);
        return Effect.promise(async () => {
          try {
            await cache.store.delete(cache.key);
          } catch (error) {
            warn(client, "drop a stale entry", error);
          }
          return undefined;
        });
      };
      return Effect.isEffect(checked) ? Effect.flatMap(checked, judge) : judge(checked);
    },
  );
}

/** Stores a valid answer (its parsed JSON and text); a store that fails only warns. */
export function writeCache(
  client: InstructorClient,
  call: PreparedCall,
  cache: CallCache,
  answer: { readonly input: unknown; readonly text: string | undefined; readonly usage: TokenUsage },
): Effect.Effect<void> {
  return Effect.promise(async () => {
    try {
      await cache.store.set(
        cache.key,
        { value: answer.input, text: answer.text ?? JSON.stringify(answer.input), model: call.model, usage: answer.usage, createdAt: Date.now() },
        cache.ttlMs,
      );
    } catch (error) {
      warn(client, "be written", error);
    }
  });
}

/** The completion a hit amounts to: the stored JSON as the content of a finished answer, with no usage. */
function cachedCompletion(answer: CachedAnswer): ChatCompletion {
  return {
    id: "chatcmpl-cache",
    object: "chat.completion",
    created: Math.floor(answer.createdAt / 1000),
    model: answer.model,
    choices: [{ index: 0, message: { role: "assistant", content: answer.text, refusal: null }, finish_reason: "stop", logprobs: null }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

/** The result of a call answered from the cache: no request, so no attempts and no tokens. */
export function cachedResult(hit: CacheHit): StructuredChatResult<unknown> {
  return { data: hit.data, completion: cachedCompletion(hit.answer), usage: emptyUsage, attempts: 0, rejectedAttempts: [], cache: "hit" };
}
