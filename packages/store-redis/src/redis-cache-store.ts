import type { CachedAnswer, CacheStats, CacheStore } from "@cortex-ml/core";
import { Redis, type RedisOptions } from "ioredis";

/** Options of {@link redisCacheStore}. */
export interface RedisCacheStoreOptions {
  /** Prefix of every key this store writes (and all `clear` removes). Default `cortex-ml:cache:`. */
  readonly prefix?: string;
  /** More `ioredis` options, for a store that makes its own connection. */
  readonly redis?: RedisOptions;
}

/** The URL with its password (and user) hidden, for stats and messages. */
function safeLocation(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    if (parsed.username) parsed.username = "***";
    return parsed.toString();
  } catch {
    return "redis";
  }
}

/**
 * A cache in Redis: one response cache shared by every process and machine
 * that points at it (`createInstructor({ cache: redisCacheStore("redis://cache:6379") })`).
 * Entries are JSON strings under `prefix + key`, expiring with Redis's own
 * `PX` when a time to live is set. Commands fail fast (one retry, 2 s to
 * connect) rather than queue forever, so an unreachable Redis costs a call a
 * warning, not its answer. Pass a URL (the store owns the connection and
 * `close()` ends it) or an `ioredis` client you manage.
 *
 * @example
 * const cache = redisCacheStore(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { prefix: "myapp:answers:" });
 * const client = createInstructor({ cache: { store: cache, ttl: 24 * 3600_000 } });
 */
export function redisCacheStore(connection: string | Redis, options: RedisCacheStoreOptions = {}): CacheStore {
  const prefix = options.prefix ?? "cortex-ml:cache:";
  const owned = typeof connection === "string";
  const redis =
    typeof connection === "string"
      ? new Redis(connection, { connectTimeout: 2_000, maxRetriesPerRequest: 1, retryStrategy: (times) => Math.min(times * 200, 2_000), ...options.redis })
      : connection;
  // A connection this store owns reports trouble through the failing commands (which the cache turns
  // into warnings); without a listener, ioredis would also print every reconnect error to stderr.
  if (owned) redis.on("error", () => undefined);
  const location = typeof connection === "string" ? safeLocation(connection) : `redis ${safeLocation(`redis://${redis.options.host ?? "localhost"}:${redis.options.port ?? 6379}`)}`;
  /** Every key of this store, a page at a time. */
  const eachPage = async (visit: (keys: string[]) => Promise<void>) => {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      if (keys.length > 0) await visit(keys);
      cursor = next;
    } while (cursor !== "0");
  };
  return {
    async get(key) {
      const text = await redis.get(prefix + key);
      return text === null ? undefined : (JSON.parse(text) as CachedAnswer);
    },
    async set(key, answer, ttlMs) {
      const text = JSON.stringify(answer);
      if (ttlMs === undefined) await redis.set(prefix + key, text);
      else await redis.set(prefix + key, text, "PX", Math.max(1, Math.round(ttlMs)));
    },
    async delete(key) {
      await redis.del(prefix + key);
    },
    async clear() {
      await eachPage(async (keys) => {
        await redis.unlink(...keys);
      });
    },
    async stats(): Promise<CacheStats> {
      let entries = 0;
      let bytes = 0;
      await eachPage(async (keys) => {
        entries += keys.length;
        const pipeline = redis.pipeline();
        for (const key of keys) pipeline.strlen(key);
        for (const [, length] of (await pipeline.exec()) ?? []) bytes += typeof length === "number" ? length : 0;
      });
      return { entries, bytes, location };
    },
    async close() {
      if (owned) await redis.quit().catch(() => redis.disconnect());
    },
  };
}
