/** One stored answer: the model's JSON (before validation) and what it cost when it was made. */
export interface CachedAnswer {
  /** The parsed JSON the model answered, before validation (validated again on every hit). */
  readonly value: unknown;
  /** The JSON text as the model wrote it (replayed to streaming calls). */
  readonly text: string;
  /** The model that answered. */
  readonly model: string;
  /** Tokens the original call used (a hit uses none). */
  readonly usage: { readonly promptTokens: number; readonly completionTokens: number; readonly totalTokens: number };
  /** When it was stored, in milliseconds since the epoch. */
  readonly createdAt: number;
}

/** Counts of a store, for `cortex-ml cache stats`. */
export interface CacheStats {
  readonly entries: number;
  /** Bytes the entries take, where the store knows. */
  readonly bytes: number | undefined;
  /** Where it is (a file path, a Redis URL without its password, "memory"). */
  readonly location: string;
}

/**
 * Where a client's cache keeps answers. Keys are hex digests of what
 * determines an answer (see `cacheKey`). Every method may be async; a store
 * that fails (a locked file, an unreachable Redis) rejects, and the call goes
 * on without its cache (a cache never fails a call).
 */
export interface CacheStore {
  /** The answer under `key`, or undefined (an expired entry is undefined). */
  get(key: string): Promise<CachedAnswer | undefined> | CachedAnswer | undefined;
  /** Stores an answer, to expire after `ttlMs` when given. */
  set(key: string, answer: CachedAnswer, ttlMs: number | undefined): Promise<void> | void;
  /** Removes one entry (a stale one that no longer validates). */
  delete(key: string): Promise<void> | void;
  /** Removes every entry. */
  clear(): Promise<void> | void;
  stats(): Promise<CacheStats> | CacheStats;
  /** Releases what the store holds open (a database file, a connection). */
  close?(): Promise<void> | void;
}
