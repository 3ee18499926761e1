import { InvalidArgumentError } from "../errors/index.js";
import type { CacheStore } from "./cache-store.js";
import { sqliteCacheStore } from "./sqlite-cache-store.js";

/** The `cache` option of a client: `true` for the default SQLite file, a store, or a store with a time to live. */
export type CacheOption = boolean | CacheStore | { readonly store?: CacheStore; readonly ttl?: number };

/** The `cache` option of one call: `false` skips the cache, `{ ttl }` sets how long this answer is kept. */
export type CallCacheOption = false | { readonly ttl?: number };

/** A client's cache: where answers go and how long they are kept by default. */
export interface ClientCache {
  readonly store: CacheStore;
  /** Default time to live of an entry, in milliseconds; undefined keeps entries until cleared. */
  readonly ttlMs: number | undefined;
}

function isStore(value: unknown): value is CacheStore {
  const candidate = value as Partial<CacheStore> | null;
  return typeof candidate === "object" && candidate !== null && typeof candidate.get === "function" && typeof candidate.set === "function";
}

function ttlProblem(argument: string, ttl: unknown): InvalidArgumentError | undefined {
  if (ttl === undefined || (typeof ttl === "number" && Number.isFinite(ttl) && ttl > 0)) return undefined;
  return new InvalidArgumentError({ argument, problem: `expected a positive number of milliseconds, got ${JSON.stringify(ttl)}.` });
}

/** Resolves a client's `cache` option, or throws an InvalidArgumentError naming what to pass. */
export function clientCache(option: CacheOption | undefined): ClientCache | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return { store: sqliteCacheStore(), ttlMs: undefined };
  if (isStore(option)) return { store: option, ttlMs: undefined };
  if (typeof option === "object" && option !== null) {
    const problem = ttlProblem("cache.ttl", option.ttl);
    if (problem) throw problem;
    if (option.store !== undefined && !isStore(option.store)) {
      throw new InvalidArgumentError({ argument: "cache.store", problem: "expected a cache store: memoryCacheStore(), sqliteCacheStore(path), or one of your own with get/set/delete/clear/stats." });
    }
    return { store: option.store ?? sqliteCacheStore(), ttlMs: option.ttl };
  }
  throw new InvalidArgumentError({
    argument: "cache",
    problem: `expected true (the SQLite file in ~/.cache/cortex-ml), a cache store, or { store, ttl }; got ${JSON.stringify(option)}.`,
  });
}

/** The time to live of one call's answer: the call's `cache.ttl`, else the client's; or the error naming a wrong value. */
export function callTtl(option: unknown, cache: ClientCache): number | undefined | InvalidArgumentError {
  if (option === undefined || option === true) return cache.ttlMs;
  if (typeof option !== "object" || option === null) {
    return new InvalidArgumentError({ argument: "cache", problem: `expected false (skip the cache) or { ttl }, got ${JSON.stringify(option)}.` });
  }
  const ttl = (option as { ttl?: unknown }).ttl;
  return ttlProblem("cache.ttl", ttl) ?? (ttl as number | undefined) ?? cache.ttlMs;
}
