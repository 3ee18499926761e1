import type { CachedAnswer, CacheStats, CacheStore } from "./cache-store.js";

/** Options of {@link memoryCacheStore}. */
export interface MemoryCacheStoreOptions {
  /** The most entries kept; the least recently used go first. Default 10,000. */
  readonly maxEntries?: number;
}

/**
 * A cache in this process's memory (gone when it exits): for tests, and for
 * servers that want a per-process cache. The least recently used entries are
 * dropped past `maxEntries`.
 *
 * @example
 * const client = createInstructor({ cache: memoryCacheStore() });
 */
export function memoryCacheStore(options: MemoryCacheStoreOptions = {}): CacheStore {
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, { answer: CachedAnswer; expiresAt: number | undefined }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) return undefined;
      entries.set(key, entry);
      return entry.answer;
    },
    set(key, answer, ttlMs) {
      entries.delete(key);
      entries.set(key, { answer, expiresAt: ttlMs === undefined ? undefined : Date.now() + ttlMs });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    delete(key) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
    },
    stats(): CacheStats {
      return { entries: entries.size, bytes: undefined, location: "memory" };
    },
  };
}
